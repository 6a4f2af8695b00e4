package io.opstate.examples.llamactl;

import java.util.Arrays;

/** The backends an instance can run on: the {@code backend_type} column's CHECK constraint. */
public enum BackendType {
    LLAMA_CPP("llama_cpp"),
    MLX_LM("mlx_lm"),
    VLLM("vllm");

    private final String wire;

    BackendType(String wire) {
        this.wire = wire;
    }

    /** The name llamactl stores and its JSON files carry, e.g. {@code llama_cpp}. */
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException naming the value and the allowed ones */
    public static BackendType fromWire(String wire) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("backend_type: unknown backend '" + wire
                        + "'; expected llama_cpp, mlx_lm or vllm"));
    }

    /** Every wire name, in declaration order: the values the resource kind allows. */
    static String[] wires() {
        return Arrays.stream(values()).map(BackendType::wire).toArray(String[]::new);
    }
}
