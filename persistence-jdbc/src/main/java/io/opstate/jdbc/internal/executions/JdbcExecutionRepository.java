package io.opstate.jdbc.internal.executions;

import io.opstate.IllegalTransitionException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.PersistenceException;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionRepository;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.MultiRowUpdate;
import io.opstate.jdbc.internal.MultiRowWrite.Row;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.PlainJdbc;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The shared SQL implementation of {@link ExecutionRepository}. Changes are allowed only while
 * an execution runs; a guarded statement that matches no row is explained by reading it
 * (missing, or already finished). Executions that several threads start at the same moment are
 * inserted with one statement ({@link ExecutionInserts}), and finished with one ({@link ExecutionFinishes}).
 * Thread-safe.
 */
public final class JdbcExecutionRepository implements ExecutionRepository {
    private static final String RETURNING = " RETURNING " + ExecutionMapper.COLUMNS;
    private static final String SELECT = "SELECT " + ExecutionMapper.COLUMNS + " FROM opstate_executions";
    static final String RUNNING = "'" + ExecutionStatus.RUNNING.label() + "'";
    private static final Keyset<Execution> KEYSET =
            new Keyset<>("started_at", "id", false, Execution::startedAt, Execution::id);

    private final JdbcContext context;
    private final ExecutionMapper mapper;
    private final MultiRowInsert<NewExecution, Execution> inserts;
    private final CompiledSql updateSteps;
    private final CompiledSql finish;
    private final MultiRowUpdate<ExecutionFinishes.Finish, Execution> finishes;
    private final CompiledSql byId;

    public JdbcExecutionRepository(JdbcContext context) {
        this.context = context;
        this.mapper = new ExecutionMapper(context.dialect());
        this.inserts = new MultiRowInsert<>(context, ExecutionInserts.INSERT_INTO, RETURNING, mapper,
                new ExecutionInserts(context.dialect()));
        this.updateSteps = context.compile("UPDATE opstate_executions SET steps = " + context.json("steps") + ", version = version + 1"
                + " WHERE id = :id AND status = " + RUNNING + RETURNING);
        this.finish = context.compile("UPDATE opstate_executions SET "
                + ExecutionFinishes.finishing(context.dialect(), ":status", ":error", context.json("steps"),
                        context.json("context"), "<now>")
                + " WHERE id = :id AND status = " + RUNNING + RETURNING);
        this.finishes = ExecutionFinishes.update(context, mapper, RETURNING, this::finishAlone);
        this.byId = context.compile(SELECT + " WHERE id = :id");
    }

    @Override
    public Execution start(NewExecution execution) {
        return inserts.insert(execution);
    }

    @Override
    public Execution updateSteps(String id, String stepsJson) {
        return whileRunning(id, ExecutionStatus.RUNNING, updateSteps, params -> params.text("steps", stepsJson));
    }

    /**
     * One statement: the duration is computed from the same {@code <now>} it stores as
     * {@code ended_at}; finishes of several threads at the same moment share it ({@link ExecutionFinishes}).
     */
    @Override
    public Execution finish(String id, ExecutionOutcome outcome) {
        return context.database().write(ErrorContext.of("execution", id), finishes,
                new Row<>(new ExecutionFinishes.Finish(id, outcome), context.now()));
    }

    private Execution finishAlone(PlainConnection connection, Row<ExecutionFinishes.Finish> row) {
        ExecutionOutcome outcome = row.value().outcome();
        return whileRunningOn(connection, row.value().id(), outcome.status(), finish, params -> row.now().bind(params)
                .text("status", outcome.status().label())
                .text("error", outcome.error())
                .text("steps", outcome.steps())
                .text("context", outcome.context()));
    }

    @Override
    public Optional<Execution> find(String id) {
        return context.database().readPlain(ErrorContext.NONE, connection -> find(connection, id));
    }

    @Override
    public Execution get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("execution", id));
    }

    @Override
    public Page<Execution> list(ExecutionQuery query, PageRequest page) {
        Filter filter = new Filter()
                .equalTo("schedule_id", query.scheduleId())
                .equalTo("pipeline", query.pipeline())
                // a constant, as for jobs; generic plans here chose the status index either way when
                // tried (StatusListingPlanTest covers jobs, where a bound status went wrong)
                .inLabels("status", query.status() == null ? null : List.of(query.status().label()))
                .atLeast("started_at", query.startedFrom())
                .before("started_at", query.startedBefore());
        return context.database().readPlain(ErrorContext.NONE,
                connection -> KEYSET.page(context, connection, SELECT, filter, page, mapper));
    }

    @Override
    public int deleteStartedBefore(Instant cutoff) {
        return context.database().write(ErrorContext.NONE, handle -> handle
                .createUpdate("DELETE FROM opstate_executions WHERE started_at < :cutoff").bind("cutoff", cutoff).execute());
    }

    /** Runs a statement guarded by {@code status = 'running'}; no row means missing or already finished. */
    private Execution whileRunning(String id, ExecutionStatus to, CompiledSql statement, PlainJdbc.Binder change) {
        return context.database().writePlain(ErrorContext.of("execution", id),
                connection -> whileRunningOn(connection, id, to, statement, change));
    }

    private Execution whileRunningOn(PlainConnection connection, String id, ExecutionStatus to, CompiledSql statement,
                                     PlainJdbc.Binder change) {
        return context.jdbc()
                .queryAtMostOne(connection, statement, params -> {
                    change.bind(params);
                    params.text("id", id);
                }, mapper)
                .orElseThrow(() -> notRunning(connection, id, to));
    }

    private PersistenceException notRunning(PlainConnection connection, String id, ExecutionStatus to) {
        return find(connection, id)
                .<PersistenceException>map(execution -> new IllegalTransitionException("execution", id,
                        execution.status().label(), to.label(), "it already finished"))
                .orElseGet(() -> new NotFoundException("execution", id));
    }

    private Optional<Execution> find(PlainConnection connection, String id) {
        return context.jdbc().queryAtMostOne(connection, byId, params -> params.text("id", id), mapper);
    }
}
