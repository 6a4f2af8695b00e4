package io.opstate.examples.synthetic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An artifact as the UI serves it: the content type it was stored with (for the response header)
 * and its content, read from the artifact's file and verified as it is read. Close it.
 *
 * @param name the artifact's name, e.g. for a download's file name
 * @param contentType the media type given when it was stored
 * @param length how many bytes {@code content} holds
 * @param content the bytes
 */
public record ServedArtifact(String name, String contentType, long length, InputStream content)
        implements AutoCloseable {
    /** Reads the rest of the content. */
    public byte[] readAll() {
        try {
            return content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
