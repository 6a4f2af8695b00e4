package io.opstate.search;

/** Which text of a construct a {@link SearchHit} matched. */
public enum SearchField {
    /** The construct's title. */
    TITLE,
    /** The string values of the construct's metadata, at any depth. */
    METADATA,
    /** The content of a transcript entry. */
    CONTENT
}
