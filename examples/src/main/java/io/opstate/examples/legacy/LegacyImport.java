package io.opstate.examples.legacy;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.examples.Json;
import io.opstate.history.NewHistoryEvent;
import io.opstate.imports.RecordImport;
import io.opstate.spi.Urls;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A second example host: a one-time migration of a legacy SQLite file into an OpState store,
 * keeping every record as it was. The file holds the inference server's {@code jobs} table
 * (seed 003) and Mimir's {@code pipelines}, {@code scheduled_jobs} and {@code job_executions}
 * (seed 002); it is read with plain JDBC, each row mapped to an OpState record
 * ({@link InferenceJobs}, {@link MimirTables}) and written with {@link Datastore#records()} in
 * batches, all of it in one transaction: a row OpState refuses (times out of order, a config
 * that is not JSON) leaves the store as it was, and the message names the record's place in its
 * batch of {@value RecordImport#MAX_BATCH} rows, in key order, and the field.
 *
 * <pre>
 * java io.opstate.examples.legacy.LegacyImport legacy.db [opstate-url]
 * </pre>
 *
 * The store defaults to {@code OPSTATE_URL}, else {@code jdbc:sqlite:data/imported.db}.
 */
public final class LegacyImport {
    private static final String DEFAULT_TARGET = "jdbc:sqlite:data/imported.db";

    private LegacyImport() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: LegacyImport <legacy.db> [opstate-url]");
            System.exit(2);
        }
        String target = args.length == 2 ? args[1]
                : System.getenv().getOrDefault("OPSTATE_URL", DEFAULT_TARGET);
        try (Connection legacy = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Datastore store = Persistence.open(target)) {
            System.out.printf("Importing %s into %s (%s)%n", args[0], Urls.mask(target), store.backendName());
            Map<String, Integer> counts = run(legacy, store);
            print(counts, System.out);
        }
    }

    /**
     * Imports every row of the four legacy tables into {@code store}, in one transaction, and
     * records a {@code legacy.imported} history event with the counts.
     *
     * @return rows imported per legacy table, in import order
     * @throws io.opstate.PersistenceException when OpState refuses a record; nothing is written
     * @throws IllegalArgumentException naming the table and column of a value no OpState record
     *     can hold (an unknown status, an unreadable time); nothing is written
     */
    public static Map<String, Integer> run(Connection legacy, Datastore store) {
        return store.inTransaction(transaction -> {
            RecordImport records = transaction.records();
            Map<String, Integer> counts = new LinkedHashMap<>();
            // Schedules before the executions that name them.
            counts.put("pipelines", copy(legacy, MimirTables.PIPELINES, records, RecordImport::importPipelines));
            counts.put("scheduled_jobs", copy(legacy, MimirTables.SCHEDULES, records, RecordImport::importSchedules));
            counts.put("job_executions", copy(legacy, MimirTables.EXECUTIONS, records, RecordImport::importExecutions));
            counts.put("jobs", copy(legacy, InferenceJobs.TABLE, records, RecordImport::importJobs));
            transaction.history().append(NewHistoryEvent.of("legacy.imported").withMetadata(Json.object(counts)));
            return counts;
        });
    }

    private static <T> int copy(Connection legacy, LegacyTable<T> table, RecordImport records,
                                BiFunction<RecordImport, List<T>, List<T>> importer) {
        try {
            return table.read(legacy, RecordImport.MAX_BATCH, batch -> importer.apply(records, batch));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the legacy table " + table.name() + " failed: " + e.getMessage(), e);
        }
    }

    static void print(Map<String, Integer> counts, PrintStream out) {
        counts.forEach((table, rows) -> out.printf("  %-15s %6d rows%n", table, rows));
    }
}
