package io.opstate.postgres.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs running main classes of the test classpath, their output and errors kept in files
 * of a folder. {@link #close()} kills those still alive: use in try-with-resources. Not thread-safe.
 */
public final class ChildProcesses implements AutoCloseable {
    private final Path folder;
    private final List<Process> processes = new ArrayList<>();

    public ChildProcesses(Path folder) {
        this.folder = folder;
    }

    /** Starts {@code main} with {@code args}; returns its index. */
    public int start(Class<?> main, String... args) throws IOException {
        return start(List.of(), main, args);
    }

    /** Starts {@code main} with {@code args} in a JVM given {@code jvmOptions} too (e.g. {@code -Dname=value}); returns its index. */
    public int start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        int index = processes.size();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        processes.add(new ProcessBuilder(command)
                .redirectOutput(folder.resolve("child-" + index + ".out").toFile())
                .redirectError(folder.resolve("child-" + index + ".err").toFile())
                .start());
        return index;
    }

    /**
     * Waits until every child ended, at most {@code timeout} in all.
     *
     * @throws AssertionError naming the children still running, or those that exited non-zero, with their errors
     */
    public void awaitSuccess(Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        for (int i = 0; i < processes.size(); i++) {
            long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            if (!processes.get(i).waitFor(left, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child " + i + " still running after " + timeout + ":\n" + errors(i));
            }
            if (processes.get(i).exitValue() != 0) {
                throw new AssertionError("child " + i + " exited with " + processes.get(i).exitValue() + ":\n"
                        + errors(i));
            }
        }
    }

    /** What child {@code index} printed on standard output, line by line. */
    public List<String> output(int index) throws IOException {
        return Files.readAllLines(folder.resolve("child-" + index + ".out"), StandardCharsets.UTF_8);
    }

    /** What child {@code index} printed on standard error. */
    public String errors(int index) throws IOException {
        return Files.readString(folder.resolve("child-" + index + ".err"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
    }
}
