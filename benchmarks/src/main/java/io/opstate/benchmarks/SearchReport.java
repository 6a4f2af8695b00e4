package io.opstate.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the table of the search target from {@link SearchBench}'s JMH JSON files: per backend,
 * entry count and query, the time of OpState's first page and of the {@code LIKE} scan at the
 * median and the 99th percentile of the sampled calls, their ratios (scan / search), and whether
 * the search is at least {@value #TARGET}× faster at both. Usage:
 * {@code java -cp benchmarks.jar io.opstate.benchmarks.SearchReport results/search-*.json}.
 */
public final class SearchReport {
    static final double TARGET = 100;
    private static final List<String> QUERIES = List.of("Rare", "Some", "Phrase", "Prefix", "Common");
    private static final Map<String, String> WHAT = Map.of(
            "Rare", "`quorvex` (10 entries; LIKE reads all)",
            "Some", "`zentrafil` (100 entries)",
            "Phrase", "`\"cobaltine meridix\"` (50; LIKE of the phrase)",
            "Prefix", "`zentra*` (120; LIKE `%zentra%`)",
            "Common", "`halvent` (1 % of entries)");

    private SearchReport() {
    }

    /** Median and 99th percentile of one benchmark, in microseconds, with the number of calls sampled. */
    record Sample(double p50, double p99, long calls) {
    }

    public static void main(String[] args) throws IOException {
        // "backend|entries" -> method -> sample
        Map<String, Map<String, Sample>> results = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : args) {
            for (JsonNode run : json.readTree(Files.readString(Path.of(file)))) {
                String[] name = run.get("benchmark").asText().split("\\.");
                if (!"SearchBench".equals(name[name.length - 2])) {
                    continue;
                }
                JsonNode params = run.path("params");
                JsonNode metric = run.get("primaryMetric");
                double toMicros = switch (metric.path("scoreUnit").asText()) {
                    case "ns/op" -> 1e-3;
                    case "ms/op" -> 1e3;
                    case "s/op" -> 1e6;
                    default -> 1;
                };
                JsonNode percentiles = metric.path("scorePercentiles");
                long calls = 0;
                for (JsonNode fork : metric.path("rawDataHistogram")) {
                    for (JsonNode iteration : fork) {
                        for (JsonNode bucket : iteration) {
                            calls += bucket.get(1).asLong();
                        }
                    }
                }
                results.computeIfAbsent(params.path("backend").asText("?") + "|" + params.path("entries").asText("?"),
                        k -> new TreeMap<>()).put(name[name.length - 1], new Sample(
                        percentiles.path("50.0").asDouble() * toMicros, percentiles.path("99.0").asDouble() * toMicros,
                        calls));
            }
        }
        System.out.println("| backend | entries | query | OpState p50 | p99 | LIKE scan p50 | p99 | scan / OpState, p50"
                + " | p99 | ≥ " + (int) TARGET + "×? | calls sampled (OpState / scan) |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---|---:|");
        for (Map.Entry<String, Map<String, Sample>> cell : results.entrySet()) {
            String[] key = cell.getKey().split("\\|");
            for (String query : QUERIES) {
                Sample ours = cell.getValue().get("search" + query);
                Sample like = cell.getValue().get("like" + query);
                if (ours == null && like == null) {
                    continue;
                }
                String p50 = "–";
                String p99 = "–";
                String verdict = "–";
                if (ours != null && like != null && ours.p50() > 0 && ours.p99() > 0) {
                    double r50 = like.p50() / ours.p50();
                    double r99 = like.p99() / ours.p99();
                    p50 = ratio(r50);
                    p99 = ratio(r99);
                    if ("Rare".equals(query)) {
                        verdict = r50 >= TARGET && r99 >= TARGET ? "yes" : r50 >= TARGET ? "**p50 only**" : "**no**";
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s |%n", key[0],
                        Long.parseLong(key[1]), WHAT.get(query), time(ours == null ? null : ours.p50()),
                        time(ours == null ? null : ours.p99()), time(like == null ? null : like.p50()),
                        time(like == null ? null : like.p99()), p50, p99, verdict,
                        ours == null ? "–" : String.format(Locale.ROOT, "%,d", ours.calls()),
                        like == null ? "–" : String.format(Locale.ROOT, "%,d", like.calls()));
            }
        }
        System.out.println("\nThe target (search ≥ " + (int) TARGET + "× faster than a LIKE scan at p50 and p99) is judged"
                + " on `quorvex`, where LIMIT cannot stop the scan early; the other rows show where the margin shrinks."
                + " With fewer than 100 calls sampled, p99 is the slowest call.");
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio < 10 ? "**%.2f×**" : "**%,.0f×**", ratio);
    }

    /** A time in microseconds, printed in µs below 10 ms, else in ms. */
    private static String time(Double micros) {
        if (micros == null) {
            return "–";
        }
        return micros < 10_000 ? String.format(Locale.ROOT, "%,.0f µs", micros)
                : String.format(Locale.ROOT, "%,.1f ms", micros / 1000);
    }
}
