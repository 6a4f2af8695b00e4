package io.opstate.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Blobs as files under an artifact root: {@code blobs/<sha[0..2]>/<sha[2..4]>/<name>}, puts' temporary files in {@code tmp}. */
public final class FileBlobs implements StoredBlobs {
    private final Path root;

    public FileBlobs(Path root) {
        this.root = root;
    }

    /** The file of the blob named {@code blob}. */
    public Path path(String blob) {
        return root.resolve("blobs").resolve(blob.substring(0, 2)).resolve(blob.substring(2, 4)).resolve(blob);
    }

    @Override
    public List<String> names() {
        return regularFilesUnder(root.resolve("blobs")).stream().map(p -> p.getFileName().toString()).sorted().toList();
    }

    @Override
    public List<String> leftovers() {
        return regularFilesUnder(root.resolve("tmp")).stream().map(Path::toString).toList();
    }

    @Override
    public long storedSize(String blob) {
        try {
            return Files.size(path(blob));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void age(String blob, Duration age) {
        try {
            Files.setLastModifiedTime(path(blob), FileTime.from(Instant.now().minus(age)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void ageLeftovers(Duration age) {
        try {
            for (Path file : regularFilesUnder(root.resolve("tmp"))) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flipByte(String blob, long position) {
        try {
            byte[] content = Files.readAllBytes(path(blob));
            content[(int) position] ^= 0x5a;
            Files.write(path(blob), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void remove(String blob) {
        try {
            Files.delete(path(blob));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void truncate(String blob, long length) {
        try (var channel = Files.newByteChannel(path(blob), StandardOpenOption.WRITE)) {
            channel.truncate(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> regularFilesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
