package io.opstate.tck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds damaged or hand-made archives for the archive contract: reads an archive's entries into
 * memory (test archives are small), lets a test change them, and writes them back, with the
 * manifest's checksums, sizes and row counts either recomputed (a well-formed archive of other
 * content) or left as they were (a damaged one).
 */
final class ArchiveFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveFiles() {
    }

    static Map<String, byte[]> read(Path archive) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    static void write(Path archive, Map<String, byte[]> entries) {
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Map<String, byte[]> entries, String name) {
        return new String(entries.get(name), StandardCharsets.UTF_8);
    }

    /** Replaces entry {@code name} by {@code change} of its text, leaving the manifest as it was. */
    static void damage(Path archive, String name, UnaryOperator<String> change) {
        Map<String, byte[]> entries = read(archive);
        entries.put(name, change.apply(text(entries, name)).getBytes(StandardCharsets.UTF_8));
        write(archive, entries);
    }

    /** Replaces entry {@code name} by {@code change} of its text and brings the manifest up to date. */
    static void rewrite(Path archive, String name, UnaryOperator<String> change) {
        Map<String, byte[]> entries = read(archive);
        byte[] content = change.apply(text(entries, name)).getBytes(StandardCharsets.UTF_8);
        entries.put(name, content);
        try {
            ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get("manifest.json"));
            manifest.withArray("entries").forEach(node -> {
                if (node.get("name").asText().equals(name)) {
                    ObjectNode entry = (ObjectNode) node;
                    entry.put("bytes", content.length);
                    entry.put("sha256", sha256(content));
                    entry.put("rows", content.length == 0 ? 0 : new String(content, StandardCharsets.UTF_8)
                            .split("\n", -1).length - 1);
                }
            });
            entries.put("manifest.json", JSON.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(archive, entries);
    }

    /** Replaces the manifest by {@code change} of it. */
    static void rewriteManifest(Path archive, UnaryOperator<ObjectNode> change) {
        Map<String, byte[]> entries = read(archive);
        try {
            ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get("manifest.json"));
            entries.put("manifest.json", JSON.writeValueAsBytes(change.apply(manifest)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(archive, entries);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
