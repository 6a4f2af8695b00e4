package io.opstate.pipelines;

/**
 * Changes to a pipeline; null fields keep their current value. Start from {@link #none()};
 * every {@code with} method returns a copy. Validated when submitted, not here. Because null
 * means "keep", removing the description is said apart: {@link #withoutDescription()}.
 *
 * @param description new free text of at most 10,000 characters, or null to keep the current one
 * @param config new JSON text, or null to keep the current one
 * @param removeDescription whether to remove the description (leave it null); refused together
 *     with a {@code description}, naming {@code description}
 */
public record PipelineChanges(String description, String config, boolean removeDescription) {
    /** Changes that replace what they carry and remove nothing. */
    public PipelineChanges(String description, String config) {
        this(description, config, false);
    }

    /** Changes nothing yet; an update with no changes still counts as a change (version + 1). */
    public static PipelineChanges none() {
        return new PipelineChanges(null, null, false);
    }

    /** A copy that replaces the description (and no longer removes it). */
    public PipelineChanges withDescription(String description) {
        return new PipelineChanges(description, config, false);
    }

    /** A copy that removes the description: the pipeline's {@link Pipeline#description()} becomes null. */
    public PipelineChanges withoutDescription() {
        return new PipelineChanges(null, config, true);
    }

    /** A copy that replaces the config with {@code configJson}. */
    public PipelineChanges withConfig(String configJson) {
        return new PipelineChanges(description, configJson, removeDescription);
    }
}
