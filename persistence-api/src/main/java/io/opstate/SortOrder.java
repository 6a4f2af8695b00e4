package io.opstate;

/** Direction of a paged listing along its documented sort key. */
public enum SortOrder {
    NEWEST_FIRST,
    OLDEST_FIRST
}
