package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.NewConstruct;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts and reads back (verified) an artifact far larger than the heap: run it with
 * {@code -Xmx64m}. The content is generated on the fly, never held whole; half of it is random
 * (incompressible) and half repeated text, so both the plain and the compressing paths stream.
 *
 * <p>Arguments: {@code --mb <size>} (default 1024).
 */
public final class ArtifactHeapCheck {
    private ArtifactHeapCheck() {
    }

    public static void main(String[] args) throws Exception {
        long mb = args.length == 2 && args[0].equals("--mb") ? Long.parseLong(args[1]) : 1024;
        Path work = Files.createTempDirectory("opstate-artifact-heap-");
        try (Datastore store = Persistence.open(PersistenceConfig.builder("jdbc:sqlite:" + work.resolve("heap.db")).build())) {
            store.constructs().create(NewConstruct.of("bench", "running").withId("c1"));
            for (String contentType : new String[] {"application/octet-stream", "text/plain"}) {
                long start = System.nanoTime();
                Artifact artifact = store.artifacts().put(NewArtifact.of("c1", "big", contentType.replace('/', '-'),
                        contentType), GeneratedContent.of(mb * 1_000_000L, contentType.startsWith("text"), 0));
                double put = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                long read;
                try (InputStream in = store.artifacts().open(artifact.id())) {
                    read = in.transferTo(OutputStream.nullOutputStream());
                }
                double get = (System.nanoTime() - start) / 1e9;
                Runtime runtime = Runtime.getRuntime();
                System.out.printf("%s %d MB in a %d MB heap: put %.1f s (%.0f MB/s), verified get %.1f s (%.0f MB/s),"
                                + " stored %d bytes (%s), read back %d bytes%n", contentType, mb,
                        runtime.maxMemory() / (1024 * 1024), put, mb / put, get, mb / get, artifact.storedSize(),
                        artifact.compression(), read);
                if (read != artifact.size()) {
                    throw new AssertionError("read back " + read + " bytes of " + artifact.size());
                }
                store.artifacts().delete(artifact.id());
            }
        } finally {
            ArtifactBench.deleteTree(work);
        }
    }
}
