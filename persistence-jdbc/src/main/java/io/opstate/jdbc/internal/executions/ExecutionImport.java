package io.opstate.jdbc.internal.executions;

import io.opstate.executions.Execution;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.Params;
import java.sql.SQLException;
import java.util.List;

/**
 * Imports executions as they were ({@link io.opstate.imports.RecordImport#importExecutions}):
 * every column from the record. An unknown schedule is reported as the schedule's
 * {@link io.opstate.NotFoundException}. Records arrive checked and normalised, durations
 * derived. Thread-safe.
 */
public final class ExecutionImport {
    private static final String INSERT_INTO = "INSERT INTO opstate_executions (" + ExecutionMapper.COLUMNS + ") VALUES ";

    private final JdbcContext context;
    private final MultiRowInsert<Execution, Execution> inserts;

    public ExecutionImport(JdbcContext context) {
        this.context = context;
        this.inserts = new MultiRowInsert<>(context, INSERT_INTO, " RETURNING " + ExecutionMapper.COLUMNS,
                new ExecutionMapper(context.dialect()), new Rows(context));
    }

    /** Writes {@code executions} in one write: all of them, or none. */
    public List<Execution> importAll(List<Execution> executions) {
        return context.database().writePlain(ErrorContext.NONE,
                connection -> inserts.insertEach(connection, executions, context.now()));
    }

    private record Rows(JdbcContext context) implements MultiRowInsert.Table<Execution, Execution> {
        @Override
        public String row(String suffix, String now) {
            return "(:id" + suffix + ", :scheduleId" + suffix + ", :jobId" + suffix + ", :pipeline" + suffix + ", :status"
                    + suffix + ", :startedAt" + suffix + ", :endedAt" + suffix + ", :durationMillis" + suffix + ", :error"
                    + suffix + ", " + context.json("context" + suffix) + ", " + context.json("steps" + suffix) + ", :triggeredBy"
                    + suffix + ", :version" + suffix + ")";
        }

        @Override
        public void bind(Params params, Execution execution) throws SQLException {
            params.text("id", execution.id())
                    .text("scheduleId", execution.scheduleId())
                    .text("jobId", execution.jobId())
                    .text("pipeline", execution.pipeline())
                    .text("status", execution.status().label())
                    .time("startedAt", execution.startedAt())
                    .time("endedAt", execution.endedAt())
                    .bigint("durationMillis", execution.durationMillis())
                    .text("error", execution.error())
                    .text("context", execution.context())
                    .text("steps", execution.steps())
                    .text("triggeredBy", execution.triggeredBy())
                    .bigint("version", execution.version());
        }

        @Override
        public ErrorContext about(Execution execution) {
            return ErrorContext.of("execution", execution.id()).referencing("schedule", execution.scheduleId());
        }

        @Override
        public String id(Execution stored) {
            return stored.id();
        }
    }
}
