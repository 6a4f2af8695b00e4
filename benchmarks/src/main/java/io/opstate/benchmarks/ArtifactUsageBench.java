package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.artifacts.ArtifactUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;

/**
 * Usage of a store with many artifact rows (default 1,000,000 over 1,000 constructs and 5 types),
 * built with plain SQL rather than puts: rows, and the sums the library keeps beside them, as its
 * puts would have left them. Times {@code usage}, {@code usageByType} and {@code totals} through
 * the API against the same sums computed from the rows with SQL, on SQLite.
 *
 * <p>Arguments: {@code --rows <n>} (default 1000000).
 */
public final class ArtifactUsageBench {
    private static final int CONSTRUCTS = 1000;
    private static final int TYPES = 5;
    private static final int READS = 200;

    private ArtifactUsageBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length == 2 && args[0].equals("--rows") ? Long.parseLong(args[1]) : 1_000_000;
        Path work = Files.createTempDirectory("opstate-artifact-usage-");
        Path file = work.resolve("usage.db");
        String url = "jdbc:sqlite:" + file;
        try {
            Persistence.open(url).close(); // creates the schema
            long start = System.nanoTime();
            fill(file, rows);
            System.out.printf("filled %d artifact rows over %d constructs in %.1f s; file %d MB%n", rows, CONSTRUCTS,
                    (System.nanoTime() - start) / 1e9, Files.size(file) / 1_000_000);
            Random random = new Random(3);
            try (Datastore store = Persistence.open(url)) {
                timeApi(store, random);
            }
            try (Connection connection = DriverManager.getConnection(url)) {
                timeFromRows(connection, random);
            }
        } finally {
            ArtifactBench.deleteTree(work);
        }
    }

    private static void fill(Path file, long rows) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " + (CONSTRUCTS - 1)
                    + ") INSERT INTO opstate_constructs (id, type, status, created_at, updated_at, version)"
                    + " SELECT printf('c%04d', i), 'bench', 'done', '2026-12-04T10:00:00.000000Z',"
                    + " '2026-12-04T10:00:00.000000Z', 1 FROM n");
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " + (rows - 1)
                    + ") INSERT INTO opstate_artifacts (id, construct_id, type, name, content_type, metadata, sha256,"
                    + " size, stored_size, compression, created_at)"
                    + " SELECT printf('a%09d', i), printf('c%04d', i % " + CONSTRUCTS + "), printf('type-%d', i % " + TYPES
                    + "), printf('file-%09d', i), 'text/plain', NULL, printf('%064x', i), 1000 + i % 5000,"
                    + " 300 + i % 1500, 'ZSTD', printf('2026-12-04T10:%02d:%02d.%06dZ', i / 60000000 % 60, i / 1000000 % 60,"
                    + " i % 1000000) FROM n");
            statement.execute("INSERT INTO opstate_artifact_usage (construct_id, type, artifacts, logical_bytes, stored_bytes)"
                    + " SELECT construct_id, type, COUNT(*), SUM(size), SUM(stored_size) FROM opstate_artifacts"
                    + " GROUP BY construct_id, type");
            connection.commit();
        }
    }

    private static void timeApi(Datastore store, Random random) {
        ArtifactUsage check = ArtifactUsage.NONE;
        long start = System.nanoTime();
        for (int i = 0; i < READS; i++) {
            check = check.plus(store.artifacts().usage(construct(random)));
        }
        report("API usage(construct), maintained sums", start, check);
        start = System.nanoTime();
        int types = 0;
        for (int i = 0; i < READS; i++) {
            types += store.artifacts().usageByType(construct(random)).size();
        }
        report("API usageByType(construct), maintained sums", start, types);
        start = System.nanoTime();
        for (int i = 0; i < READS; i++) {
            check = store.artifacts().totals();
        }
        report("API totals(), maintained sums", start, check);
    }

    private static void timeFromRows(Connection connection, Random random) throws Exception {
        try (PreparedStatement byConstruct = connection.prepareStatement("SELECT COUNT(*), SUM(size), SUM(stored_size)"
                + " FROM opstate_artifacts WHERE construct_id = ?");
             PreparedStatement all = connection.prepareStatement("SELECT COUNT(*), SUM(size), SUM(stored_size)"
                     + " FROM opstate_artifacts")) {
            long start = System.nanoTime();
            long sum = 0;
            for (int i = 0; i < READS; i++) {
                byConstruct.setString(1, construct(random));
                try (ResultSet row = byConstruct.executeQuery()) {
                    row.next();
                    sum += row.getLong(2);
                }
            }
            report("SQL SUM over the construct's rows (index on construct_id)", start, sum);
            int reads = 5;
            start = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                try (ResultSet row = all.executeQuery()) {
                    row.next();
                    sum = row.getLong(2);
                }
            }
            System.out.printf("%-60s %10.3f ms per call (%d calls; %s)%n", "SQL SUM over every row",
                    (System.nanoTime() - start) / 1e6 / reads, reads, sum);
        }
    }

    private static String construct(Random random) {
        return String.format("c%04d", random.nextInt(CONSTRUCTS));
    }

    private static void report(String what, long start, Object check) {
        System.out.printf("%-60s %10.3f ms per call (%d calls; %s)%n", what, (System.nanoTime() - start) / 1e6 / READS,
                READS, check);
    }
}
