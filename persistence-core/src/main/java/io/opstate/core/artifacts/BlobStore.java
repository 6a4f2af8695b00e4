package io.opstate.core.artifacts;

import io.opstate.InvalidInputException;
import io.opstate.StorageUnavailableException;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.artifacts.ArtifactIntegrityException;
import io.opstate.core.backup.DurableFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Blobs in a directory, named by the SHA-256 of their content:
 * {@code <root>/blobs/<sha[0..2]>/<sha[2..4]>/<sha>} (or {@code <sha>.zst} when compressed).
 * Puts stream into {@code <root>/tmp}, on the same file system, and rename into place; garbage
 * collection parks a blob in {@code <root>/trash} before deciding about it. Every path is built
 * from a hash or a random name, and every directory below the root is checked not to be a
 * symbolic link before it is used, so nothing here reaches outside the root. Thread-safe, and
 * safe for several processes sharing the root.
 *
 * <p>Garbage collection is {@link BlobCollector}'s.
 */
public final class BlobStore implements BlobPlacement {
    private static final String BLOBS = "blobs";
    static final String TEMP = "tmp";
    static final String TRASH = "trash";

    private final Path root;

    /** A store under {@code root}, created on the first put. */
    public BlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    @Override
    public StoredBlob write(InputStream content, boolean compressible, Long declaredSize) {
        return new BlobWriter(this).write(content, compressible, declaredSize);
    }

    Path blobs() {
        return root.resolve(BLOBS);
    }

    /** The path of the blob of {@code key}: derived from the hash alone. */
    Path pathOf(BlobKey key) {
        String sha = key.sha256();
        return blobs().resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(key.fileName());
    }

    /** A new, empty temporary file for a put, in the root's own temporary directory. */
    Path newTempFile() throws IOException {
        Path dir = directory(root.resolve(TEMP));
        Path temp = dir.resolve(UUID.randomUUID() + ".part");
        Files.createFile(temp);
        return temp;
    }

