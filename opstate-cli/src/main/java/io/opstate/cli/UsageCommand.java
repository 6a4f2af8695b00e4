package io.opstate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opstate.Datastore;
import io.opstate.NotFoundException;
import io.opstate.SortOrder;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opstate usage}, also {@code opstate artifacts usage}: what a store's artifacts take, per
 * construct and type and in all, read from the maintained sums (a few rows per construct, never
 * every artifact). Streams: one construct's usage in memory at a time, whatever the store's size.
 */
@Command(name = "usage", description = {"Prints what the store's artifacts take, per construct and type (count,",
        "logical and stored bytes), then the store's totals; or one construct's by type and its total.",
        "Reads the maintained sums, not every artifact. Exit code 0 when done, 1 when it failed."})
final class UsageCommand implements Callable<Integer> {
    private static final String ROW = "%-40s %-30s %12d %16d %16d%n";
    private static final JsonFactory JSON = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ArtifactsCommand.StoreOptions store;

    @Option(names = "--construct", paramLabel = "<id>", description = "One construct's usage, by type")
    private String constructId;

    @Option(names = "--json", description = "Print the usage as JSON")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Datastore opened = store.open()) {
            Printer printer = json ? new JsonPrinter(out) : new TablePrinter(out);
            if (constructId != null) {
                if (opened.constructs().find(constructId).isEmpty()) {
                    throw new NotFoundException("construct", constructId);
                }
                printer.construct(constructId, opened.artifacts().usageByType(constructId),
                        opened.artifacts().usage(constructId));
                printer.end(null);
                return 0;
            }
            ArtifactUsage totals = opened.artifacts().totals();
            if (totals.artifacts() > 0) {
                try (Stream<Construct> constructs = opened.constructs().stream(ConstructQuery.all(), SortOrder.OLDEST_FIRST)) {
                    Iterator<Construct> each = constructs.iterator();
                    while (each.hasNext()) {
                        String id = each.next().id();
                        Map<String, ArtifactUsage> byType = opened.artifacts().usageByType(id);
                        if (!byType.isEmpty()) {
                            printer.construct(id, byType, null);
                        }
                    }
                }
            }
            printer.end(totals);
        }
        return 0;
    }

    /** Where the usage goes: a construct at a time, then the store's totals (null when one construct was asked). */
    private interface Printer {
        void construct(String id, Map<String, ArtifactUsage> byType, ArtifactUsage total);

        void end(ArtifactUsage totals);
    }

    /** A table: one row per construct and type, the construct's total when one was asked, the store's as {@code (all)}. */
    private static final class TablePrinter implements Printer {
        private final PrintWriter out;

        TablePrinter(PrintWriter out) {
            this.out = out;
            out.printf("%-40s %-30s %12s %16s %16s%n", "construct", "type", "artifacts", "logical bytes", "stored bytes");
        }

        @Override
        public void construct(String id, Map<String, ArtifactUsage> byType, ArtifactUsage total) {
            byType.forEach((type, usage) -> row(id, type, usage));
            if (total != null) {
                row(id, "total", total);
            }
        }

        @Override
        public void end(ArtifactUsage totals) {
            if (totals != null) {
                row("(all)", "", totals);
            }
        }

        private void row(String construct, String type, ArtifactUsage usage) {
            out.printf(ROW, construct, type, usage.artifacts(), usage.logicalBytes(), usage.storedBytes());
        }
    }

    /**
     * One JSON object, written as it goes: {@code {"constructs": [{"id", "types": {type: usage},
     * "total"?}], "totals"?}}, each usage {@code {"artifacts", "logicalBytes", "storedBytes"}}.
     */
    private static final class JsonPrinter implements Printer {
        private final PrintWriter out;
        private final JsonGenerator json;

        JsonPrinter(PrintWriter out) {
            this.out = out;
            try {
                this.json = JSON.createGenerator(out).useDefaultPrettyPrinter();
                json.writeStartObject();
                json.writeArrayFieldStart("constructs");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void construct(String id, Map<String, ArtifactUsage> byType, ArtifactUsage total) {
            try {
                json.writeStartObject();
                json.writeStringField("id", id);
                json.writeObjectFieldStart("types");
                for (Map.Entry<String, ArtifactUsage> type : byType.entrySet()) {
                    usage(type.getKey(), type.getValue());
                }
                json.writeEndObject();
                if (total != null) {
                    usage("total", total);
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void end(ArtifactUsage totals) {
            try {
                json.writeEndArray();
                if (totals != null) {
                    usage("totals", totals);
                }
                json.writeEndObject();
                json.flush();
                out.println();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void usage(String field, ArtifactUsage usage) throws IOException {
            json.writeObjectFieldStart(field);
            json.writeNumberField("artifacts", usage.artifacts());
            json.writeNumberField("logicalBytes", usage.logicalBytes());
            json.writeNumberField("storedBytes", usage.storedBytes());
            json.writeEndObject();
        }
    }
}
