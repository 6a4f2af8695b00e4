package io.opstate.retention;

/**
 * What a {@link RetentionReport} counts, one entry per kind of row. Rows a removed record owns
 * and that have no entry of their own (a construct's links, sessions, artifacts and search
 * texts; an execution's nothing) go with it and are not counted; a removed session's transcript
 * entries are counted under {@link #TRANSCRIPT_ENTRIES}.
 */
public enum RetentionEntity {
    /** Finished jobs. */
    JOBS("finished jobs"),
    /** Executions of pipelines. */
    EXECUTIONS("executions"),
    /** History events. */
    HISTORY("history events"),
    /** Finished sessions. */
    SESSIONS("finished sessions"),
    /** The transcript entries of the sessions removed; bytes are the entries' content and data as characters. */
    TRANSCRIPT_ENTRIES("transcript entries"),
    /** Constructs. */
    CONSTRUCTS("constructs"),
    /** Artifact rows; bytes are their stored sizes. Blobs go with the next garbage collection unless shared. */
    ARTIFACTS("artifacts"),
    /** Expired or revoked API tokens. */
    TOKENS("tokens"),
    /** Entries of the resource change feed. */
    CHANGES("resource changes");

    private final String label;

    RetentionEntity(String label) {
        this.label = label;
    }

    /** A short name in words, e.g. {@code finished jobs}: the step named in progress reports. */
    public String label() {
        return label;
    }
}
