package io.opstate.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the table of the scale target from {@link ScaleBench}'s JMH JSON files: per path and
 * backend, ops/s at 10,000 and at 1,000,000 jobs (± JMH's 99.9 % confidence half-width), the
 * ratio with the range its two intervals allow, and whether 1M is within 20 % of 10k (ratio ≥ 0.8;
 * faster at 1M counts as within). When a JMH log with the same name ({@code x.json} / {@code x.log}) lies beside a JSON file,
 * the table sizes the iterations ended with ({@code # scale-size} lines) are added.
 * Usage: {@code java -cp benchmarks.jar io.opstate.benchmarks.ScaleReport results/scale-*.json}.
 */
public final class ScaleReport {
    static final double TARGET = 0.8;
    private static final List<String> PATHS = List.of("create", "claimComplete", "pageFirst", "pageDeep");
    private static final Map<String, String> TITLES = Map.of(
            "create", "job create (~200-byte payload)",
            "claimComplete", "claim next + complete",
            "pageFirst", "page of 100 by status (SUCCEEDED), first page",
            "pageDeep", "page of 100 by status (SUCCEEDED), half-way down (cursor)");
    private static final Pattern BENCHMARK = Pattern.compile("^# Benchmark: .*\\.ScaleBench\\.(\\w+)$");
    private static final Pattern PARAMETERS = Pattern.compile("^# Parameters: \\(backend = ([\\w-]+), rows = (\\d+)\\)$");
    private static final Pattern SIZE = Pattern.compile("^# scale-size: jobs=(\\d+) rows=(\\d+) .*$");

    private ScaleReport() {
    }

    /** One measured figure: the mean and JMH's 99.9 % confidence half-width (NaN for one iteration). */
    record Figure(double score, double error) {
        String text() {
            return Double.isNaN(error) || score == 0 ? String.format(Locale.ROOT, "%,.0f", score)
                    : String.format(Locale.ROOT, "%,.0f ±%.0f%%", score, error / score * 100);
        }

        double low() {
            return Double.isNaN(error) ? score : Math.max(0, score - error);
        }

        double high() {
            return Double.isNaN(error) ? score : score + error;
        }

        /**
         * The mean of this and {@code other}, two trials of the same path and size (SCALE_ROWS
         * naming a size twice, e.g. 10000,1000000,1000000,10000); half-widths add in quadrature.
         */
        Figure merge(Figure other, int countSoFar) {
            int count = countSoFar + 1;
            double mean = (score * countSoFar + other.score) / count;
            double sumSquares = error * error * countSoFar * countSoFar + other.error * other.error;
            return new Figure(mean, Math.sqrt(sumSquares) / count);
        }
    }

    /** Smallest and largest table size an iteration (warm-up included) ended with. */
    record Sizes(long min, long max) {
        Sizes with(long jobs) {
            return new Sizes(Math.min(min, jobs), Math.max(max, jobs));
        }

        String text(long rows) {
            return String.format(Locale.ROOT, "%,d", max) + (max == rows ? ""
                    : String.format(Locale.ROOT, " (+%.0f%%)", 100.0 * (max - rows) / rows));
        }
    }

    public static void main(String[] args) throws IOException {
        // path -> backend -> rows -> figure
        Map<String, Map<String, Map<Long, Figure>>> results = new TreeMap<>();
        Map<String, Sizes> sizes = new LinkedHashMap<>();
        Map<String, Integer> trials = new TreeMap<>();
        boolean repeated = false;
        ObjectMapper json = new ObjectMapper();
        for (String file : args) {
            for (JsonNode run : json.readTree(Files.readString(Path.of(file)))) {
                String[] name = run.get("benchmark").asText().split("\\.");
                if (!"ScaleBench".equals(name[name.length - 2])) {
                    continue;
                }
                String path = name[name.length - 1];
                String backend = run.path("params").path("backend").asText("?");
                long rows = run.path("params").path("rows").asLong();
                JsonNode metric = run.get("primaryMetric");
                Figure figure = new Figure(metric.get("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN));
                String trialKey = path + "|" + backend + "|" + rows;
                int seen = trials.merge(trialKey, 1, Integer::sum) - 1;
                results.computeIfAbsent(path, k -> new TreeMap<>())
                        .computeIfAbsent(backend, k -> new TreeMap<>())
                        .merge(rows, figure, (before, next) -> before.merge(next, seen));
                if (seen > 0) {
                    repeated = true;
                }
            }
            Path log = Path.of(file.replaceAll("\\.json$", ".log"));
            if (!log.toString().equals(file) && Files.isRegularFile(log)) {
                readSizes(log, sizes);
            }
        }
        System.out.print(table(results, sizes));
        if (repeated) {
            System.out.println("\nA size measured more than once: its figure is the mean of its trials"
                    + " (trials per path, backend and size: " + trials.values().stream().distinct().sorted().toList() + ").");
        }
    }

    private static void readSizes(Path log, Map<String, Sizes> sizes) throws IOException {
        String path = null;
        String key = null;
        for (String line : Files.readAllLines(log)) {
            Matcher m;
            if ((m = BENCHMARK.matcher(line)).matches()) {
                path = m.group(1);
            } else if ((m = PARAMETERS.matcher(line)).matches() && path != null) {
                key = path + "|" + m.group(1) + "|" + m.group(2);
            } else if ((m = SIZE.matcher(line)).matches() && key != null) {
                long jobs = Long.parseLong(m.group(1));
                sizes.merge(key, new Sizes(jobs, jobs), (a, b) -> a.with(b.max()));
            }
        }
    }

    static String table(Map<String, Map<String, Map<Long, Figure>>> results, Map<String, Sizes> sizes) {
        StringBuilder out = new StringBuilder();
        out.append("| path | backend | ops/s at 10k | ops/s at 1M | 1M / 10k | 99.9 % CI of the ratio | within 20 %? |"
                + " most jobs at an iteration end (10k / 1M) |\n");
        out.append("|---|---|---:|---:|---:|---:|---|---|\n");
        List<String> order = new ArrayList<>(PATHS);
        results.keySet().stream().filter(p -> !order.contains(p)).forEach(order::add);
        for (String path : order) {
            Map<String, Map<Long, Figure>> byBackend = results.get(path);
            if (byBackend == null) {
                continue;
            }
            for (Map.Entry<String, Map<Long, Figure>> entry : byBackend.entrySet()) {
                String backend = entry.getKey();
                Figure small = entry.getValue().get(10_000L);
                Figure large = entry.getValue().get(1_000_000L);
                String ratio = "–";
                String range = "–";
                String verdict = "–";
                if (small != null && large != null && small.score() > 0) {
                    double r = large.score() / small.score();
                    ratio = String.format(Locale.ROOT, "**%.2f×**", r);
                    // from the ends of both confidence intervals
                    double low = small.high() == 0 ? 0 : large.low() / small.high();
                    double high = small.low() == 0 ? Double.POSITIVE_INFINITY : large.high() / small.low();
                    range = String.format(Locale.ROOT, "%.2f-%.2f", low, high);
                    verdict = low >= TARGET ? "yes"
                            : high < TARGET ? "**no**"
                            : r >= TARGET ? "yes, within noise (CI reaches below 0.8)"
                            : "unclear: below 0.8 but within noise (CI reaches 0.8)";
                }
                out.append("| ").append(TITLES.getOrDefault(path, path))
                        .append(" | ").append(backend)
                        .append(" | ").append(small == null ? "–" : small.text())
                        .append(" | ").append(large == null ? "–" : large.text())
                        .append(" | ").append(ratio)
                        .append(" | ").append(range)
                        .append(" | ").append(verdict)
                        .append(" | ").append(size(sizes, path, backend, 10_000L))
                        .append(" / ").append(size(sizes, path, backend, 1_000_000L))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static String size(Map<String, Sizes> sizes, String path, String backend, long rows) {
        Sizes s = sizes.get(path + "|" + backend + "|" + rows);
        return s == null ? "?" : s.text(rows);
    }
}
