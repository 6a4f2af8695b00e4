package io.opstate.sqlite.artifacts;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.NewConstruct;
import io.opstate.sqlite.testing.ChildDeadline;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

/**
 * Child JVM of {@link ArtifactCrashTest}: puts artifacts of a construct of its own, one by one,
 * and prints each id once the put has returned (the artifact is acknowledged). A third share one
 * content (puts that reuse a blob), a third are unique text (compressed), a third unique binary.
 * Runs until killed, or stops by itself after the given number of seconds.
 *
 * <p>Arguments: store URL, construct id, seconds.
 */
public final class CrashingArtifactWriter {
    static final byte[] SHARED = "shared line of every run\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);

    private CrashingArtifactWriter() {
    }

    public static void main(String[] args) {
        Duration limit = Duration.ofSeconds(Long.parseLong(args[2]));
        ChildDeadline.arm(limit.plusSeconds(5));
        long end = System.nanoTime() + limit.toNanos();
        Random random = new Random();
        try (Datastore store = Persistence.open(args[0])) {
            store.constructs().create(NewConstruct.of("run", "running").withId(args[1]));
            for (int n = 0; System.nanoTime() < end; n++) {
                byte[] content = switch (n % 3) {
                    case 0 -> SHARED;
                    case 1 -> ("run " + args[1] + " line " + n + " " + random.nextLong() + "\n").repeat(5_000)
                            .getBytes(StandardCharsets.UTF_8);
                    default -> randomBytes(random, 100_000 + random.nextInt(300_000));
                };
                String type = n % 3 == 2 ? "application/octet-stream" : "text/plain";
                Artifact artifact = store.artifacts().put(NewArtifact.of(args[1], "output", "file-" + n, type),
                        new ByteArrayInputStream(content));
                System.out.println(artifact.id());
                System.out.flush();
            }
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
