package io.opstate.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tables of {@code benchmarks/many-threads.sh}: per backend and path, OpState with many
 * threads against the one-thread ceiling of 64 rows per commit ({@code rawGrouped64}) and, for job
 * create, JobRunr; each ratio as the pairs of the interleaved runs and their median; then fairness:
 * p99 against the mean latency (JMH sample mode), per sample run and their median, and the
 * least-served thread against the mean thread ({@link PerThreadOps}). Usage: {@code java -cp benchmarks.jar
 * io.opstate.benchmarks.ManyThreadsReport <results directory>}; the files are named
 * {@code <backend>-r<round>-<position>-<ours|ceiling|sample>.json} with a {@code .log} beside each.
 */
public final class ManyThreadsReport {
    private static final List<String> PATHS = List.of("JobCreateBench", "HistoryAppendBench",
            "TranscriptAppendBench", "ExecutionRecordBench");
    private static final Map<String, String> TITLES = Map.of("JobCreateBench", "job create",
            "HistoryAppendBench", "history append", "TranscriptAppendBench", "transcript append",
            "ExecutionRecordBench", "execution record");
    private static final List<String> BACKENDS = List.of("sqlite-normal", "sqlite-full", "postgres");
    private static final Pattern FILE = Pattern.compile("(.+)-r(\\d+)-(\\d+)-(ours|ceiling|sample)\\.json");
    private static final Pattern THREAD_LINE = Pattern.compile(
            "# per-thread ops \\((\\w+)\\.(\\w+), measurement\\): threads (\\d+), min (\\d+), mean ([\\d.]+),"
                    + " max (\\d+), min/mean ([\\d.]+)");
    private static final Pattern FAILURE_LINE = Pattern.compile(
            "# jobrunr saves \\(measurement\\): attempted (\\d+), failed (\\d+)");

    private ManyThreadsReport() {
    }

