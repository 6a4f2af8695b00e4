package io.opstate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opstate.Datastore;
import io.opstate.MigrationMode;
import io.opstate.PersistenceException;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ImportOptions;
import io.opstate.archives.ImportReport;
import io.opstate.operations.Cancellation;
import io.opstate.spi.Urls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opstate import}: imports an archive file into a store in one transaction
 * ({@link io.opstate.archives.Archives#importArchive}), or reports what it would do.
 */
@Command(name = "import", description = {
        "Imports an archive written by opstate export (from any backend) into a store, in one",
        "transaction: the whole archive lands, or nothing does. The archive is checked whole first",
        "(format version, checksums, row counts, every line). --policy says what happens to records",
        "the store already holds: fail (default), skip, overwrite-if-newer, copy-as-new.",
        "--dry-run writes nothing and prints what each record would get.",
        "Exit code 0 when imported (or dry-run), 1 when refused or failed: the store is unchanged."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "<url>",
            description = "The store, e.g. jdbc:sqlite:data/app.db or jdbc:postgresql://host/db?user=u&password=p")
    private String url;

    @Option(names = "--from", required = true, paramLabel = "<file>", description = "The archive file to import")
    private Path from;

    @Option(names = "--policy", defaultValue = "fail", paramLabel = "<policy>", converter = PolicyConverter.class,
            description = "fail, skip, overwrite-if-newer or copy-as-new (default ${DEFAULT-VALUE})")
    private ConflictPolicy policy;

    @Option(names = "--dry-run", description = "Write nothing; print what each record would get")
    private boolean dryRun;

    @Option(names = "--sample", defaultValue = "" + ImportOptions.DEFAULT_SAMPLE_SIZE, paramLabel = "<n>",
            description = "Ids listed per entity and action (default ${DEFAULT-VALUE})")
    private int sample;

    @Option(names = "--json", description = "Print the report as JSON on standard output")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Datastore store = Stores.open(url, MigrationMode.VALIDATE)) {
            ImportReport report;
            try (ProgressBars bars = new ProgressBars(err, System.console() != null)) {
                report = store.archives().importArchive(from, new ImportOptions(policy, dryRun, sample),
                        progress -> bars.progress(progress.step(), progress.done(), progress.total()),
                        Cancellation.none());
            }
            print(report, out);
            return 0;
        } catch (PersistenceException e) {
            err.println("opstate import: " + e.getMessage() + ". Nothing was imported; the store is unchanged.");
            return OpstateCommand.FAILED;
        }
    }

    private void print(ImportReport report, PrintWriter out) {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("archive", from.toString());
            root.put("dryRun", report.dryRun());
            root.put("policy", PolicyConverter.name(report.policy()));
            ArrayNode outcomes = root.putArray("outcomes");
            for (ImportReport.Outcome outcome : report.outcomes()) {
                ObjectNode node = outcomes.addObject();
                node.put("entity", outcome.entity());
                node.put("action", outcome.action().name().toLowerCase(Locale.ROOT));
                node.put("count", outcome.count());
                node.put("bytes", outcome.bytes());
                ArrayNode ids = node.putArray("firstIds");
                outcome.firstIds().forEach(ids::add);
            }
            out.println(root.toPrettyString());
            return;
        }
        out.printf("%s %s%n      into %s (policy %s)%n", report.dryRun() ? "Dry run: would import" : "Imported", from,
                Urls.mask(url), PolicyConverter.name(report.policy()));
        out.printf("%-20s %-10s %10s  %s%n", "entity", "action", "records", "first ids");
        for (ImportReport.Outcome outcome : report.outcomes()) {
            out.printf("%-20s %-10s %10d  %s%s%n", outcome.entity(), outcome.action().name().toLowerCase(Locale.ROOT),
                    outcome.count(), String.join(", ", outcome.firstIds()),
                    outcome.bytes() > 0 ? " (" + outcome.bytes() + " bytes)" : "");
        }
        if (report.dryRun()) {
            out.println("Nothing was written.");
        }
    }

    /** Policies as the command line spells them: {@code copy-as-new} for {@link ConflictPolicy#COPY_AS_NEW}. */
    static final class PolicyConverter implements ITypeConverter<ConflictPolicy> {
        @Override
        public ConflictPolicy convert(String value) {
            try {
                return ConflictPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("unknown policy '" + value
                        + "'; use fail, skip, overwrite-if-newer or copy-as-new");
            }
        }

        static String name(ConflictPolicy policy) {
            return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
