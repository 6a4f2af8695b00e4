package io.opstate.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the table of the transcript read target from {@link TranscriptReadBench}'s JMH JSON
 * files: per backend and transcript length, a chunk of 100 at the start and 90 % of the way down
 * (ops/s ± JMH's 99.9 % confidence half-width), the ratio deep / start with the range its two
 * intervals allow, and whether the deep chunk is within 20 % (ratio ≥ 0.8, as {@link ScaleReport}
 * judges). A chunk measured in several runs ({@code TRANSCRIPT_ABBA}) is their mean. Usage: {@code java -cp benchmarks.jar io.opstate.benchmarks.TranscriptReport results/transcripts-*.json}.
 */
public final class TranscriptReport {
    private TranscriptReport() {
    }

    public static void main(String[] args) throws IOException {
        // "backend|entries" -> method -> figure
        Map<String, Map<String, ScaleReport.Figure>> results = new TreeMap<>();
        Map<String, Integer> runs = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : args) {
            for (JsonNode run : json.readTree(Files.readString(Path.of(file)))) {
                String[] name = run.get("benchmark").asText().split("\\.");
                if (!"TranscriptReadBench".equals(name[name.length - 2])) {
                    continue;
                }
                JsonNode params = run.path("params");
                JsonNode metric = run.get("primaryMetric");
                String cell = params.path("backend").asText("?") + "|" + params.path("entries").asText("?");
                String method = name[name.length - 1];
                int seen = runs.merge(cell + "|" + method, 1, Integer::sum) - 1;
                results.computeIfAbsent(cell, k -> new TreeMap<>())
                        .merge(method, new ScaleReport.Figure(metric.get("score").asDouble(),
                                metric.path("scoreError").asDouble(Double.NaN)), (before, next) -> before.merge(next, seen));
            }
        }
        System.out.println("| backend | entries | chunk of 100 at the start, ops/s | at 90 %, ops/s | 90 % / start"
                + " | 99.9 % CI of the ratio | within 20 %? |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (Map.Entry<String, Map<String, ScaleReport.Figure>> cell : results.entrySet()) {
            String[] key = cell.getKey().split("\\|");
            ScaleReport.Figure start = cell.getValue().get("chunkAtStart");
            ScaleReport.Figure deep = cell.getValue().get("chunkDeep");
            String ratio = "–";
            String range = "–";
            String verdict = "–";
            if (start != null && deep != null && start.score() > 0) {
                double r = deep.score() / start.score();
                double low = start.high() == 0 ? 0 : deep.low() / start.high();
                double high = start.low() == 0 ? Double.POSITIVE_INFINITY : deep.high() / start.low();
                ratio = String.format(Locale.ROOT, "**%.2f×**", r);
                range = String.format(Locale.ROOT, "%.2f-%.2f", low, high);
                verdict = low >= ScaleReport.TARGET ? "yes"
                        : high < ScaleReport.TARGET ? "**no**"
                        : r >= ScaleReport.TARGET ? "yes, within noise (CI reaches below 0.8)"
                        : "unclear: below 0.8 but within noise (CI reaches 0.8)";
            }
            System.out.printf(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s |%n", key[0], Long.parseLong(key[1]),
                    start == null ? "–" : start.text(), deep == null ? "–" : deep.text(), ratio, range, verdict);
        }
        if (runs.values().stream().anyMatch(count -> count > 1)) {
            System.out.println("\nA chunk measured more than once (TRANSCRIPT_ABBA): its figure is the mean of its runs.");
        }
    }
}
