package io.opstate.pipelines;

/**
 * Changes to a pipeline; null fields keep their current value. Start from {@link #none()};
 * every {@code with} method returns a copy. Validated when submitted, not here. Because null
 * means "keep", a description once set cannot be removed, only replaced (an empty one is
 * allowed).
 *
 * @param description new free text of at most 10,000 characters, or null to keep the current one
 * @param config new JSON text, or null to keep the current one
 */
public record PipelineChanges(String description, String config) {
    /** Changes nothing yet; an update with no changes still counts as a change (version + 1). */
    public static PipelineChanges none() {
        return new PipelineChanges(null, null);
    }

    /** A copy that replaces the description. */
    public PipelineChanges withDescription(String description) {
        return new PipelineChanges(description, config);
    }

    /** A copy that replaces the config with {@code configJson}. */
    public PipelineChanges withConfig(String configJson) {
        return new PipelineChanges(description, configJson);
    }
}
