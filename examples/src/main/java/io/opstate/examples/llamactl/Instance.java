package io.opstate.examples.llamactl;

import java.time.Instant;
import java.util.Objects;

/**
 * A llamactl instance as its manager hands it to the {@link Database}. Immutable.
 *
 * @param name unique across all instances
 * @param created when it was first saved; null for one never saved (the store stamps it)
 * @param updated when it was last saved; null for one never saved
 * @param ownerUserId the user it belongs to, or null (llamactl does not have users yet)
 */
public record Instance(String name, InstanceStatus status, InstanceOptions options, String ownerUserId,
                       Instant created, Instant updated) {
    public Instance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(options, "options");
    }

    /** A new, stopped instance without owner. */
    public static Instance of(String name, InstanceOptions options) {
        return new Instance(name, InstanceStatus.STOPPED, options, null, null, null);
    }

    public Instance withStatus(InstanceStatus status) {
        return new Instance(name, status, options, ownerUserId, created, updated);
    }

    public Instance withOptions(InstanceOptions options) {
        return new Instance(name, status, options, ownerUserId, created, updated);
    }

    public Instance withOwnerUserId(String ownerUserId) {
        return new Instance(name, status, options, ownerUserId, created, updated);
    }
}
