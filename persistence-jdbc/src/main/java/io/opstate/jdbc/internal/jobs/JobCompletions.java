package io.opstate.jdbc.internal.jobs;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowUpdate;
import io.opstate.jdbc.internal.Params;
import io.opstate.jobs.Job;
import java.sql.SQLException;

/**
 * Completions of held jobs for a {@link MultiRowUpdate}: workers that complete jobs at the same
 * moment do it in one guarded {@code UPDATE ... RETURNING}, each job with its own result, time and
 * fencing token. Stateless, thread-safe.
 */
final class JobCompletions implements MultiRowUpdate.Change<JobCompletions.Completion> {
    /** One worker's completion of the job it holds under {@code token}. */
    record Completion(String id, long token, String result) {
    }

    private final SqlDialect dialect;

    private JobCompletions(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The update, on {@code context}'s store; {@code alone} completes one job, explaining a lost lease. */
    static MultiRowUpdate<Completion, Job> update(JdbcContext context, JobMapper mapper,
                                                  MultiRowUpdate.Alone<Completion, Job> alone) {
        MultiRowUpdate.Statement statement = new MultiRowUpdate.Statement("opstate_jobs", "v_id, v_token, v_result, v_now",
                JobSql.completion("v.v_result", "v.v_now"),
                "opstate_jobs.status = " + JobSql.RUNNING + " AND opstate_jobs.claim_token = v.v_token", JobSql.RETURNING);
        return new MultiRowUpdate<>(context, statement, mapper, Job::id, new JobCompletions(context.dialect()), alone);
    }

    @Override
    public String row(String suffix, String now) {
        return "(:id" + suffix + ", :token" + suffix + ", " + dialect.jsonParameter("result" + suffix) + ", " + now + ")";
    }

    @Override
    public void bind(Params params, Completion completion) throws SQLException {
        params.text("id", completion.id())
                .bigint("token", completion.token())
                .text("result", completion.result());
    }

    @Override
    public String idOf(Completion completion) {
        return completion.id();
    }
}
