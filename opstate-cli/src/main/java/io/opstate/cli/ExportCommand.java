package io.opstate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opstate.Datastore;
import io.opstate.MigrationMode;
import io.opstate.PersistenceException;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ExportSelection;
import io.opstate.operations.Cancellation;
import io.opstate.spi.Urls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opstate export}: writes a store, or chosen constructs, into an archive file
 * ({@link io.opstate.archives.Archives#export}), with a progress bar per entity on the error stream.
 */
@Command(name = "export", description = {
        "Writes a store, or chosen constructs with everything that belongs to them, into one archive",
        "file (a zip of JSON Lines with a checked manifest; see docs/archive-format.md) that any backend",
        "imports. The file is readable by its owner only and appears only when complete.",
        "Pages are read one after another, not as a snapshot: stop writers for an exact copy.",
        "Exit code 0 when written, 1 otherwise."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "<url>",
            description = "The store, e.g. jdbc:sqlite:data/app.db or jdbc:postgresql://host/db?user=u&password=p")
    private String url;

    @Option(names = "--to", required = true, paramLabel = "<file>", description = "The archive file to write")
    private Path to;

    @Option(names = "--construct", paramLabel = "<id>",
            description = "Export this construct and what belongs to it; repeat for several. Default: the whole store")
    private List<String> constructs;

    @Option(names = "--json", description = "Print the report as JSON on standard output")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExportSelection selection = constructs == null || constructs.isEmpty()
                ? ExportSelection.wholeStore() : ExportSelection.constructs(constructs);
        try (Datastore store = Stores.open(url, MigrationMode.VALIDATE)) {
            ExportReport report;
            try (ProgressBars bars = new ProgressBars(err, System.console() != null)) {
                report = store.archives().export(to, selection,
                        progress -> bars.progress(progress.step(), progress.done(), progress.total()),
                        Cancellation.none());
            }
            print(report, out);
            return 0;
        } catch (PersistenceException e) {
            err.println("opstate export failed: " + e.getMessage() + ". No archive was written.");
            return OpstateCommand.FAILED;
        }
    }

    private void print(ExportReport report, PrintWriter out) {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("archive", to.toString());
            ObjectNode rows = root.putObject("rows");
            report.rows().forEach(rows::put);
            root.put("totalRows", report.totalRows());
            root.put("blobs", report.blobs());
            root.put("blobBytes", report.blobBytes());
            out.println(root.toPrettyString());
            return;
        }
        out.printf("Exported %s%n      into %s%n", Urls.mask(url), to);
        report.rows().forEach((entity, rows) -> out.printf("%-20s %12d%n", entity, rows));
        out.printf("%d rows, %d blobs (%d bytes)%n", report.totalRows(), report.blobs(), report.blobBytes());
    }
}
