package io.opstate.constructs;

/**
 * A construct to create. Start from {@link #of(String, String)} and add what you need; every
 * {@code with} method returns a copy. Validated when submitted, not here.
 *
 * @param id identifier of 1..200 characters, or null to generate a time-ordered UUID
 * @param type required, 1..200 characters like a job type
 * @param status required, 1..200 characters
 * @param title at most {@value ConstructRepository#MAX_TITLE_LENGTH} characters, or null
 * @param metadata a JSON object as text, at most the configured maximum payload size, or null
 */
public record NewConstruct(String id, String type, String status, String title, String metadata) {
    /** A construct of {@code type} in {@code status}, with a generated id, no title and no metadata. */
    public static NewConstruct of(String type, String status) {
        return new NewConstruct(null, type, status, null, null);
    }

    /** A copy with this id; null generates one. */
    public NewConstruct withId(String id) {
        return new NewConstruct(id, type, status, title, metadata);
    }

    /** A copy with this title; null for none. */
    public NewConstruct withTitle(String title) {
        return new NewConstruct(id, type, status, title, metadata);
    }

    /** A copy with this metadata, a JSON object as text; null for none. */
    public NewConstruct withMetadata(String metadataJson) {
        return new NewConstruct(id, type, status, title, metadataJson);
    }
}
