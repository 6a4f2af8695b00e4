package io.opstate.core;

import io.opstate.Health;
import io.opstate.Maintenance;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;

/** Checks the arguments of maintenance operations, then runs the backend's. A policy checks itself when built. */
final class ValidatingMaintenance implements Maintenance {
    private final Maintenance backend;

    ValidatingMaintenance(Maintenance backend) {
        this.backend = backend;
    }

    @Override
    public Health health() {
        return backend.health();
    }

    @Override
    public RetentionReport prune(RetentionPolicy policy, PruneMode mode, ProgressListener listener,
                                 Cancellation cancellation) {
        Checks.required("policy", policy);
        Checks.required("mode", mode);
        Checks.required("listener", listener);
        Checks.required("cancellation", cancellation);
        return backend.prune(policy, mode, listener, cancellation);
    }
}