    /**
     * Makes a directory below the root (and the ones between), refusing a symbolic link anywhere
     * on the way; new directories are flushed into their parents, so a renamed blob survives a crash.
     */
    Path directory(Path dir) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path p = dir; p != null && !p.equals(root) && p.startsWith(root); p = p.getParent()) {
            chain.add(0, p);
        }
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
        }
        for (Path p : chain) {
            if (Files.isSymbolicLink(p)) {
                throw new StorageUnavailableException("artifact root " + root + ": " + p
                        + " is a symbolic link; refusing to follow it out of the root");
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(p);
                } catch (FileAlreadyExistsException raced) {
                    // made by another put meanwhile; checked again below
                }
                if (Files.isSymbolicLink(p)) {
                    throw new StorageUnavailableException("artifact root " + root + ": " + p + " is a symbolic link");
                }
                syncDirectory(p.getParent());
            }
        }
        return dir;
    }

    /** Whether every directory from the root down to {@code path}'s own is a real one, not a link. */
    private boolean confined(Path path) {
        for (Path p = path.getParent(); p != null && !p.equals(root) && p.startsWith(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                return false;
            }
        }
        return true;
    }

    /** The blob of {@code key} as a regular file (a link is no blob), or null when there is none. */
    @Override
    public BlobEntry find(BlobKey key) {
        Path path = pathOf(key);
        if (!confined(path)) {
            return null;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile()
                    ? new BlobEntry(key, attributes.size(), attributes.lastModifiedTime().toInstant()) : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw unavailable("could not read " + path, e);
        }
    }

    /**
     * Marks the existing blob of {@code key} as just used, so that no garbage collection removes
     * it before the put's row commits; null when it is not there (any more).
     */
    BlobEntry reuse(BlobKey key, Instant now) {
        BlobEntry existing = find(key);
        if (existing == null) {
            return null;
        }
        try {
            Files.getFileAttributeView(pathOf(key), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(now), null, null);
            return find(key);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw unavailable("could not mark " + pathOf(key) + " as used", e);
        }
    }

    /** A plain blob of the wrong length is damaged: not reused, so that a put's copy replaces it. */
    @Override
    public StoredBlob existing(String sha256, long size) {
        for (ArtifactCompression form : ArtifactCompression.values()) {
            BlobEntry found = reuse(new BlobKey(sha256, form), Instant.now());
            if (found != null && !(form == ArtifactCompression.NONE && found.storedSize() != size)) {
                return new StoredBlob(found.key(), size, found.storedSize(), true);
            }
        }
        return null;
    }

    @Override
    public InputStream openVerified(String artifactId, BlobKey key, long size, long storedSize) {
        return BlobStreams.verified(openStored(artifactId, key, storedSize, 0), artifactId, key, size);
    }

    @Override
    public InputStream openRange(String artifactId, BlobKey key, long storedSize, long offset, long length) {
        if (key.compression() == ArtifactCompression.NONE) {
            return BlobStreams.bounded(openStored(artifactId, key, storedSize, offset), length);
        }
        return BlobStreams.decodedRange(openStored(artifactId, key, storedSize, 0), artifactId, key, offset, length);
    }

    private InputStream openStored(String artifactId, BlobKey key, long storedSize, long position) {
        Path path = pathOf(key);
        if (!confined(path)) {
            throw missing(artifactId, key, "a directory on its path is a symbolic link");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw missing(artifactId, key, "there is no file " + path);
        } catch (IOException e) {
            // ELOOP: a symbolic link planted where the blob should be
            throw missing(artifactId, key, "it cannot be opened (" + e.getMessage() + ")");
        }
        try {
            long actual = channel.size();
            if (actual != storedSize) {
                channel.close();
                throw missing(artifactId, key, path + " holds " + actual + " bytes, not the " + storedSize + " stored");
            }
            channel.position(position);
            return new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // reporting the first failure
            }
            throw unavailable("could not read " + path, e);
        }
    }

    private static ArtifactIntegrityException missing(String artifactId, BlobKey key, String problem) {
        return BlobStreams.missing(artifactId, key, problem);
    }

    @Override
    public boolean intact(BlobEntry blob) {
        try {
            return BlobStreams.intact(openStored("-", blob.key(), blob.storedSize(), 0), blob.key());
        } catch (ArtifactIntegrityException e) {
            return false;
        }
    }

    /** Calls {@code each} with every blob file under the root; links and foreign files are skipped. */
    @Override
    public void forEachBlob(Consumer<BlobEntry> each) {
        Path blobs = blobs();
        if (!Files.isDirectory(blobs, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Path first : children(blobs)) {
            for (Path second : children(first)) {
                for (Path file : children(second)) {
                    BlobKey key = BlobKey.ofFileName(file.getFileName().toString());
                    if (key == null || !pathOf(key).equals(file)) {
                        continue;
                    }
                    BlobEntry blob = find(key);
                    if (blob != null) {
                        each.accept(blob);
                    }
                }
            }
        }
    }

    /** The entries of a real directory, sorted; none for a link or a file. */
    List<Path> children(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw unavailable("could not list " + dir, e);
        }
        entries.sort(null);
        return entries;
    }

    @Override
    public boolean removeIfUnreferenced(BlobEntry blob, Instant cutoff, Predicate<BlobKey> referenced) {
        return new BlobCollector(this).removeIfUnreferenced(blob, cutoff, referenced);
    }

    @Override
    public long sweep(Instant cutoff, Predicate<BlobKey> referenced) {
        return new BlobCollector(this).sweep(cutoff, referenced);
    }

    /**
     * Copies the blob of {@code key} into {@code target} under the same name, durably (a temporary
     * file, flushed, renamed into place); a blob {@code target} already has is kept as it is, as
     * content decides the name. For backups and restores: no row refers to the copy yet.
     *
     * @return the copy, or null when this store has no such blob
     */
    public BlobEntry copyInto(BlobKey key, BlobStore target) {
        BlobEntry source = find(key);
        if (source == null) {
            return null;
        }
        BlobEntry existing = target.find(key);
        if (existing != null && existing.storedSize() == source.storedSize()) {
            return existing;
        }
        Path temp = null;
        try {
            temp = target.newTempFile();
            try (FileChannel in = FileChannel.open(pathOf(key), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                 FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += in.transferTo(done, size - done, out);
                }
                out.force(true);
            }
            target.publish(temp, key);
            temp = null;
        } catch (NoSuchFileException e) {
            return null; // collected meanwhile
        } catch (IOException e) {
            throw unavailable("could not copy the blob " + key.fileName() + " to " + target.root(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temporary file is swept with the root's other leftovers
                }
            }
        }
        return target.find(key);
    }

    /**
     * The blob of {@code key} as stored on disk (compressed where it is), or null when there is
     * none; for backups, which keep blobs as they are.
     */
    public InputStream openStoredBytes(BlobKey key) {
        Path path = pathOf(key);
        if (!confined(path)) {
            return null;
        }
        try {
            return Channels.newInputStream(FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw unavailable("could not read " + path, e);
        }
    }

    /**
     * Writes {@code storedBytes} as the blob of {@code key}, durably, as {@link #openStoredBytes}
     * gave them; for restores, which check the result with {@link #intact} before any row refers
     * to it.
     */
    public BlobEntry writeStoredBytes(BlobKey key, InputStream storedBytes) {
        Path temp = null;
        try {
            temp = newTempFile();
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                storedBytes.transferTo(Channels.newOutputStream(out));
                out.force(true);
            }
            publish(temp, key);
            temp = null;
            return find(key);
        } catch (IOException e) {
            throw unavailable("could not write the blob " + key.fileName(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temporary file is swept with the root's other leftovers
                }
            }
        }
    }

    /** Renames a durable temporary file to the blob of {@code key}, then flushes the directory entry. */
    void publish(Path temp, BlobKey key) throws IOException {
        Path target = pathOf(key);
        directory(target.getParent());
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw unavailable("cannot rename atomically within " + root, e);
        }
        syncDirectory(target.getParent());
    }

    /** Flushes a directory's entries to disk (where the platform allows opening a directory). */
    static void syncDirectory(Path dir) throws IOException {
        DurableFiles.syncDirectory(dir);
    }

    StorageUnavailableException unavailable(String what, IOException cause) {
        return new StorageUnavailableException("artifact root " + root + ": " + what + ": " + cause, cause);
    }

    /**
     * The root a setting names, as an absolute path.
     *
     * @throws InvalidInputException naming {@code property} when it is no usable path
     */
    public static BlobStore configured(String property, String root) {
        try {
            return new BlobStore(Path.of(root));
        } catch (RuntimeException e) {
            throw new InvalidInputException(property, "is not a usable directory path: " + e.getMessage(), e);
        }
    }
}
