package io.opstate.postgres.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * A PostgreSQL server of a test's own, for tests that stop or freeze the server, which they must
 * never do to the shared one: a new cluster ({@code initdb}) in a temporary folder, listening on a
 * free port of 127.0.0.1, trusting local connections as {@code postgres}. {@link #close()} resumes
 * it if frozen, stops it and deletes the folder: use try-with-resources.
 *
 * <p>Needs PostgreSQL's server programs, found in {@code /usr/lib/postgresql/<version>/bin} (the
 * newest) or in {@value #BIN_VARIABLE}. Run as root, they run as the {@code postgres} user, as
 * {@code initdb} refuses root. Without them the test is skipped with a message, except under
 * {@code CI=true}, where it fails. Not thread-safe.
 */
public final class ThrowawayCluster implements AutoCloseable {
    public static final String BIN_VARIABLE = "OPSTATE_TEST_POSTGRES_BIN";

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final int port;
    private final boolean asPostgres;
    private List<Long> frozen = List.of();
    private boolean running;

    private ThrowawayCluster(Path bin, Path folder, int port, boolean asPostgres) {
        this.bin = bin;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** A new cluster, started; skips or fails the test (see the class) when PostgreSQL's programs are missing. */
    public static ThrowawayCluster start() throws IOException, InterruptedException {
        Optional<Path> programs = serverPrograms();
        if (programs.isEmpty()) {
            skipOrFail("PostgreSQL's server programs (initdb, pg_ctl) are not in /usr/lib/postgresql/<version>/bin;"
                    + " install the server package or set " + BIN_VARIABLE);
        }
        Path bin = programs.get();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && !Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            skipOrFail("running as root, initdb must run as the postgres user, but runuser is missing");
        }
        Path folder = Files.createTempDirectory("opstate-pg-");
        if (root) {
            UserPrincipal postgres;
            try {
                postgres = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            } catch (IOException e) {
                Files.delete(folder);
                skipOrFail("running as root, initdb must run as the postgres user, which does not exist");
                throw e;
            }
            Files.setOwner(folder, postgres);
        }
        ThrowawayCluster cluster = new ThrowawayCluster(bin, folder, freePort(), root);
        try {
            cluster.run(bin.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync");
            cluster.startServer();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The JDBC URL of database {@code postgres} on this server, with {@code parameters} appended. */
    public String url(String parameters) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres"
                + (parameters.isEmpty() ? "" : "&" + parameters);
    }

    /** Starts the server again after {@link #stop()}. */
    public void startServer() throws IOException, InterruptedException {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", folder.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=60",
                "start");
        running = true;
    }

    /** Shuts the server down the way an operator does ({@code pg_ctl stop -m fast}): sessions are ended. */
    public void stop() throws IOException, InterruptedException {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
        running = false;
    }

    /**
     * Stops every process of the server with SIGSTOP, the postmaster first so that it starts no
     * new one: connections stay open and nothing answers, as with a hung host or a network cut.
     */
    public void freeze() throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        signal("-STOP", List.of(postmaster));
        frozen = new ArrayList<>(List.of(postmaster));
        // Listed only now: a backend forked while the postmaster was being stopped would be missed.
        List<Long> children = new ArrayList<>();
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(child -> children.add(child.pid())));
        signal("-STOP", children);
        frozen.addAll(children);
    }

    /** Resumes what {@link #freeze()} stopped. */
    public void thaw() throws IOException, InterruptedException {
        if (!frozen.isEmpty()) {
            signal("-CONT", frozen);
            frozen = List.of();
        }
    }

    /** Resumes, stops and deletes the cluster, whatever state it is in. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            thaw();
            if (running) {
                run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
                running = false;
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        execute(command);
    }

    /** Runs one of the server's programs, as postgres when this process is root. */
    private void run(String... program) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(program));
        execute(command);
    }

    private void execute(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("opstate-pg-command-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 90 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                        + Files.readString(output, StandardCharsets.UTF_8) + serverLog());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String serverLog() throws IOException {
        Path log = folder.resolve("server.log");
        return Files.exists(log) ? "\nserver log:\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static Optional<Path> serverPrograms() throws IOException {
        String configured = System.getenv(BIN_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(dir -> Files.isExecutable(dir.resolve("pg_ctl")));
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(versions)) {
            return dirs.map(dir -> dir.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                    .max(Comparator.comparing(ThrowawayCluster::majorVersion));
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Skips the test, or fails it under {@code CI=true}, where nothing may be skipped. */
    private static void skipOrFail(String message) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true: " + message);
        }
        throw new TestAbortedException(message);
    }
}
