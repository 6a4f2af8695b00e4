package io.opstate.core.artifacts;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.StorageUnavailableException;
import io.opstate.artifacts.ArtifactStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Supplier;

/**
 * Where a store keeps its artifact blobs: a configured directory, a temporary one made on first
 * use and deleted on close, or none (for a backend that needs one configured, which then refuses
 * artifact operations naming the setting). Thread-safe.
 */
public final class BlobRoot implements Supplier<BlobStore>, AutoCloseable {
    private final BlobStore fixed;
    private final String unconfigured;
    private final boolean temporary;
    private BlobStore made;

    private BlobRoot(BlobStore fixed, String unconfigured, boolean temporary) {
        this.fixed = fixed;
        this.unconfigured = unconfigured;
        this.temporary = temporary;
    }

    /** Blobs under {@code root}, kept on close. */
    public static BlobRoot at(Path root) {
        return new BlobRoot(new BlobStore(root), null, false);
    }

    /** Blobs under the directory {@link Settings#ARTIFACT_ROOT} names. */
    public static BlobRoot configured(String root) {
        return new BlobRoot(BlobStore.configured(Settings.ARTIFACT_ROOT.property(), root), null, false);
    }

    /** Blobs in a new temporary directory, made on first use and deleted with its content on close. */
    public static BlobRoot temporary() {
        return new BlobRoot(null, null, true);
    }

    /** No root: every use raises {@link InvalidInputException} naming the setting, with {@code why} it is needed. */
    public static BlobRoot unconfigured(String why) {
        return new BlobRoot(null, why, false);
    }

    /**
     * Refuses database placement on a backend that keeps its blobs as files only.
     *
     * @throws InvalidInputException naming {@link Settings#ARTIFACT_STORAGE} when {@code config} asks for the database
     */
    public static void requireFiles(PersistenceConfig config, String backend, String instead) {
        if (config.artifactStorage().orElse(ArtifactStorage.FILES) == ArtifactStorage.DATABASE) {
            throw new InvalidInputException(Settings.ARTIFACT_STORAGE.property(), "database is offered on PostgreSQL"
                    + " only; the " + backend + " backend keeps artifact blobs as files (" + instead + "): set files"
                    + " or leave it unset");
        }
    }

    @Override
    public synchronized BlobStore get() {
        if (fixed != null) {
            return fixed;
        }
        if (unconfigured != null) {
            throw new InvalidInputException(Settings.ARTIFACT_ROOT.property(), "is not set: " + unconfigured
                    + " (environment variable " + Settings.ARTIFACT_ROOT.environmentVariable() + ")");
        }
        if (made == null) {
            try {
                made = new BlobStore(Files.createTempDirectory("opstate-artifacts-"));
            } catch (IOException e) {
                throw new StorageUnavailableException("could not create a temporary artifact root: " + e, e);
            }
        }
        return made;
    }

    /** Deletes a temporary root; a configured one is kept. */
    @Override
    public synchronized void close() {
        if (!temporary || made == null) {
            return;
        }
        try {
            deleteTree(made.root());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the temporary artifact root " + made.root(), e);
        } finally {
            made = null;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        // walkFileTree does not follow links: a link inside is deleted, never what it points at
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
