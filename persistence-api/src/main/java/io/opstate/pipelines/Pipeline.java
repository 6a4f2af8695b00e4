package io.opstate.pipelines;

import java.time.Instant;

/**
 * A named pipeline definition.
 *
 * @param name unique name, the key
 * @param description free text or null
 * @param config the definition as JSON text
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param version increases with every change; pass it back to update
 */
public record Pipeline(String name, String description, String config, Instant createdAt, Instant updatedAt,
                       long version) {

    /**
     * A builder of a pipeline as it was, for {@link io.opstate.imports.RecordImport#importPipelines}:
     * version 1, every other field null. Set at least {@code createdAt}. Nothing is checked until
     * the pipeline is imported.
     */
    public static Builder builder(String name, String config) {
        return new Builder(name, config);
    }

    /** A builder holding every field of this pipeline, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder(name, config);
        builder.description = description;
        builder.createdAt = createdAt;
        builder.updatedAt = updatedAt;
        builder.version = version;
        return builder;
    }

    /**
     * Collects the fields of a {@link Pipeline}, named as its components; each setter returns this
     * builder. Not thread-safe; {@link #build} may be called more than once.
     */
    public static final class Builder {
        private final String name;
        private String description;
        private final String config;
        private Instant createdAt;
        private Instant updatedAt;
        private long version = 1;

        private Builder(String name, String config) {
            this.name = name;
            this.config = config;
        }

        /** See {@link Pipeline#description()}. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** See {@link Pipeline#createdAt()}. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** See {@link Pipeline#updatedAt()}; null (the default) is {@code createdAt} on import. */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /** See {@link Pipeline#version()}. */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /** The record with the fields set so far. */
        public Pipeline build() {
            return new Pipeline(name, description, config, createdAt, updatedAt, version);
        }
    }
}
