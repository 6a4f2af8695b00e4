package io.opstate;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the records, in the requested order; never null
 * @param nextCursor pass to {@link PageRequest#after(String)} for the next page; null on the last page
 * @param <T> record type
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    /** Whether another page follows. */
    public boolean hasMore() {
        return nextCursor != null;
    }
}
