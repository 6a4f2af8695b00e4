package io.opstate.pipelines;

/**
 * A pipeline to create. Start from {@link #of(String, String)} and add what you need; every
 * {@code with} method returns a copy. Validated when submitted, not here.
 *
 * @param name required unique name, the key; 1..200 characters
 * @param description free text of at most 10,000 characters, or null
 * @param config required JSON text; at most the configured maximum payload size
 */
public record NewPipeline(String name, String description, String config) {
    /** A pipeline named {@code name} defined by {@code configJson}, without a description. */
    public static NewPipeline of(String name, String configJson) {
        return new NewPipeline(name, null, configJson);
    }

    /** A copy with this description; null for none. */
    public NewPipeline withDescription(String description) {
        return new NewPipeline(name, description, config);
    }
}
