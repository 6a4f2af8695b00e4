package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.NewConstruct;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Artifact put and get against the physical limit in the same run: for a file of incompressible
 * bytes, {@code Files.copy} to the same disk with an fsync of the file and of its directory plus a
 * SHA-256 pass over the file (what a put at least does: read, hash, write durably), and a read with a SHA-256 pass (what a verified
 * get at least does), and the same copy streamed through user space with an fsync plus the SHA-256
 * pass (the limit for a writer fed by an {@code InputStream}). Then puts of the same incompressible
 * bytes typed as text (the compression probe's case), and put and get of log text, with its
 * compression ratio. Rounds
 * rotate which writer goes first; each put stores new content (the file's head changes per round).
 *
 * <p>Arguments: {@code --mb <size>} (default 100), {@code --rounds <n>} (default 3), then the
 * backends, {@code sqlite} and/or {@code postgres} (URL from {@code OPSTATE_BENCH_POSTGRES_URL} or
 * the local test server). Prints one line per measurement and a summary.
 */
public final class ArtifactBench {
    private ArtifactBench() {
    }

    public static void main(String[] args) throws Exception {
        int mb = 100;
        int rounds = 3;
        List<String> backends = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mb" -> mb = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> backends.add(args[i]);
            }
        }
        if (backends.isEmpty()) {
            backends.add("sqlite");
        }
        Path work = Files.createTempDirectory("opstate-artifact-bench-");
        try {
            Path random = work.resolve("random.bin");
            Path log = work.resolve("build.log");
            writeRandom(random, mb);
            writeLog(log, mb);
            for (String backend : backends) {
                run(backend, work, random, log, rounds);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void run(String backend, Path work, Path random, Path log, int rounds) throws Exception {
        Path root = work.resolve(backend + "-artifacts");
        String url = backend.equals("postgres") ? freshPostgresSchema() : "jdbc:sqlite:" + work.resolve(backend + ".db");
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).artifactRoot(root.toString()).build())) {
            String construct = "bench-" + System.nanoTime();
            store.constructs().create(NewConstruct.of("bench", "running").withId(construct));
            double mb = Files.size(random) / 1e6;
            List<Double> baselinePut = new ArrayList<>();
            List<Double> streamedPut = new ArrayList<>();
            List<Double> ourPut = new ArrayList<>();
            List<Double> baselineGet = new ArrayList<>();
            List<Double> ourGet = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                stamp(random, round);
                Path copy = work.resolve("copy-" + round);
                Path streamed = work.resolve("streamed-" + round);
                String name = "random-" + round;
                Artifact[] put = new Artifact[1];
                // the three writers take turns at going first: a write pays for the writeback of the one before
                List<Measured> writers = List.of(
                        () -> {
                            copyDurably(random, copy);
                            sha256(random);
                        },
                        () -> {
                            copyStreamed(random, streamed);
                            sha256(random);
                        },
                        () -> {
                            try (InputStream in = Files.newInputStream(random)) {
                                put[0] = store.artifacts().put(NewArtifact.of(construct, "bundle", name,
                                        "application/octet-stream"), in);
                            }
                        });
                double[] rates = new double[3];
                for (int turn = 0; turn < 3; turn++) {
                    int writer = (turn + round) % 3;
                    long began = System.nanoTime();
                    writers.get(writer).run();
                    rates[writer] = mb / seconds(began);
                }
                baselinePut.add(rates[0]);
                streamedPut.add(rates[1]);
                ourPut.add(rates[2]);
                Files.delete(streamed);
                Artifact artifact = put[0];
                long start = System.nanoTime();
                sha256(copy);
                baselineGet.add(mb / seconds(start));
                start = System.nanoTime();
                try (InputStream in = store.artifacts().open(artifact.id())) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                ourGet.add(mb / seconds(start));
                Files.delete(copy);
                System.out.printf("%s incompressible %.0f MB round %d: put %.0f MB/s (copy+fsync+sha256 %.0f MB/s,"
                                + " streamed copy+fsync+sha256 %.0f MB/s), get %.0f MB/s (read+sha256 %.0f MB/s)%n", backend, mb,
                        round, last(ourPut), last(baselinePut), last(streamedPut), last(ourGet), last(baselineGet));
            }
            System.out.printf("%s incompressible %.0f MB, mean of %d: put %.0f MB/s = %.2fx of copy+fsync+sha256 %.0f MB/s"
                            + " = %.2fx of streamed copy+fsync+sha256 %.0f MB/s; get %.0f MB/s = %.2fx of read+sha256 %.0f MB/s%n",
                    backend, mb, rounds, mean(ourPut), mean(ourPut) / mean(baselinePut), mean(baselinePut),
                    mean(ourPut) / mean(streamedPut), mean(streamedPut), mean(ourGet), mean(ourGet) / mean(baselineGet),
                    mean(baselineGet));
            for (int round = 0; round < rounds; round++) {
                // incompressible bytes typed as text: what the compression probe saves
                stamp(random, rounds + round);
                long start = System.nanoTime();
                Artifact artifact;
                try (InputStream in = Files.newInputStream(random)) {
                    artifact = store.artifacts().put(NewArtifact.of(construct, "command-log", "noise-" + round + ".txt",
                            "text/plain"), in);
                }
                System.out.printf("%s incompressible as text/plain %.0f MB round %d: put %.0f MB/s, stored %s%n", backend,
                        mb, round, mb / seconds(start), artifact.compression());
            }
            double logMb = Files.size(log) / 1e6;
            for (int round = 0; round < rounds; round++) {
                stamp(log, round);
                long start = System.nanoTime();
                Artifact artifact;
                try (InputStream in = Files.newInputStream(log)) {
                    artifact = store.artifacts().put(NewArtifact.of(construct, "command-log", "build-" + round + ".log",
                            "text/plain"), in);
                }
                double put = logMb / seconds(start);
                start = System.nanoTime();
                try (InputStream in = store.artifacts().open(artifact.id())) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                double get = logMb / seconds(start);
                System.out.printf("%s log text %.0f MB round %d: put %.0f MB/s, get %.0f MB/s, stored %d bytes (%s),"
                                + " ratio %.1f:1%n", backend, logMb, round, put, get, artifact.storedSize(),
                        artifact.compression(), (double) artifact.size() / artifact.storedSize());
            }
        }
    }

    /** One timed step. */
    @FunctionalInterface
    private interface Measured {
        void run() throws Exception;
    }

    private static String postgresUrl() {
        String url = System.getenv("OPSTATE_BENCH_POSTGRES_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=artifactbench"
                : url;
    }

    /**
     * The default URL's schema, dropped first: a schema left by a build of another schema history
     * (a version missing in between) would make the store refuse to open.
     */
    private static String freshPostgresSchema() throws java.sql.SQLException {
        String url = postgresUrl();
        if (url.endsWith("currentSchema=artifactbench")) {
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url);
                 java.sql.Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS artifactbench CASCADE");
            }
        }
        return url;
    }

    /** Changes the file's first bytes, so that each round puts content not stored before. */
    private static void stamp(Path file, int round) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(String.format("%08d", round + System.nanoTime() % 1000)
                    .getBytes(StandardCharsets.US_ASCII)), 0);
        }
    }

    /**
     * {@code Files.copy} made durable as a put must be: the file's content and its directory entry
     * flushed (a new file whose directory was not flushed may be gone after a crash).
     */
    private static void copyDurably(Path from, Path to) throws IOException {
        Files.copy(from, to);
        try (FileChannel channel = FileChannel.open(to, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        syncDirectory(to.getParent());
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * The same copy through user space, as any writer fed by an {@code InputStream} must make it
     * ({@code Files.copy} between files lets the kernel copy without handing the bytes to Java).
     */
    private static void copyStreamed(Path from, Path to) throws IOException {
        byte[] buffer = new byte[128 * 1024];
        try (InputStream in = Files.newInputStream(from); FileChannel channel = FileChannel.open(to,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            channel.force(true);
        }
        syncDirectory(to.getParent());
    }

    private static void sha256(Path file) throws IOException, NoSuchAlgorithmException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void writeRandom(Path file, int mb) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mb; i++) {
                random.nextBytes(block);
                out.write(block, 0, 1_000_000);
            }
        }
    }

    /** Build-log-like text: timestamps, levels, module names and numbers, as CI logs look. */
    private static void writeLog(Path file, int mb) throws IOException {
        Random random = new Random(7);
        String[] levels = {"INFO", "INFO", "INFO", "DEBUG", "WARN"};
        String[] modules = {"persistence-core", "persistence-jdbc", "persistence-sqlite", "opstate-cli", "benchmarks"};
        long target = mb * 1_000_000L;
        long written = 0;
        StringBuilder line = new StringBuilder();
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            for (long n = 0; written < target; n++) {
                line.setLength(0);
                line.append("2026-12-04T").append(10 + n / 3_600_000 % 10).append(':').append(n / 60_000 % 60)
                        .append(':').append(n / 1000 % 60).append('.').append(n % 1000).append("Z [")
                        .append(levels[random.nextInt(levels.length)]).append("] ")
                        .append(modules[random.nextInt(modules.length)]).append(": compiled ")
                        .append(random.nextInt(400)).append(" sources in ").append(random.nextInt(10_000))
                        .append(" ms, cache hit ratio 0.").append(random.nextInt(100)).append('\n');
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                out.write(bytes);
                written += bytes.length;
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