    /** One JMH invocation's figures: path.method -> score, and what its log says. */
    private record Run(String backend, int round, int position, String role, Map<String, Double> scores,
                       Map<String, Double> p99, Map<String, Double> p50, Map<String, Integer> threads,
                       Map<String, Double> minOverMean, long jobrunrAttempts, long jobrunrFailures) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = FILE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    runs.add(read(file, name));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("\n### Throughput: OpState with many threads against the 64-per-commit ceiling and JobRunr\n\n");
        out.append("| backend | path | threads | OpState ops/s | ceiling, 64 per commit, 1 thread ops/s | OpState / ceiling:"
                + " pairs | median | JobRunr ops/s (failed) | OpState / JobRunr: pairs | median |\n");
        out.append("|---|---|---:|---:|---:|---|---:|---:|---|---:|\n");
        for (String backend : BACKENDS) {
            List<Run> ofBackend = runs.stream().filter(run -> run.backend().equals(backend)).toList();
            for (String path : PATHS) {
                row(out, backend, path, ofBackend);
            }
        }
        out.append("\n### Fairness: latency (sample mode) and the least-served thread\n\n");
        out.append("| backend | path | threads | mean µs | p50 µs | p99 µs | p99 / mean: runs | median |"
                + " least-served thread / mean thread (worst measured iteration of any run) |\n");
        out.append("|---|---|---:|---:|---:|---:|---|---:|---:|\n");
        for (String backend : BACKENDS) {
            for (String path : PATHS) {
                fairness(out, backend, path, runs.stream().filter(run -> run.backend().equals(backend)).toList());
            }
        }
        System.out.print(out);
    }

    private static void row(StringBuilder out, String backend, String path, List<Run> runs) {
        String ours = path + ".ours";
        List<Double> oursScores = scores(runs, "ours", ours);
        if (oursScores.isEmpty()) {
            return;
        }
        List<Double> ceilings = scores(runs, "ceiling", path + ".rawGrouped64");
        List<Double> ceilingPairs = new ArrayList<>();
        for (Run run : runs) {
            if (!run.role().equals("ours") || !run.scores().containsKey(ours)) {
                continue;
            }
            // ABBA: position 1 pairs with 2, position 4 with 3, within the round.
            int partner = run.position() == 1 ? 2 : 3;
            runs.stream().filter(other -> other.round() == run.round() && other.position() == partner
                            && other.scores().containsKey(path + ".rawGrouped64"))
                    .findFirst()
                    .ifPresent(other -> ceilingPairs.add(run.scores().get(ours) / other.scores().get(path + ".rawGrouped64")));
        }
        List<Double> peerPairs = new ArrayList<>();
        long attempts = 0;
        long failures = 0;
        for (Run run : runs) {
            Double peer = run.scores().get(path + ".jobrunr");
            if (peer != null && run.scores().containsKey(ours) && peer > 0) {
                peerPairs.add(run.scores().get(ours) / peer);
                attempts += run.jobrunrAttempts();
                failures += run.jobrunrFailures();
            }
        }
        List<Double> peers = scores(runs, "ours", path + ".jobrunr");
        int threads = runs.stream().filter(run -> run.threads().containsKey(ours)).mapToInt(run -> run.threads().get(ours))
                .findFirst().orElse(0);
        out.append("| ").append(backend).append(" | ").append(TITLES.get(path)).append(" | ").append(threads)
                .append(" | ").append(mean(oursScores)).append(" | ").append(mean(ceilings)).append(" | ")
                .append(pairs(ceilingPairs)).append(" | ").append(median(ceilingPairs)).append(" | ")
                .append(peers.isEmpty() ? "–" : mean(peers) + (attempts == 0 ? ""
                        : String.format(Locale.ROOT, " (%.2f %% of %,d)", 100.0 * failures / attempts, attempts)))
                .append(" | ").append(pairs(peerPairs)).append(" | ").append(median(peerPairs)).append(" |\n");
    }

    private static void fairness(StringBuilder out, String backend, String path, List<Run> runs) {
        String ours = path + ".ours";
        double worst = Double.MAX_VALUE;
        int threads = 0;
        for (Run run : runs) {
            Double value = run.minOverMean().get(ours);
            if (value != null) {
                worst = Math.min(worst, value);
                threads = run.threads().get(ours);
            }
        }
        List<Run> samples = runs.stream().filter(run -> run.role().equals("sample") && run.scores().containsKey(ours))
                .toList();
        if (samples.isEmpty() && threads == 0) {
            return;
        }
        String latency = "– | – | – | – | –";
        if (!samples.isEmpty()) {
            // Latencies as the mean over the sample runs; the target is judged by the median of their ratios.
            List<Double> ratios = samples.stream().map(run -> run.p99().get(ours) / run.scores().get(ours)).toList();
            latency = String.join(" | ", mean(scores(samples, "sample", ours)),
                    mean(samples.stream().map(run -> run.p50().get(ours)).toList()),
                    mean(samples.stream().map(run -> run.p99().get(ours)).toList()), pairs(ratios), median(ratios));
        }
        out.append("| ").append(backend).append(" | ").append(TITLES.get(path)).append(" | ").append(threads).append(" | ")
                .append(latency).append(" | ")
                .append(worst == Double.MAX_VALUE ? "–" : String.format(Locale.ROOT, "**%.2f**", worst)).append(" |\n");
    }

    private static Run read(Path file, Matcher name) throws IOException {
        Map<String, Double> scores = new TreeMap<>();
        Map<String, Double> p99 = new TreeMap<>();
        Map<String, Double> p50 = new TreeMap<>();
        Map<String, Integer> threads = new TreeMap<>();
        for (JsonNode run : new ObjectMapper().readTree(Files.readString(file))) {
            String[] parts = run.get("benchmark").asText().split("\\.");
            String key = parts[parts.length - 2] + "." + parts[parts.length - 1];
            JsonNode metric = run.get("primaryMetric");
            scores.put(key, metric.get("score").asDouble());
            threads.put(key, run.get("threads").asInt());
            JsonNode percentiles = metric.path("scorePercentiles");
            if (percentiles.has("99.0")) {
                p99.put(key, percentiles.get("99.0").asDouble());
                p50.put(key, percentiles.get("50.0").asDouble());
            }
        }
        Map<String, Double> minOverMean = new TreeMap<>();
        long attempts = 0;
        long failures = 0;
        Path log = file.resolveSibling(file.getFileName().toString().replace(".json", ".log"));
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                Matcher thread = THREAD_LINE.matcher(line);
                if (thread.find()) {
                    minOverMean.merge(thread.group(1) + "." + thread.group(2), Double.parseDouble(thread.group(7)),
                            Math::min);
                }
                Matcher failure = FAILURE_LINE.matcher(line);
                if (failure.find()) {
                    attempts += Long.parseLong(failure.group(1));
                    failures += Long.parseLong(failure.group(2));
                }
            }
        }
        return new Run(name.group(1), Integer.parseInt(name.group(2)), Integer.parseInt(name.group(3)), name.group(4),
                scores, p99, p50, threads, minOverMean, attempts, failures);
    }

    private static List<Double> scores(List<Run> runs, String role, String key) {
        return runs.stream().filter(run -> run.role().equals(role) && run.scores().containsKey(key))
                .map(run -> run.scores().get(key)).toList();
    }

    private static String mean(List<Double> values) {
        return values.isEmpty() ? "–"
                : String.format(Locale.ROOT, "%,.0f", values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
    }

    private static String pairs(List<Double> ratios) {
        return ratios.isEmpty() ? "–"
                : String.join(", ", ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
    }

    private static String median(List<Double> ratios) {
        if (ratios.isEmpty()) {
            return "–";
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(Locale.ROOT, "**%.2f×**", median);
    }
}
