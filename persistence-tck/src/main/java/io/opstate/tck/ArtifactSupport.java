package io.opstate.tck;

import io.opstate.PersistenceConfig;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.NewConstruct;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the artifact contracts: the store's artifact root is a fresh directory of the test's
 * ({@link #root}), so tests can look at, age, damage and replace the blob files under it, as a
 * disk fault or an operator would. Constructs {@code c1} and {@code c2} exist before each test.
 */
public abstract class ArtifactSupport extends TckSupport {
    protected static final String LOG = "text/plain; charset=utf-8";
    protected static final String BINARY = "application/octet-stream";

    /** The artifact root of the store under test. */
    @TempDir
    protected Path root;

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.artifactRoot(root.resolve("artifacts").toString());
    }

    @BeforeEach
    void twoConstructs() {
        store.constructs().create(NewConstruct.of("feature", "active").withId("c1"));
        store.constructs().create(NewConstruct.of("feature", "active").withId("c2"));
    }

    protected ArtifactRepository artifacts() {
        return store.artifacts();
    }

    protected Path artifactRoot() {
        return root.resolve("artifacts");
    }

    protected Artifact put(String constructId, String type, String name, String contentType, byte[] content) {
        return artifacts().put(NewArtifact.of(constructId, type, name, contentType), new ByteArrayInputStream(content));
    }

    /**
     * The blobs of the store under test: files under {@link #artifactRoot()} unless a leaf keeps
     * them elsewhere (then it overrides this and {@link #configure}).
     */
    protected StoredBlobs blobs() {
        return new FileBlobs(artifactRoot());
    }

    /** Whether the store under test keeps its blobs as files (tests of the file layout only run then). */
    protected boolean blobsAreFiles() {
        return blobs() instanceof FileBlobs;
    }

    /** Every stored blob's name. */
    protected List<String> blobFiles() {
        return blobs().names();
    }

    /** What unfinished puts left. */
    protected List<String> tempFiles() {
        return blobs().leftovers();
    }

    /** The name of an artifact's blob. */
    protected static String blobOf(Artifact artifact) {
        return artifact.compression() == io.opstate.artifacts.ArtifactCompression.ZSTD
                ? artifact.sha256() + ".zst" : artifact.sha256();
    }

    /** Makes a blob look {@code age} old to the garbage collector. */
    protected void age(String blob, Duration age) {
        blobs().age(blob, age);
    }

    protected static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code lines} lines of a build log: repetitive text that compresses well. */
    protected static byte[] logText(int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("2026-12-04T10:00:").append(i % 60).append("Z INFO step ").append(i)
                    .append(" compiled module persistence-core in ").append(i % 97).append(" ms\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Incompressible bytes, the same for the same seed. */
    protected static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
