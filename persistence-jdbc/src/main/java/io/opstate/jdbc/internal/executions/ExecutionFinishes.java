package io.opstate.jdbc.internal.executions;

import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowUpdate;
import io.opstate.jdbc.internal.Params;
import java.sql.SQLException;

/**
 * Finishes of running executions for a {@link MultiRowUpdate}: executions that several threads
 * finish at the same moment end in one guarded {@code UPDATE ... RETURNING}, each with its own
 * status, error, steps, context and end time. Stateless, thread-safe.
 */
final class ExecutionFinishes implements MultiRowUpdate.Change<ExecutionFinishes.Finish> {
    /** One caller's finish of a running execution. */
    record Finish(String id, ExecutionOutcome outcome) {
    }

    private final SqlDialect dialect;

    private ExecutionFinishes(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The update, on {@code context}'s store; {@code alone} finishes one execution, explaining one
     * that is missing or already finished.
     */
    static MultiRowUpdate<Finish, Execution> update(JdbcContext context, ExecutionMapper mapper, String returning,
                                                    MultiRowUpdate.Alone<Finish, Execution> alone) {
        MultiRowUpdate.Statement statement = new MultiRowUpdate.Statement("opstate_executions",
                "v_id, v_status, v_error, v_steps, v_context, v_now",
                finishing(context.dialect(), "v.v_status", "v.v_error", "v.v_steps", "v.v_context", "v.v_now"),
                "opstate_executions.status = " + JdbcExecutionRepository.RUNNING, returning);
        return new MultiRowUpdate<>(context, statement, mapper, Execution::id, new ExecutionFinishes(context.dialect()),
                alone);
    }

    /**
     * What finishing does to a running execution, given the SQL of the new status, error, steps
     * and context (null keeps the stored one) and end time; the duration is computed from the same
     * end time.
     */
    static String finishing(SqlDialect dialect, String status, String error, String steps, String context,
                            String now) {
        return "status = " + status + ", ended_at = " + now + ", duration_millis = "
                + dialect.millisBetween("started_at", now) + ", error = " + error + ", steps = COALESCE(" + steps
                + ", steps), context = COALESCE(" + context + ", context), version = version + 1";
    }

    @Override
    public String row(String suffix, String now) {
        return "(:id" + suffix + ", :status" + suffix + ", :error" + suffix + ", "
                + dialect.jsonParameter("steps" + suffix) + ", "
                + dialect.jsonParameter("context" + suffix) + ", " + now + ")";
    }

    @Override
    public void bind(Params params, Finish finish) throws SQLException {
        params.text("id", finish.id())
                .text("status", finish.outcome().status().label())
                .text("error", finish.outcome().error())
                .text("steps", finish.outcome().steps())
                .text("context", finish.outcome().context());
    }

    @Override
    public String idOf(Finish finish) {
        return finish.id();
    }
}
