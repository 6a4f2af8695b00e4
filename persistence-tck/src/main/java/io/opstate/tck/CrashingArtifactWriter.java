package io.opstate.tck;

import io.opstate.Datastore;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.NewConstruct;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Child JVM of {@link ArtifactCrashContract}: puts artifacts of a construct of its own, one by
 * one, and prints each id once the put has returned (the artifact is acknowledged). A third share
 * one content (puts that reuse a blob), a third are unique text (compressed), a third unique
 * binary. Runs until killed, or stops by itself after the given number of seconds.
 *
 * <p>Arguments: construct id, seconds, then the store's settings as {@code opstate.key=value}.
 */
public final class CrashingArtifactWriter {
    static final byte[] SHARED = "shared line of every run\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);

    private CrashingArtifactWriter() {
    }

    public static void main(String[] args) {
        String constructId = args[0];
        Duration limit = Duration.ofSeconds(Long.parseLong(args[1]));
        ChildDeadline.arm(limit.plusSeconds(5));
        Map<String, String> settings = new LinkedHashMap<>();
        Arrays.stream(args, 2, args.length).map(arg -> arg.split("=", 2)).forEach(kv -> settings.put(kv[0], kv[1]));
        long end = System.nanoTime() + limit.toNanos();
        Random random = new Random();
        try (Datastore store = ArtifactCrashContract.open(settings)) {
            store.constructs().create(NewConstruct.of("run", "running").withId(constructId));
            for (int n = 0; System.nanoTime() < end; n++) {
                byte[] content = switch (n % 3) {
                    case 0 -> SHARED;
                    case 1 -> ("run " + constructId + " line " + n + " " + random.nextLong() + "\n").repeat(5_000)
                            .getBytes(StandardCharsets.UTF_8);
                    default -> randomBytes(random, 100_000 + random.nextInt(300_000));
                };
                String type = n % 3 == 2 ? "application/octet-stream" : "text/plain";
                Artifact artifact = store.artifacts().put(NewArtifact.of(constructId, "output", "file-" + n, type),
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
