package io.opstate.artifacts;

/**
 * An artifact to put. Build with {@link #of} and the {@code with} methods.
 *
 * @param id its id; null for a new time-ordered UUID
 * @param constructId the construct it belongs to, which must exist
 * @param type what kind of file it is: 1..200 characters, no control characters
 * @param name its name, unique among the construct's artifacts of {@code type}: 1..255
 *     characters, none of {@code /}, {@code \}, NUL or control characters, no {@code ..}, not a
 *     reserved device name ({@code CON}, {@code NUL}, {@code COM1}, ...). Names never become paths
 *     (blobs are named by hash), but hosts export artifacts as files, so they must be safe as one.
 * @param contentType a media type such as {@code text/plain; charset=utf-8}; text types
 *     ({@code text/*}, JSON, XML, YAML, NDJSON) are compressed when that saves space, as their
 *     first 128 KiB tell: text that does not compress there is stored as put
 * @param metadata a JSON object of the host's, or null
 * @param declaredSize the content's length when the host knows it, else null: a stream of
 *     another length is refused and nothing is stored
 */
public record NewArtifact(String id, String constructId, String type, String name, String contentType,
                          String metadata, Long declaredSize) {
    /** An artifact of {@code constructId} with a generated id, no metadata and no declared size. */
    public static NewArtifact of(String constructId, String type, String name, String contentType) {
        return new NewArtifact(null, constructId, type, name, contentType, null, null);
    }

    /** This artifact with the given id. */
    public NewArtifact withId(String id) {
        return new NewArtifact(id, constructId, type, name, contentType, metadata, declaredSize);
    }

    /** This artifact with the given metadata, a JSON object or null. */
    public NewArtifact withMetadata(String metadataJson) {
        return new NewArtifact(id, constructId, type, name, contentType, metadataJson, declaredSize);
    }

    /** This artifact with the content's length declared, checked against the stream. */
    public NewArtifact withDeclaredSize(long bytes) {
        return new NewArtifact(id, constructId, type, name, contentType, metadata, bytes);
    }
}
