package io.opstate.examples.llamactl;

import java.util.Arrays;

/** An instance's status: the {@code status} column's CHECK constraint; new instances are {@link #STOPPED}. */
public enum InstanceStatus {
    STOPPED("stopped"),
    RUNNING("running"),
    FAILED("failed"),
    RESTARTING("restarting"),
    SHUTTING_DOWN("shutting_down");

    private final String wire;

    InstanceStatus(String wire) {
        this.wire = wire;
    }

    /** The name llamactl stores, e.g. {@code shutting_down}. */
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException naming the value and the allowed ones */
    public static InstanceStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(status -> status.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("status: unknown status '" + wire
                        + "'; expected stopped, running, failed, restarting or shutting_down"));
    }

    /** Every wire name but the initial one: the other statuses the resource kind allows. */
    static String[] otherWires() {
        return Arrays.stream(values()).filter(status -> status != STOPPED).map(InstanceStatus::wire)
                .toArray(String[]::new);
    }
}
