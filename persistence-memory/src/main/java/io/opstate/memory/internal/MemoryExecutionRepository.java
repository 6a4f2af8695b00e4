package io.opstate.memory.internal;

import io.opstate.IllegalTransitionException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionRepository;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** {@link ExecutionRepository} on a {@link MemoryStore}. Thread-safe; each method is atomic. */
final class MemoryExecutionRepository implements ExecutionRepository {
    private final Session session;

    MemoryExecutionRepository(Session session) {
        this.session = session;
    }

    @Override
    public Execution start(NewExecution execution) {
        return session.write(store -> {
            if (execution.scheduleId() != null) {
                store.schedules.require(execution.scheduleId());
            }
            return store.executions.insert(new Execution(execution.id(), execution.scheduleId(), execution.jobId(),
                    execution.pipeline(), ExecutionStatus.RUNNING, session.now(), null, null, null,
                    execution.context(), execution.steps(), execution.triggeredBy(), 1L));
        });
    }

    @Override
    public Execution updateSteps(String id, String stepsJson) {
        return session.write(store -> {
            Execution current = running(store, id, ExecutionStatus.RUNNING, "steps change only while it runs");
            return store.executions.update(new Execution(id, current.scheduleId(), current.jobId(),
                    current.pipeline(), current.status(), current.startedAt(), null, null, current.error(),
                    current.context(), stepsJson, current.triggeredBy(), current.version() + 1));
        });
    }

    @Override
    public Execution finish(String id, ExecutionOutcome outcome) {
        return session.write(store -> {
            Execution current = running(store, id, outcome.status(), "it already finished");
            Instant now = session.now();
            long durationMillis = Duration.between(current.startedAt(), now).toMillis();
            return store.executions.update(new Execution(id, current.scheduleId(), current.jobId(),
                    current.pipeline(), outcome.status(), current.startedAt(), now, durationMillis,
                    outcome.error(), outcome.context() != null ? outcome.context() : current.context(), outcome.steps() != null ? outcome.steps() : current.steps(),
                    current.triggeredBy(), current.version() + 1));
        });
    }

    @Override
    public Optional<Execution> find(String id) {
        return session.read(store -> Optional.ofNullable(store.executions.find(id)));
    }

    @Override
    public Execution get(String id) {
        return session.read(store -> store.executions.require(id));
    }

    @Override
    public Page<Execution> list(ExecutionQuery query, PageRequest page) {
        return session.read(store -> Pager.page(store.executionsByStart, matching(query), page));
    }

    @Override
    public int deleteStartedBefore(Instant cutoff) {
        return session.write(store -> store.executions.deleteWhere(
                execution -> execution.startedAt().isBefore(cutoff)));
    }

    /** The execution, which must still be running to go to {@code to}. */
    private static Execution running(MemoryStore store, String id, ExecutionStatus to, String reason) {
        Execution execution = store.executions.require(id);
        if (execution.status() != ExecutionStatus.RUNNING) {
            throw new IllegalTransitionException("execution", id, execution.status().label(), to.label(), reason);
        }
        return execution;
    }

    private static Predicate<Execution> matching(ExecutionQuery query) {
        return execution -> (query.scheduleId() == null || query.scheduleId().equals(execution.scheduleId()))
                && (query.pipeline() == null || query.pipeline().equals(execution.pipeline()))
                && (query.status() == null || query.status() == execution.status())
                && (query.startedFrom() == null || !execution.startedAt().isBefore(query.startedFrom()))
                && (query.startedBefore() == null || execution.startedAt().isBefore(query.startedBefore()));
    }
}
