package io.opstate.core.artifacts;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Removes blobs no row references, and what dead puts and collectors left.
 *
 * <p>Why it never removes a blob a concurrent put has just referenced: a put
 * that finds its blob already present marks it fresh (sets its modification time to now) and only
 * then commits its row; a put that does not find it renames its own durable copy into place. The
 * collector only considers blobs older than its grace period that no row references, and before
 * deleting one it renames it away (atomically; from then on no put can find it, so every later
 * put writes its own copy) and looks again: if the parked blob was marked fresh meanwhile, or a
 * row now references it, it goes back. A put that marked the blob before it was parked is seen
 * by that second look, as fresh; one that looked after it was parked wrote its own copy. What is
 * left is a put whose row commits later than the grace period after its mark (a host transaction
 * held open that long); {@link io.opstate.artifacts.ArtifactRepository#GC_GRACE} documents it.
 * A collector that dies with a blob parked is undone by the next one, which puts back every
 * parked blob still referenced.
 *
 * <p>Thread-safe, and safe for several collectors (threads or processes) at once: a blob another
 * collector parked first is simply not found.
 */
final class BlobCollector {
    private final BlobStore store;

    BlobCollector(BlobStore store) {
        this.store = store;
    }

    /**
     * Removes {@code blob} if it is older than {@code cutoff} and {@code referenced} says no row
     * points at it, asked again once the blob is parked where no put finds it (see the class
     * comment). Returns whether it was removed.
     */
    boolean removeIfUnreferenced(BlobEntry blob, Instant cutoff, Predicate<BlobKey> referenced) {
        if (!blob.modified().isBefore(cutoff) || referenced.test(blob.key())) {
            return false;
        }
        Path parked;
        try {
            parked = store.directory(store.root().resolve(BlobStore.TRASH)).resolve(blob.key().fileName() + "." + UUID.randomUUID());
            Files.move(store.pathOf(blob.key()), parked, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw store.unavailable("could not move " + store.pathOf(blob.key()) + " aside", e);
        }
        try {
            Instant modified = Files.getLastModifiedTime(parked, LinkOption.NOFOLLOW_LINKS).toInstant();
            if (!modified.isBefore(cutoff) || referenced.test(blob.key())) {
                putBack(parked, blob.key());
                return false;
            }
            Files.delete(parked);
            return true;
        } catch (IOException e) {
            throw store.unavailable("could not remove " + parked, e);
        } catch (RuntimeException e) {
            // the second look failed: keep the blob rather than guess
            try {
                putBack(parked, blob.key());
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Moves a parked blob back, unless a put has meanwhile put an identical copy in place. */
    private void putBack(Path parked, BlobKey key) throws IOException {
        Path target = store.pathOf(key);
        store.directory(target.getParent());
        try {
            Files.move(parked, target);
            Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(Instant.now()), null, null);
        } catch (FileAlreadyExistsException e) {
            Files.delete(parked);
        }
        BlobStore.syncDirectory(target.getParent());
    }

    /**
     * Deals with what dead puts and collectors left: puts back parked blobs still referenced
     * whose place is empty, and deletes parked blobs and temporary files older than {@code cutoff}.
     * Returns how many files it deleted.
     */
    long sweep(Instant cutoff, Predicate<BlobKey> referenced) {
        long deleted = 0;
        for (Path parked : store.children(store.root().resolve(BlobStore.TRASH))) {
            String name = parked.getFileName().toString();
            int dot = name.lastIndexOf('.');
            BlobKey key = dot < 0 ? null : BlobKey.ofFileName(name.substring(0, dot));
            try {
                if (key != null && store.find(key) == null && referenced.test(key)) {
                    putBack(parked, key);
                } else if (olderThan(parked, cutoff)) {
                    deleted += Files.deleteIfExists(parked) ? 1 : 0;
                }
            } catch (IOException e) {
                throw store.unavailable("could not clean up " + parked, e);
            }
        }
        for (Path temp : store.children(store.root().resolve(BlobStore.TEMP))) {
            try {
                if (olderThan(temp, cutoff)) {
                    deleted += Files.deleteIfExists(temp) ? 1 : 0;
                }
            } catch (IOException e) {
                throw store.unavailable("could not remove " + temp, e);
            }
        }
        return deleted;
    }

    private static boolean olderThan(Path path, Instant cutoff) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff);
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
