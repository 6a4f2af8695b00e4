package io.opstate.cli;

import io.opstate.Datastore;
import io.opstate.MigrationMode;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactIntegrityReport;
import io.opstate.artifacts.ArtifactStorage;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code opstate artifacts usage} (the same command as {@code opstate usage}, {@link UsageCommand})
 * and {@code opstate artifacts check}: the artifacts of a store, from the command line.
 */
@Command(name = "artifacts", description = "Shows what a store's artifacts take, and checks their blobs.",
        subcommands = {UsageCommand.class, ArtifactsCommand.Check.class})
final class ArtifactsCommand implements Runnable {
    /** Missing and corrupt blobs listed at most, each; the counts are complete. */
    private static final int LISTED = 20;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: usage or check");
    }

    /** The store and where its blobs are, as every artifacts command takes them. */
    static final class StoreOptions {
        @Option(names = "--url", required = true, paramLabel = "<url>",
                description = "The store, e.g. jdbc:sqlite:data/app.db")
        String url;

        @Option(names = "--artifact-root", paramLabel = "<dir>", defaultValue = "${env:OPSTATE_ARTIFACT_ROOT}",
                description = "Where the blobs are (default: $OPSTATE_ARTIFACT_ROOT, else the backend's default)")
        String artifactRoot;

        @Option(names = "--artifact-storage", paramLabel = "<files|database>",
                defaultValue = "${env:OPSTATE_ARTIFACT_STORAGE}", converter = StorageConverter.class,
                description = "Where the blobs are: files under the root, or database (default:"
                        + " $OPSTATE_ARTIFACT_STORAGE, else files)")
        ArtifactStorage artifactStorage;

        Datastore open() {
            return Stores.open(url, MigrationMode.VALIDATE, artifactRoot, artifactStorage);
        }
    }

    /** {@code files} or {@code database}, in any case, as the setting reads them. */
    static final class StorageConverter implements ITypeConverter<ArtifactStorage> {
        @Override
        public ArtifactStorage convert(String value) {
            return ArtifactStorage.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** {@code opstate artifacts check}: the integrity check, full or sampled, optionally removing orphans. */
    @Command(name = "check", description = {"Looks for rows whose blob is missing, blobs no row references and blobs",
            "whose content no longer matches their hash. Exit code 0 when no blob is missing or corrupt, else 1."})
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private StoreOptions store;

        @Option(names = "--sample", paramLabel = "<n>", defaultValue = "0",
                description = "Read back n random blobs (and look for n random rows' blobs) instead of all of them")
        private int sample;

        @Option(names = "--repair", description = "Remove orphan blobs older than an hour")
        private boolean repair;

        @Override
        public Integer call() {
            ArtifactCheck check = sample == 0 ? ArtifactCheck.full() : ArtifactCheck.sampled(sample);
            ArtifactIntegrityReport report;
            try (Datastore opened = store.open()) {
                report = opened.artifacts().checkIntegrity(repair ? check.withRepair() : check);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("check:          %s%n", report.full() ? "full" : "sample of " + sample);
            out.printf("rows checked:   %d%n", report.rowsChecked());
            out.printf("blobs read:     %d%n", report.blobsChecked());
            out.printf("blob files:     %d (%d bytes)%n", report.blobs(), report.blobBytes());
            listed(out, "missing blobs:  ", report.missingBlobs());
            listed(out, "corrupt blobs:  ", report.corruptBlobs());
            out.printf("orphan blobs:   %d (removed %d, kept %d)%n", report.orphanBlobs().size(), report.orphansRemoved(),
                    report.orphansKept());
            return report.healthy() ? 0 : OpstateCommand.FAILED;
        }

        private static void listed(PrintWriter out, String label, List<String> entries) {
            out.printf("%s%d%n", label, entries.size());
            entries.stream().limit(LISTED).forEach(entry -> out.printf("  %s%n", entry));
        }
    }
}
