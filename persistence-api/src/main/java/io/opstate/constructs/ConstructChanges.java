package io.opstate.constructs;

/**
 * Changes to a construct; null fields keep their current value. Start from {@link #none()};
 * every {@code with} method returns a copy. Validated when submitted, not here. Because null
 * means "keep", removing the title or the metadata is said apart ({@link #withoutTitle()},
 * {@link #withoutMetadata()}). A construct's type never changes.
 *
 * @param status new status of 1..200 characters, or null to keep the current one
 * @param title new title of at most {@value ConstructRepository#MAX_TITLE_LENGTH} characters, or
 *     null to keep the current one
 * @param metadata new metadata (a JSON object as text, replacing the whole object), or null to keep it
 * @param removeTitle whether to remove the title; refused together with a {@code title}, naming {@code title}
 * @param removeMetadata whether to remove the metadata; refused together with a {@code metadata},
 *     naming {@code metadata}
 */
public record ConstructChanges(String status, String title, String metadata, boolean removeTitle,
                               boolean removeMetadata) {
    /** Changes nothing yet; an update with no changes still counts as a change (version + 1). */
    public static ConstructChanges none() {
        return new ConstructChanges(null, null, null, false, false);
    }

    /** A copy that sets the status. */
    public ConstructChanges withStatus(String status) {
        return new ConstructChanges(status, title, metadata, removeTitle, removeMetadata);
    }

    /** A copy that replaces the title (and no longer removes it). */
    public ConstructChanges withTitle(String title) {
        return new ConstructChanges(status, title, metadata, false, removeMetadata);
    }

    /** A copy that removes the title: the construct's {@link Construct#title()} becomes null. */
    public ConstructChanges withoutTitle() {
        return new ConstructChanges(status, null, metadata, true, removeMetadata);
    }

    /** A copy that replaces the metadata with {@code metadataJson}, a JSON object (and no longer removes it). */
    public ConstructChanges withMetadata(String metadataJson) {
        return new ConstructChanges(status, title, metadataJson, removeTitle, false);
    }

    /** A copy that removes the metadata: the construct's {@link Construct#metadata()} becomes null. */
    public ConstructChanges withoutMetadata() {
        return new ConstructChanges(status, title, null, removeTitle, true);
    }
}
