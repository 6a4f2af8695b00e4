package io.opstate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.operations.RestoreReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code opstate restore}: a store from a backup directory, verified before anything is written. */
@Command(name = "restore", description = {
        "Restores a backup written by 'opstate backup' as the store at --url. Every file of the",
        "backup is verified first (the SHA-256 of the database and of every blob, and SQLite's",
        "integrity check); nothing is written unless all pass. An existing store is replaced only",
        "with --overwrite, and never while a process has it open.",
        "Exit code 0 when restored, 1 otherwise."})
final class RestoreCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "<url>", description = "The store to write, e.g. jdbc:sqlite:data/app.db")
    private String url;

    @Option(names = "--from", required = true, paramLabel = "<directory>", description = "The backup directory")
    private Path backup;

    @Option(names = "--artifact-root", paramLabel = "<directory>",
            description = "Where the restored store keeps its artifact blobs, when not beside the database file")
    private String artifactRoot;

    @Option(names = "--overwrite", description = "Replace an existing store (never one in use)")
    private boolean overwrite;

    @Option(names = "--json", description = "Print the result as one JSON object")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PersistenceConfig config = PersistenceConfig.builder(url).artifactRoot(artifactRoot).build();
        RestoreReport report = Persistence.restore(config, backup, overwrite);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = JSON.createObjectNode();
            node.put("location", report.location().toString());
            node.put("artifactRoot", report.artifactRoot().toString());
            node.put("schemaVersion", report.schemaVersion());
            node.put("databaseBytes", report.databaseBytes());
            node.put("blobs", report.blobs());
            node.put("blobBytes", report.blobBytes());
            out.println(JSON.writeValueAsString(node));
        } else {
            out.printf("restored: %s (schema version %s, database %d bytes, %d blobs of %d bytes under %s)%n",
                    report.location(), report.schemaVersion(), report.databaseBytes(), report.blobs(),
                    report.blobBytes(), report.artifactRoot());
        }
        return 0;
    }
}
