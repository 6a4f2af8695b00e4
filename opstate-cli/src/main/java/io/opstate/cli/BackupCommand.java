package io.opstate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.operations.BackupReport;
import io.opstate.operations.Cancellation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code opstate backup}: an online backup of a store, with its artifact blobs, into a directory. */
@Command(name = "backup", description = {
        "Writes a backup of an SQLite store, with its artifact blobs, into a new or empty directory,",
        "while the store stays in use: store.db (a consistent copy, which sqlite3 opens), artifacts/",
        "and backup.json (the manifest with SHA-256). Files are readable by their owner only.",
        "Restore it with 'opstate restore'. A PostgreSQL store is backed up with 'opstate export'",
        "or pg_dump (docs/operations.md).",
        "Exit code 0 when every blob was copied, 1 when some were missing or the backup failed."})
final class BackupCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "<url>", description = "The store, e.g. jdbc:sqlite:data/app.db")
    private String url;

    @Option(names = "--to", required = true, paramLabel = "<directory>", description = "Where the backup goes: new or empty")
    private Path directory;

    @Option(names = "--artifact-root", paramLabel = "<directory>",
            description = "Where the store keeps its artifact blobs, when not beside the database file")
    private String artifactRoot;

    @Option(names = "--json", description = "Print the result as one JSON object")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PersistenceConfig config = PersistenceConfig.builder(url).artifactRoot(artifactRoot).build();
        PrintWriter out = spec.commandLine().getOut();
        BackupReport report;
        try (ProgressBars bars = new ProgressBars(spec.commandLine().getErr(), System.console() != null, "")) {
            report = Persistence.backup(config, directory, json ? progress -> { } : bars, Cancellation.none());
        }
        if (json) {
            ObjectNode node = JSON.createObjectNode();
            node.put("directory", report.directory().toString());
            node.put("schemaVersion", report.schemaVersion());
            node.put("databaseBytes", report.databaseBytes());
            node.put("blobs", report.blobs());
            node.put("blobBytes", report.blobBytes());
            report.missingBlobs().forEach(node.putArray("missingBlobs")::add);
            node.put("complete", report.complete());
            node.put("millis", report.took().toMillis());
            out.println(JSON.writeValueAsString(node));
        } else {
            out.printf("backup: %s (schema version %s, database %d bytes, %d blobs of %d bytes, %d ms)%n",
                    report.directory(), report.schemaVersion(), report.databaseBytes(), report.blobs(),
                    report.blobBytes(), report.took().toMillis());
            if (!report.complete()) {
                out.printf("missing blobs (referenced by the copy, gone from the store): %s%n", report.missingBlobs());
            }
        }
        return report.complete() ? 0 : OpstateCommand.FAILED;
    }
}
