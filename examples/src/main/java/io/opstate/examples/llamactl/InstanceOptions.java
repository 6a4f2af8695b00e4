package io.opstate.examples.llamactl;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An instance's options, as llamactl's {@code Options} holds them. The boxed fields are the Go
 * pointers: null means "not given", and {@link #withDefaults()} fills in the column defaults the
 * plan's table declares ({@code max_restarts} -1, every other number 0, every flag false).
 * Immutable; the collections are sorted copies.
 *
 * @param backendType required
 * @param backendOptions the typed backend options (model path, port, ...), stored as
 *     {@code backend_config_json}; null is empty
 * @param nodes the nodes the instance runs on; null is none
 * @param environment extra environment of the backend process; null is empty
 */
public record InstanceOptions(BackendType backendType, Map<String, Object> backendOptions, Boolean autoRestart,
                              Integer maxRestarts, Integer restartDelay, Boolean onDemandStart, Integer idleTimeout,
                              Boolean dockerEnabled, String commandOverride, Set<String> nodes,
                              Map<String, String> environment) {
    static final int DEFAULT_MAX_RESTARTS = -1;

    public InstanceOptions {
        Objects.requireNonNull(backendType, "backendType");
        backendOptions = backendOptions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(backendOptions));
        nodes = nodes == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(nodes));
        environment = environment == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(environment));
    }

    /** Options for {@code backendType} with these backend options and nothing else given. */
    public static InstanceOptions of(BackendType backendType, Map<String, Object> backendOptions) {
        return new InstanceOptions(backendType, backendOptions, null, null, null, null, null, null, null, null, null);
    }

    /** These options, restarting automatically up to {@code maxRestarts} times, {@code delaySeconds} apart. */
    public InstanceOptions withAutoRestart(int maxRestarts, int delaySeconds) {
        return new InstanceOptions(backendType, backendOptions, true, maxRestarts, delaySeconds, onDemandStart,
                idleTimeout, dockerEnabled, commandOverride, nodes, environment);
    }

    /** These options, started on the first request and stopped after {@code idleMinutes} without one. */
    public InstanceOptions withOnDemandStart(int idleMinutes) {
        return new InstanceOptions(backendType, backendOptions, autoRestart, maxRestarts, restartDelay, true,
                idleMinutes, dockerEnabled, commandOverride, nodes, environment);
    }

    public InstanceOptions withDocker(String commandOverride) {
        return new InstanceOptions(backendType, backendOptions, autoRestart, maxRestarts, restartDelay, onDemandStart,
                idleTimeout, true, commandOverride, nodes, environment);
    }

    public InstanceOptions withNodes(Set<String> nodes) {
        return new InstanceOptions(backendType, backendOptions, autoRestart, maxRestarts, restartDelay, onDemandStart,
                idleTimeout, dockerEnabled, commandOverride, nodes, environment);
    }

    public InstanceOptions withEnvironment(Map<String, String> environment) {
        return new InstanceOptions(backendType, backendOptions, autoRestart, maxRestarts, restartDelay, onDemandStart,
                idleTimeout, dockerEnabled, commandOverride, nodes, environment);
    }

    /** These options with every field not given set to its column default, as a row read back holds them. */
    public InstanceOptions withDefaults() {
        return new InstanceOptions(backendType, backendOptions, or(autoRestart, false),
                or(maxRestarts, DEFAULT_MAX_RESTARTS), or(restartDelay, 0), or(onDemandStart, false),
                or(idleTimeout, 0), or(dockerEnabled, false), commandOverride, nodes, environment);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
