package io.opstate.cli;

import io.opstate.Datastore;
import io.opstate.MigrationMode;
import io.opstate.PersistenceException;
import io.opstate.jdbc.copy.CopyRefusedException;
import io.opstate.jdbc.copy.CopyReport;
import io.opstate.jdbc.copy.StoreCopier;
import io.opstate.spi.Urls;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opstate copy}: copies a whole store into a new, empty one ({@link StoreCopier}), with a
 * progress bar per table on the error stream and the verified counts on standard output.
 */
@Command(name = "copy", description = {
        "Copies a whole store into a new, empty one, e.g. SQLite into PostgreSQL.",
        "Every job, pipeline, schedule, execution and history event is copied, then the row count",
        "of every table is verified. Stop every process writing to the source first.",
        "Exit code 0 when verified, 1 otherwise."})
final class CopyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "<url>",
            description = "The store to copy; its schema must be current (it is validated, never migrated)")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "<url>",
            description = "The store to copy into: created and migrated when missing, refused when it holds rows")
    private String to;

    @Option(names = "--batch-size", defaultValue = "" + StoreCopier.DEFAULT_BATCH_SIZE, paramLabel = "<rows>",
            description = "Rows per transaction on the target (default ${DEFAULT-VALUE})")
    private int batchSize;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf("Copying %s%n   into %s%n", Urls.mask(from), Urls.mask(to));
        try (Datastore source = Stores.open(from, MigrationMode.VALIDATE);
             Datastore target = Stores.open(to, MigrationMode.MIGRATE)) {
            CopyReport report;
            try (ProgressBars bars = new ProgressBars(err, System.console() != null)) {
                report = new StoreCopier(batchSize, bars).copy(source, target);
            }
            print(report, out);
            return 0;
        } catch (CopyRefusedException e) {
            err.println("opstate copy: " + e.getMessage() + ". Nothing was copied.");
            return 1;
        } catch (PersistenceException e) {
            err.println("opstate copy failed: " + e.getMessage() + ". If copying had started, the target holds part"
                    + " of the copy: empty or recreate it before copying again.");
            return 1;
        }
    }

    private static void print(CopyReport report, PrintWriter out) {
        // as wide as the longest table name, so the counts line up whatever tables a schema adds
        int width = report.tables().stream().mapToInt(count -> count.table().length()).max().orElse(0);
        String column = "%-" + Math.max(width, "table".length()) + "s";
        out.printf(column + " %12s %12s%n", "table", "source rows", "target rows");
        for (CopyReport.TableCount count : report.tables()) {
            out.printf(column + " %12d %12d  ok%n", count.table(), count.sourceRows(), count.targetRows());
        }
        out.printf("Copied %d rows; the row count of every table was verified.%n", report.totalRows());
    }
}
