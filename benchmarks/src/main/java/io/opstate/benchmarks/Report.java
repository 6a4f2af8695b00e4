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

/**
 * Prints a markdown table per hot path from JMH JSON result files: OpState, the raw-JDBC
 * baseline and the peer, per backend and thread count, with the ratios. Every ratio pairs
 * figures of the same run; where several files measured the same cell (interleaved runs,
 * {@code abba.sh}), its figure is their mean. Usage: {@code java -cp benchmarks.jar io.opstate.benchmarks.Report results/*.json}.
 */
public final class Report {
    private static final List<String> PATHS = List.of("JobCreateBench", "JobProgressBench", "ClaimCompleteBench",
            "ExecutionRecordBench", "HistoryAppendBench", "JobByIdBench", "JobPageBench", "TranscriptAppendBench",
            "TranscriptChunkAppendBench");
    private static final Map<String, String> TITLES = Map.of(
            "JobCreateBench", "1. Job create (~200-byte payload)",
            "JobProgressBench", "2. Job progress update by id",
            "ClaimCompleteBench", "3. Claim next + complete (worker loop)",
            "ExecutionRecordBench", "4. Execution record (start, then finish with status and steps)",
            "HistoryAppendBench", "5. History event append",
            "JobByIdBench", "6a. Read a job by id (10,000 jobs)",
            "JobPageBench", "6b. Read a page of 100 jobs by status (2,000 of 10,000 match)",
            "TranscriptAppendBench", "7. Transcript append, one entry (a session per thread)",
            "TranscriptChunkAppendBench", "8. Transcript append, a chunk of 20 entries (a session per thread)");
    private static final Map<String, String> PEERS = Map.of(
            "jobrunr", "JobRunr save(job)", "springBatch", "Spring Batch create+update",
            "dbScheduler", "db-scheduler executions");
    /** Stands for the path's peer in a {@link Ratio}. */
    private static final String PEER = "<peer>";
    /** Extra columns where a path has them: another baseline, or another way of using OpState. */
    private static final List<Extra> EXTRAS = List.of(
            new Extra("rawGrouped", "raw, 8 per commit", new Ratio("OpState / that", "ours", "rawGrouped")),
            new Extra("rawGrouped64", "raw, 64 per commit", new Ratio("OpState / that", "ours", "rawGrouped64")),
            new Extra("rawUnindexed", "raw without the search index", new Ratio("raw / that", "raw", "rawUnindexed"),
                    new Ratio("OpState / that", "ours", "rawUnindexed")),
            new Extra("oursBatched", "OpState claimBatch(8)", new Ratio("that / raw", "oursBatched", "raw"),
                    new Ratio("that / peer", "oursBatched", PEER)),
            new Extra("rawBatched", "raw, claim 8 per call", new Ratio("claimBatch(8) / that", "oursBatched", "rawBatched"),
                    new Ratio("that / peer", "rawBatched", PEER)));
    private static final List<String> BACKENDS = List.of("memory", "sqlite-normal", "sqlite-full", "postgres");

    private Report() {
    }

    /** An extra column: a method's figure, then the ratios it adds. */
    record Extra(String method, String title, Ratio... ratios) {
    }

    /** A ratio column: the figure of one method over another's ({@link #PEER}: the path's peer). */
    record Ratio(String title, String numerator, String denominator) {
        boolean needsPeer() {
            return PEER.equals(numerator) || PEER.equals(denominator);
        }
    }

    /** One measured figure. */
    /**
     * One figure: the mean of {@code runs} JMH runs of the same benchmark, backend and thread count
     * (several when the runs were interleaved, {@code abba.sh}), and the extremes of their iterations.
     */
    record Figure(double score, double min, double max, int runs) {
        String text() {
            double spread = score == 0 ? 0 : Math.max(max - score, score - min) / score * 100;
            return String.format(Locale.ROOT, "%,.0f ±%.0f%%", score, spread);
        }

        Figure with(Figure other) {
            int total = runs + other.runs;
            return new Figure((score * runs + other.score * other.runs) / total, Math.min(min, other.min),
                    Math.max(max, other.max), total);
        }
    }

