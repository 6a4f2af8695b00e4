package io.opstate.benchmarks;

import io.opstate.Durability;
import java.util.Arrays;

/**
 * The stores a benchmark runs on, named as the JMH parameter {@code backend}. Adding a backend
 * is adding a value here and the connection details in {@link BenchEnv}.
 */
public enum Backend {
    MEMORY("memory", Durability.NORMAL),
    SQLITE_NORMAL("sqlite-normal", Durability.NORMAL),
    SQLITE_FULL("sqlite-full", Durability.FULL),
    POSTGRES("postgres", Durability.NORMAL);

    private final String label;
    private final Durability durability;

    Backend(String label, Durability durability) {
        this.label = label;
        this.durability = durability;
    }

    /** The backend named {@code label}, e.g. {@code sqlite-full}. */
    public static Backend of(String label) {
        return Arrays.stream(values())
                .filter(b -> b.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown backend '" + label + "', expected one of "
                        + Arrays.stream(values()).map(b -> b.label).toList()));
    }

    public String label() {
        return label;
    }

    /** OpState's durability setting: SQLite {@code synchronous=NORMAL} or {@code FULL}. */
    public Durability durability() {
        return durability;
    }

    public boolean sqlite() {
        return this == SQLITE_NORMAL || this == SQLITE_FULL;
    }

    public boolean postgres() {
        return this == POSTGRES;
    }

    public boolean memory() {
        return this == MEMORY;
    }
}
