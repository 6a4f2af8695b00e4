package io.opstate.jdbc.internal.jobs;

import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.Database;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowWrite;
import io.opstate.jdbc.internal.Params;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jdbi.v3.core.Handle;

/**
 * Inserts new jobs. Jobs that several threads create at the same moment go in one multi-row
 * {@code INSERT ... RETURNING} (one statement to prepare and run instead of one per job); each
 * keeps its own creation time. Rows come back in no promised order, so they are matched to the
 * jobs by id. Thread-safe.
 */
final class JobInserts implements MultiRowWrite<JobInserts.Insert, Job> {
    /** One job to insert, stamped with the time of the call that creates it. */
    record Insert(NewJob job, StoreTime.Stamp now) {
    }

    private final JdbcContext context;
    private final JobSql sql;
    private final JobMapper mapper;
    private final boolean databaseTime;
    private final CompiledSql single;
    /** The statement for n rows at index n, built on first use. */
    private final AtomicReferenceArray<CompiledSql> multiRow =
            new AtomicReferenceArray<>(Database.MAX_WRITES_PER_COMMIT + 1);

    JobInserts(JdbcContext context, JobSql sql, JobMapper mapper) {
        this.context = context;
        this.sql = sql;
        this.mapper = mapper;
        this.databaseTime = context.time().fromDatabase();
        this.single = context.compile(sql.insert);
    }

    @Override
    public List<Job> writeAll(Handle handle, List<Insert> inserts) {
        if (inserts.size() == 1) {
            return List.of(insertOne(handle, inserts.get(0).job(), inserts.get(0).now()));
        }
        List<Job> rows = context.jdbc().query(handle, multiRowStatement(inserts.size()), params -> {
            for (int i = 0; i < inserts.size(); i++) {
                bind(params, String.valueOf(i), inserts.get(i).job());
                inserts.get(i).now().bindAs(params, "now" + i);
            }
        }, mapper);
        Map<String, Job> byId = new HashMap<>();
        for (Job job : rows) {
            byId.put(job.id(), job);
        }
        List<Job> created = new ArrayList<>(inserts.size());
        for (Insert insert : inserts) {
            Job job = byId.get(insert.job().id());
            if (job == null) {
                throw new IllegalStateException("bug: the insert returned no row for job " + insert.job().id());
            }
            created.add(job);
        }
        return created;
    }

    /** Inserts one job on {@code handle}; a duplicate id is reported as this job's. */
    Job insertOne(Handle handle, NewJob job, StoreTime.Stamp now) {
        try {
            return context.jdbc().queryAtMostOne(handle, single, params -> bind(now.bind(params), "", job), mapper)
                    .orElseThrow(() -> new IllegalStateException("bug: the insert of job " + job.id() + " returned no row"));
        } catch (RuntimeException e) {
            throw context.database().translate(e, ErrorContext.of("job", job.id()));
        }
    }

    private static void bind(Params params, String suffix, NewJob job) throws SQLException {
        params.text("id" + suffix, job.id())
                .text("type" + suffix, job.type())
                .text("stage" + suffix, job.stage())
                .text("message" + suffix, job.message())
                .text("payload" + suffix, job.payload())
                .integer("maxAttempts" + suffix, job.maxAttempts())
                .integer("priority" + suffix, job.priority())
                .time("notBefore" + suffix, job.notBefore());
    }

    private CompiledSql multiRowStatement(int rows) {
        CompiledSql statement = multiRow.get(rows);
        if (statement == null) {
            StringJoiner values = new StringJoiner(", ", JobSql.INSERT_INTO, JobSql.RETURNING);
            for (int i = 0; i < rows; i++) {
                values.add(sql.insertValues(String.valueOf(i), databaseTime ? "<now>" : ":now" + i));
            }
            statement = context.compile(values.toString());
            multiRow.set(rows, statement);
        }
        return statement;
    }
}
