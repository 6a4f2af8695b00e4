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
import java.util.Random;

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
                        contentType), generated(mb * 1_000_000L, contentType.startsWith("text")));
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

    /** {@code size} bytes made as they are read: random bytes, or a log line repeated with a counter. */
    private static InputStream generated(long size, boolean text) {
        Random random = new Random(1);
        return new InputStream() {
            private long left = size;
            private long line;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                if (text) {
                    for (int i = 0; i < n; i++) {
                        buffer[offset + i] = (byte) ((i % 64 == 63) ? '\n' : 'a' + (line++ % 26));
                    }
                } else {
                    byte[] chunk = new byte[n];
                    random.nextBytes(chunk);
                    System.arraycopy(chunk, 0, buffer, offset, n);
                }
                left -= n;
                return n;
            }
        };
    }
}
