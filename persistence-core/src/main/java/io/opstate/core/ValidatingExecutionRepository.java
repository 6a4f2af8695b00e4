package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionRepository;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks and normalises the arguments of every {@link ExecutionRepository} call, then delegates. */
final class ValidatingExecutionRepository implements ExecutionRepository {
    private final ExecutionRepository backend;
    private final int maxPayloadBytes;

    ValidatingExecutionRepository(ExecutionRepository backend, int maxPayloadBytes) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public Execution start(NewExecution execution) {
        Checks.required("execution", execution);
        String id = execution.id() == null ? Ids.newId() : TextChecks.name("id", execution.id());
        return backend.start(new NewExecution(
                id,
                TextChecks.optionalName("scheduleId", execution.scheduleId()),
                TextChecks.optionalName("jobId", execution.jobId()),
                TextChecks.name("pipeline", execution.pipeline()),
                TextChecks.name("triggeredBy", execution.triggeredBy()),
                JsonChecks.optional("context", execution.context(), maxPayloadBytes),
                JsonChecks.optional("steps", execution.steps(), maxPayloadBytes)));
    }

    @Override
    public Execution updateSteps(String id, String stepsJson) {
        TextChecks.name("id", id);
        return backend.updateSteps(id, JsonChecks.optional("steps", stepsJson, maxPayloadBytes));
    }

    @Override
    public Execution finish(String id, ExecutionOutcome outcome) {
        TextChecks.name("id", id);
        Checks.required("outcome", outcome);
        ExecutionStatus status = Checks.required("status", outcome.status());
        if (status == ExecutionStatus.RUNNING) {
            throw new InvalidInputException("status", "must be succeeded, failed or cancelled to finish, got running");
        }
        // Like a job's, an execution's failure is never lost for being long: its head is kept.
        String error = TextChecks.text("error", TextCuts.toChars(outcome.error(), TextChecks.MAX_TEXT_LENGTH));
        JsonChecks.optional("steps", outcome.steps(), maxPayloadBytes);
        JsonChecks.optional("context", outcome.context(), maxPayloadBytes);
        return backend.finish(id, new ExecutionOutcome(status, error, outcome.steps(), outcome.context()));
    }

    @Override
    public Optional<Execution> find(String id) {
        return KeyReads.find("id", id, backend::find);
    }

    @Override
    public Execution get(String id) {
        return KeyReads.get("id", "execution", id, backend::get);
    }

    @Override
    public Page<Execution> list(ExecutionQuery query, PageRequest page) {
        ExecutionQuery checkedQuery = checked(query);
        return backend.list(checkedQuery, Checks.page(page, false));
    }

    /** Checks the query now, not when the first page is pulled; the backend walks checked pages. */
    @Override
    public Stream<Execution> stream(ExecutionQuery query, SortOrder order) {
        return backend.stream(checked(query), Checks.order(order));
    }

    @Override
    public int deleteStartedBefore(Instant cutoff) {
        return backend.deleteStartedBefore(Checks.requiredInstant("cutoff", cutoff));
    }

    /** A null query means every execution. */
    private static ExecutionQuery checked(ExecutionQuery query) {
        if (query == null) {
            return ExecutionQuery.all();
        }
        return new ExecutionQuery(
                TextChecks.optionalName("scheduleId", query.scheduleId()),
                TextChecks.optionalName("pipeline", query.pipeline()),
                query.status(),
                Checks.instant("startedFrom", query.startedFrom()),
                Checks.instant("startedBefore", query.startedBefore()));
    }
}
