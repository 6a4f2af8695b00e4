package io.opstate.core.archives;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an archive as a zip stream, one entry at a time: each {@code .jsonl} entry line by line
 * and each blob in buffer-sized pieces, hashing and counting as it goes, then the manifest.
 * Memory holds one record and one buffer. Not thread-safe.
 */
final class ArchiveWriter implements AutoCloseable {
    private final ObjectMapper json;
    private final ZipOutputStream zip;
    private final List<Manifest.Entry> entries = new ArrayList<>();

    ArchiveWriter(ObjectMapper json, OutputStream out) {
        this.json = json;
        // the caller owns out: finishing the zip must not close it
        this.zip = new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        });
    }

    /** Starts the entry of {@code entity}; write its records, then close what this returns. */
    <T extends Record> Lines<T> lines(ArchiveEntity<T> entity) throws IOException {
        zip.putNextEntry(new ZipEntry(entity.entryName()));
        return new Lines<>(entity);
    }

    /** Writes a blob entry named by its SHA-256, read from {@code content}; returns its size. */
    long blob(String sha256, InputStream content) throws IOException {
        String name = ArchiveNames.blob(sha256);
        // Blobs are large and often compressed or random already: deflate them fast, at the cost
        // of some size, rather than spend minutes per gigabyte; records keep the default level.
        zip.setLevel(Deflater.BEST_SPEED);
        zip.putNextEntry(new ZipEntry(name));
        Counting counting = new Counting(zip);
        DigestOutputStream digesting = new DigestOutputStream(counting, sha256());
        content.transferTo(digesting);
        zip.closeEntry();
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        String actual = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        if (!actual.equals(sha256)) {
            throw new IOException("the blob of " + sha256 + " read back as " + actual + "; the artifact store is damaged"
                    + " (run the artifact integrity check)");
        }
        entries.add(new Manifest.Entry(name, ArchiveNames.BLOB_ENTITY, 0, counting.count, sha256));
        return counting.count;
    }

    /** Writes the manifest and finishes the zip; the underlying stream stays open. */
    void finish(Manifest header) throws IOException {
        Manifest manifest = new Manifest(header.formatVersion(), header.createdAt(), header.sourceBackend(),
                header.schemaVersion(), header.constructIds(), header.tokenPepperFingerprint(), entries);
        zip.putNextEntry(new ZipEntry(Manifest.NAME));
        zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest.toJson(json)));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The lines of one entry. */
    final class Lines<T extends Record> implements AutoCloseable {
        private final ArchiveEntity<T> entity;
        private final Counting counting;
        private final DigestOutputStream digesting;
        private final JsonGenerator generator;
        private long rows;

        private Lines(ArchiveEntity<T> entity) throws IOException {
            this.entity = entity;
            this.counting = new Counting(zip);
            this.digesting = new DigestOutputStream(counting, sha256());
            this.generator = json.getFactory().createGenerator(digesting);
            this.generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }

        void write(T record) {
            try {
                entity.codec().write(generator, record);
                generator.writeRaw('\n');
                rows++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long rows() {
            return rows;
        }

        @Override
        public void close() throws IOException {
            generator.flush();
            zip.closeEntry();
            entries.add(new Manifest.Entry(entity.entryName(), entity.name(), rows, counting.count,
                    HexFormat.of().formatHex(digesting.getMessageDigest().digest())));
        }
    }

    /** Counts the bytes passing to the zip, which must not be closed by an entry. */
    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void close() {
            // the entry ends with closeEntry, not by closing the zip
        }
    }
}
