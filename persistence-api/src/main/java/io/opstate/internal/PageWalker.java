package io.opstate.internal;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a keyset listing into a lazy {@link Stream}: the first page of {@value #PAGE_SIZE} is
 * read by the first element pulled, each next page only when the previous one has been consumed,
 * and a page is dropped before the next is read, so at most about one page is held whatever the
 * listing's size. Each page is one call of the listing, so nothing (connection, transaction,
 * lock) is held between pages, and closing the stream has nothing to release.
 *
 * <p>The stream is sequential, ordered and never splits (a parallel stream runs sequentially):
 * splitting would have to buffer pages ahead. Not thread-safe, like any stream. Exceptions of the
 * listing (a closed store, storage down) surface from the terminal operation that pulled the page.
 *
 * <p>Backs the default {@code stream} methods of the repositories. Not an API: this package is
 * not exported and may change in any release.
 */
public final class PageWalker {
    /** Items read per page: the largest page a listing serves. */
    public static final int PAGE_SIZE = PageRequest.MAX_LIMIT;

    private PageWalker() {
    }

    /**
     * The items of every page {@code list} returns, from the first page in {@code order} to the
     * page without a next cursor. Nothing is read until the stream's terminal operation pulls.
     *
     * @param list reads one page; called with requests of {@value #PAGE_SIZE} items in {@code order}
     * @param order passed through as is (the listing decides what null means)
     */
    public static <T> Stream<T> stream(Function<PageRequest, Page<T>> list, SortOrder order) {
        Objects.requireNonNull(list, "list");
        return StreamSupport.stream(new PageSpliterator<>(list, new PageRequest(PAGE_SIZE, null, order)), false);
    }

    private static final class PageSpliterator<T> implements Spliterator<T> {
        private final Function<PageRequest, Page<T>> list;
        /** The request for the next page, or null once the last page has been read. */
        private PageRequest next;
        private Iterator<T> items;

        PageSpliterator(Function<PageRequest, Page<T>> list, PageRequest first) {
            this.list = list;
            this.next = first;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            Objects.requireNonNull(action, "action");
            while (items == null || !items.hasNext()) {
                if (!readNextPage()) {
                    return false;
                }
            }
            action.accept(items.next());
            return true;
        }

        @Override
        public void forEachRemaining(Consumer<? super T> action) {
            Objects.requireNonNull(action, "action");
            do {
                if (items != null) {
                    items.forEachRemaining(action);
                }
            } while (readNextPage());
        }

        private boolean readNextPage() {
            items = null;
            if (next == null) {
                return false;
            }
            Page<T> page = list.apply(next);
            next = page.nextCursor() == null ? null : next.after(page.nextCursor());
            items = page.items().iterator();
            return true;
        }

        @Override
        public Spliterator<T> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return Long.MAX_VALUE;
        }

        @Override
        public int characteristics() {
            return ORDERED | NONNULL;
        }
    }
}
