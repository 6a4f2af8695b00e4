package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ExportSelection;
import io.opstate.archives.ImportAction;
import io.opstate.archives.ImportOptions;
import io.opstate.archives.ImportReport;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.NewConstruct;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Exports an artifact far larger than the heap into an archive and imports it into a second
 * store: run it with {@code -Xmx64m}. The content is generated while it is put (random bytes, so
 * the archive's deflate and the blob store get nothing to shrink), then read back from the second
 * store and its SHA-256 compared. Both stores are SQLite files under a temporary directory.
 *
 * <p>Arguments: {@code --mb <size>} (default 1024).
 */
public final class ArchiveHeapCheck {
    private ArchiveHeapCheck() {
    }

    public static void main(String[] args) throws Exception {
        long mb = args.length == 2 && args[0].equals("--mb") ? Long.parseLong(args[1]) : 1024;
        Path work = Files.createTempDirectory("opstate-archive-heap-");
        Path archive = work.resolve("big.zip");
        try (Datastore source = Persistence.open(PersistenceConfig.builder("jdbc:sqlite:" + work.resolve("source.db"))
                .build());
             Datastore target = Persistence.open(PersistenceConfig.builder("jdbc:sqlite:" + work.resolve("target.db"))
                     .build())) {
            source.constructs().create(NewConstruct.of("bench", "running").withId("c1"));
            MessageDigest put = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            Artifact artifact = source.artifacts().put(NewArtifact.of("c1", "big", "big.bin",
                    "application/octet-stream"), new DigestInputStream(GeneratedContent.random(mb * 1_000_000L, 1), put));
            double putSeconds = seconds(start);

            start = System.nanoTime();
            ExportReport exported = source.archives().export(archive, ExportSelection.wholeStore(),
                    ProgressListener.NONE, Cancellation.none());
            double exportSeconds = seconds(start);
            start = System.nanoTime();
            ImportReport imported = target.archives().importArchive(archive, ImportOptions.of(ConflictPolicy.FAIL),
                    ProgressListener.NONE, Cancellation.none());
            double importSeconds = seconds(start);

            MessageDigest read = MessageDigest.getInstance("SHA-256");
            long bytes;
            try (InputStream in = new DigestInputStream(target.artifacts().open(artifact.id()), read)) {
                bytes = in.transferTo(OutputStream.nullOutputStream());
            }
            String expected = HexFormat.of().formatHex(put.digest());
            if (imported.count("artifacts", ImportAction.INSERT) != 1 || bytes != artifact.size()
                    || !expected.equals(HexFormat.of().formatHex(read.digest()))) {
                throw new AssertionError("the imported artifact differs: " + bytes + " bytes of " + artifact.size());
            }
            System.out.printf("%d MB in a %d MB heap: put %.1f s, export %.1f s (%d blob of %d bytes, archive %d"
                            + " bytes), import %.1f s, read back %d bytes, verified%n", mb,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), putSeconds, exportSeconds, exported.blobs(),
                    exported.blobBytes(), Files.size(archive), importSeconds, bytes);
        } finally {
            ArtifactBench.deleteTree(work);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