    public static void main(String[] args) throws IOException {
        // path -> "backend|threads" -> method -> figure
        Map<String, Map<String, Map<String, Figure>>> results = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : args) {
            for (JsonNode run : json.readTree(Files.readString(Path.of(file)))) {
                String[] name = run.get("benchmark").asText().split("\\.");
                String path = name[name.length - 2];
                String method = name[name.length - 1];
                String backend = run.path("params").path("backend").asText("?");
                int threads = run.get("threads").asInt();
                JsonNode metric = run.get("primaryMetric");
                double min = Double.MAX_VALUE;
                double max = 0;
                for (JsonNode fork : metric.get("rawData")) {
                    for (JsonNode value : fork) {
                        min = Math.min(min, value.asDouble());
                        max = Math.max(max, value.asDouble());
                    }
                }
                results.computeIfAbsent(path, k -> new TreeMap<>())
                        .computeIfAbsent(backend + "|" + threads, k -> new TreeMap<>())
                        .merge(method, new Figure(metric.get("score").asDouble(), min, max, 1), Figure::with);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String path : PATHS) {
            Map<String, Map<String, Figure>> rows = results.get(path);
            if (rows == null) {
                continue;
            }
            String peer = rows.values().stream().flatMap(m -> m.keySet().stream())
                    .filter(PEERS::containsKey).findFirst().orElse(null);
            out.append("\n### ").append(TITLES.getOrDefault(path, path)).append("\n\n");
            List<Extra> extras = EXTRAS.stream()
                    .filter(extra -> rows.values().stream().anyMatch(m -> m.containsKey(extra.method()))).toList();
            out.append("| backend | threads | OpState ops/s | raw JDBC ops/s | OpState / raw |");
            StringBuilder rule = new StringBuilder("|---|---:|---:|---:|---:|");
            for (Extra extra : extras) {
                out.append(' ').append(extra.title()).append(" ops/s |");
                rule.append("---:|");
                for (Ratio ratio : ratios(extra, peer)) {
                    out.append(' ').append(ratio.title()).append(" |");
                    rule.append("---:|");
                }
            }
            out.append(peer == null ? "" : " " + PEERS.get(peer) + " ops/s | OpState / peer |").append('\n');
            out.append(rule).append(peer == null ? "" : "---:|---:|").append('\n');
            List<String> keys = new ArrayList<>(rows.keySet());
            keys.sort((a, b) -> {
                String[] x = a.split("\\|");
                String[] y = b.split("\\|");
                int byBackend = Integer.compare(BACKENDS.indexOf(x[0]), BACKENDS.indexOf(y[0]));
                return byBackend != 0 ? byBackend : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
            });
            for (String key : keys) {
                String[] k = key.split("\\|");
                Map<String, Figure> row = rows.get(key);
                Figure ours = row.get("ours");
                Figure raw = row.get("raw");
                out.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ")
                        .append(text(ours)).append(" | ").append(text(raw)).append(" | ")
                        .append(ratio(ours, raw)).append(" |");
                Figure other = peer == null ? null : row.get(peer);
                for (Extra extra : extras) {
                    out.append(' ').append(text(row.get(extra.method()))).append(" |");
                    for (Ratio ratio : ratios(extra, peer)) {
                        out.append(' ').append(ratio(row.get(method(ratio.numerator(), peer)),
                                row.get(method(ratio.denominator(), peer)))).append(" |");
                    }
                }
                if (peer != null) {
                    out.append(' ').append(text(other)).append(" | ").append(ratio(ours, other)).append(" |");
                }
                out.append('\n');
            }
        }
        System.out.print(out);
    }

    /** The ratios of an extra column that this path can show: those naming the peer only with one. */
    private static List<Ratio> ratios(Extra extra, String peer) {
        return Arrays.stream(extra.ratios()).filter(ratio -> peer != null || !ratio.needsPeer()).toList();
    }

    private static String method(String name, String peer) {
        return PEER.equals(name) ? peer : name;
    }

    private static String text(Figure figure) {
        return figure == null ? "–" : figure.text();
    }

    private static String ratio(Figure a, Figure b) {
        if (a == null || b == null || b.score() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "**%.2f×**", a.score() / b.score());
    }
}
