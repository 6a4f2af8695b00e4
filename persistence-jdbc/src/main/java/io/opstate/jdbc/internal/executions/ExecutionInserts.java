package io.opstate.jdbc.internal.executions;

import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.Params;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The rows of started executions for a {@link MultiRowInsert}: executions that several threads
 * start at the same moment go in one {@code INSERT ... RETURNING}, each running, version 1, started
 * at its own time. A duplicate id is reported as the execution's, an unknown schedule as the
 * schedule's. A started execution's row is its input, running and version 1, so it reads back as
 * {@link #stored} builds it. Stateless, thread-safe.
 */
final class ExecutionInserts implements MultiRowInsert.StoredAsGiven<NewExecution, Execution> {
    static final String INSERT_INTO = "INSERT INTO opstate_executions (id, schedule_id, job_id, pipeline, status, started_at,"
            + " context, steps, triggered_by, version) VALUES ";

    private final SqlDialect dialect;

    ExecutionInserts(SqlDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public String row(String suffix, String now) {
        return "(:id" + suffix + ", :scheduleId" + suffix + ", :jobId" + suffix + ", :pipeline" + suffix + ", "
                + JdbcExecutionRepository.RUNNING + ", " + now + ", " + dialect.jsonParameter("context" + suffix) + ", "
                + dialect.jsonParameter("steps" + suffix) + ", :triggeredBy" + suffix + ", 1)";
    }

    @Override
    public void bind(Params params, NewExecution execution) throws SQLException {
        params.text("id", execution.id())
                .text("scheduleId", execution.scheduleId())
                .text("jobId", execution.jobId())
                .text("pipeline", execution.pipeline())
                .text("context", execution.context())
                .text("steps", execution.steps())
                .text("triggeredBy", execution.triggeredBy());
    }

    /** The execution {@link #row} writes: keep the two alike. */
    @Override
    public Execution stored(NewExecution execution, Instant now) {
        return new Execution(execution.id(), execution.scheduleId(), execution.jobId(), execution.pipeline(),
                ExecutionStatus.RUNNING, now, null, null, null, execution.context(), execution.steps(),
                execution.triggeredBy(), 1);
    }

    @Override
    public ErrorContext about(NewExecution execution) {
        return ErrorContext.of("execution", execution.id()).referencing("schedule", execution.scheduleId());
    }

    @Override
    public String id(Execution stored) {
        return stored.id();
    }
}
