package io.opstate.tck;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a main class from the test classpath. Its standard output is read line by
 * line on a daemon thread, so the test can wait for a line with a timeout instead of blocking on
 * a child that hangs; its standard error goes to a file, shown when something fails. Closing
 * kills the child (SIGKILL on Linux) if it is still alive: use it in try-with-resources.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String END = new String("end of output");

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread pump = new Thread(this::pumpOutput, "child-stdout-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code main} with {@code args}; standard error goes to {@code stderr}. */
    public static ChildJvm start(Class<?> main, Path stderr, String... args) throws IOException {
        return start(main, stderr, List.of(), args);
    }

    /** Like {@link #start(Class, Path, String...)}, with JVM options after the defaults (a later {@code -Xmx} wins). */
    public static ChildJvm start(Class<?> main, Path stderr, List<String> jvmOptions, String... args)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildJvm(process, stderr);
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the stream closes when the child is killed; the lines read so far are complete
        } finally {
            lines.add(END);
        }
    }

    /** The next complete line of output, or null once the child closed its output. Fails after {@code timeout}. */
    public String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("no output from the child for " + timeout + "; its stderr:\n" + stderrText());
        }
        if (line == END) {
            lines.add(END);
            return null;
        }
        return line;
    }

    /** Waits for the child to end by itself and returns its exit code; fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the child did not end within " + timeout + "; its stderr:\n" + stderrText());
        }
        return process.exitValue();
    }

    /** Kills the child with SIGKILL and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            fail("the child survived SIGKILL for 10 s");
        }
    }

    public String stderrText() {
        try {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
