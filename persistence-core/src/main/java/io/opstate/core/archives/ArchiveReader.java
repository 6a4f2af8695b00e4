package io.opstate.core.archives;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.archives.ArchiveFormatException;
import io.opstate.artifacts.Artifact;
import io.opstate.operations.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads an archive file: its manifest first, then, on request, an entry's records one line at a
 * time or a blob's bytes as a stream. {@link #verify} reads every entry once, blobs included, to
 * check names, checksums, sizes, row counts, every line, and that every artifact's blob is in the
 * archive, before an import writes anything. Not thread-safe.
 */
final class ArchiveReader implements AutoCloseable {
    private static final int MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

    private final ObjectMapper json;
    private final String fileName;
    private final ZipFile zip;
    private final Manifest manifest;
    private final Map<String, Manifest.Entry> entries = new LinkedHashMap<>();

    ArchiveReader(ObjectMapper json, Path file) {
        this.json = json;
        this.fileName = String.valueOf(file.getFileName());
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new ArchiveFormatException(fileName, "is not a readable zip archive (missing, truncated or"
                    + " damaged): " + e.getMessage(), e);
        }
        try {
            Map<String, ZipEntry> inZip = new HashMap<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                ArchiveNames.check(entry.getName());
                if (inZip.put(entry.getName(), entry) != null) {
                    throw new ArchiveFormatException(entry.getName(), "appears twice in the archive");
                }
            }
            if (!inZip.containsKey(Manifest.NAME)) {
                throw new ArchiveFormatException(fileName, "has no " + Manifest.NAME
                        + ": it is not an OpState archive, or its export did not finish");
            }
            this.manifest = Manifest.fromJson(json.readTree(readManifest(inZip.get(Manifest.NAME))));
            for (Manifest.Entry entry : manifest.entries()) {
                ArchiveNames.check(entry.name());
                if (!inZip.containsKey(entry.name())) {
                    throw new ArchiveFormatException(entry.name(), "is listed in the manifest but missing from the"
                            + " archive");
                }
                if (entries.put(entry.name(), entry) != null) {
                    throw new ArchiveFormatException(entry.name(), "is listed twice in the manifest");
                }
            }
            for (String name : inZip.keySet()) {
                if (!name.equals(Manifest.NAME) && !entries.containsKey(name)) {
                    throw new ArchiveFormatException(name, "is in the archive but not in its manifest");
                }
            }
        } catch (IOException e) {
            closeQuietly();
            throw new ArchiveFormatException(Manifest.NAME, "cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private byte[] readManifest(ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw new ArchiveFormatException(Manifest.NAME, "is larger than " + MAX_MANIFEST_BYTES + " bytes");
            }
            return bytes;
        } catch (JsonProcessingException e) {
            throw new ArchiveFormatException(Manifest.NAME, "is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    Manifest manifest() {
        return manifest;
    }

    /** The manifest's entry of {@code entity}, if the archive holds it. */
    java.util.Optional<Manifest.Entry> entry(ArchiveEntity<?> entity) {
        return java.util.Optional.ofNullable(entries.get(entity.entryName()));
    }

    /**
     * Reads every entry once: each blob's bytes against its name and checksum, each {@code .jsonl}
     * entry's checksum, size and row count, and every line as a record of its entity.
     */
    void verify(Iterable<ArchiveEntity<?>> entities, Cancellation cancellation, Runnable afterEntry) {
        Map<String, ArchiveEntity<?>> byEntry = new HashMap<>();
        entities.forEach(entity -> byEntry.put(entity.entryName(), entity));
        for (Manifest.Entry entry : manifest.entries()) {
            cancellation.throwIfCancelled("import");
            if (entry.entity().equals(ArchiveNames.BLOB_ENTITY)) {
                if (!entry.name().equals(ArchiveNames.blob(entry.sha256()))) {
                    throw new ArchiveFormatException(entry.name(), "is not named by its sha256 " + entry.sha256());
                }
                try (InputStream in = blob(entry.sha256())) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    throw new ArchiveFormatException(entry.name(), "cannot be read: " + e.getMessage(), e);
                }
            } else {
                ArchiveEntity<?> entity = byEntry.get(entry.name());
                if (entity == null || !entity.name().equals(entry.entity())) {
                    throw new ArchiveFormatException(entry.name(), "holds no entity this OpState knows ("
                            + entry.entity() + ")");
                }
                verifyLines(entity, entry);
            }
            afterEntry.run();
        }
    }

    /** Reads every line of an entry; a record with content must name a blob of the archive, of its size. */
    private <T extends Record> void verifyLines(ArchiveEntity<T> entity, Manifest.Entry entry) {
        read(entity, (record, line, bytes) -> {
            Artifact content = entity.contentOf(record);
            if (content == null) {
                return;
            }
            Manifest.Entry blob = entries.get(ArchiveNames.blob(content.sha256()));
            if (blob == null || !blob.entity().equals(ArchiveNames.BLOB_ENTITY)) {
                throw new ArchiveFormatException(entry.name() + ":" + line, "names the blob " + content.sha256()
                        + ", which the archive lacks");
            }
            if (blob.bytes() != content.size()) {
                throw new ArchiveFormatException(entry.name() + ":" + line, "says its content holds "
                        + content.size() + " bytes, but the archive's blob " + content.sha256() + " holds "
                        + blob.bytes());
            }
        });
    }

    /** Receives each record of an entry with its line number, from 1, and the line's length in bytes. */
    interface LineSink<T> {
        void accept(T record, long line, int bytes);
    }

    /**
     * Hands every record of {@code entity}'s entry to {@code sink}, checking the entry's checksum,
     * size and row count at its end; nothing when the archive has no such entry.
     */
    <T extends Record> void read(ArchiveEntity<T> entity, LineSink<T> sink) {
        Manifest.Entry entry = entries.get(entity.entryName());
        if (entry == null) {
            return;
        }
        long line = 0;
        try (Checked in = open(entry)) {
            LineInput lines = new LineInput(in.stream);
            byte[] bytes;
            while (true) {
                try {
                    bytes = lines.next();
                } catch (LineException e) {
                    throw new ArchiveFormatException(entry.name() + ":" + (line + 1), e.getMessage());
                }
                if (bytes == null) {
                    break;
                }
                line++;
                T record;
                try {
                    record = entity.codec().read(json.readTree(bytes));
                } catch (JsonProcessingException e) {
                    throw new ArchiveFormatException(entry.name() + ":" + line, "is not valid JSON: "
                            + e.getOriginalMessage(), e);
                } catch (LineException e) {
                    throw new ArchiveFormatException(entry.name() + ":" + line, e.getMessage());
                }
                sink.accept(record, line, bytes.length);
            }
            in.finish(line);
        } catch (IOException e) {
            throw new ArchiveFormatException(entry.name() + ":" + (line + 1), "cannot be read (truncated or damaged): "
                    + e.getMessage(), e);
        }
    }

    /** The bytes of the blob {@code sha256}, checked against it as they are read to the end. */
    InputStream blob(String sha256) throws IOException {
        Manifest.Entry entry = entries.get(ArchiveNames.blob(sha256));
        if (entry == null) {
            throw new ArchiveFormatException(ArchiveNames.blob(sha256), "is missing: an artifact of the archive"
                    + " names a blob the archive lacks");
        }
        Checked checked = open(entry);
        return new java.io.FilterInputStream(checked.stream) {
            private boolean finished;

            @Override
            public int read() throws IOException {
                int b = super.read();
                end(b < 0);
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int n = super.read(bytes, offset, length);
                end(n < 0);
                return n;
            }

            private void end(boolean atEnd) {
                if (atEnd && !finished) {
                    finished = true;
                    checked.finish(0);
                }
            }
        };
    }

    private Checked open(Manifest.Entry entry) throws IOException {
        ZipEntry zipEntry = zip.getEntry(entry.name());
        return new Checked(entry, zip.getInputStream(zipEntry));
    }

    /** An entry's stream, counted and hashed, compared with the manifest at its end. */
    private static final class Checked implements AutoCloseable {
        private final Manifest.Entry entry;
        private final DigestInputStream digesting;
        private final CountingInput counting;
        private final InputStream stream;

        Checked(Manifest.Entry entry, InputStream raw) {
            this.entry = entry;
            this.counting = new CountingInput(raw);
            this.digesting = new DigestInputStream(counting, ArchiveWriter.sha256());
            this.stream = digesting;
        }

        void finish(long rows) {
            String actual = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
            if (counting.count != entry.bytes()) {
                throw new ArchiveFormatException(entry.name(), "holds " + counting.count + " bytes, its manifest says "
                        + entry.bytes());
            }
            if (!actual.equals(entry.sha256())) {
                throw new ArchiveFormatException(entry.name(), "has sha256 " + actual + ", its manifest says "
                        + entry.sha256() + ": the archive is damaged");
            }
            if (rows != entry.rows()) {
                throw new ArchiveFormatException(entry.name(), "holds " + rows + " rows, its manifest says "
                        + entry.rows());
            }
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    private static final class CountingInput extends java.io.FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private void closeQuietly() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // the archive was refused; the refusal is what the caller needs
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
