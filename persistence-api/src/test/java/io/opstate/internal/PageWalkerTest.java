package io.opstate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.StorageUnavailableException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The page walk behind every repository's {@code stream}, against a counting fake listing. */
class PageWalkerTest {

    /** A keyset listing of the numbers 0..size-1 (the cursor is the last number); counts and records its calls. */
    private static final class Numbers implements Function<PageRequest, Page<Integer>> {
        final int size;
        final List<PageRequest> requests = new ArrayList<>();

        Numbers(int size) {
            this.size = size;
        }

        @Override
        public Page<Integer> apply(PageRequest request) {
            requests.add(request);
            boolean ascending = request.order() == SortOrder.OLDEST_FIRST;
            int start = request.cursor() == null ? (ascending ? 0 : size - 1)
                    : Integer.parseInt(request.cursor()) + (ascending ? 1 : -1);
            List<Integer> items = new ArrayList<>();
            for (int n = start; n >= 0 && n < size && items.size() < request.limit(); n += ascending ? 1 : -1) {
                items.add(n);
            }
            int last = start + (ascending ? items.size() : -items.size());
            boolean more = ascending ? last < size : last >= 0;
            return new Page<>(items, more && !items.isEmpty() ? String.valueOf(items.get(items.size() - 1)) : null);
        }

        int pagesRead() {
            return requests.size();
        }
    }

    @Test
    @DisplayName("nothing is read until a terminal operation pulls")
    void lazyUntilPulled() {
        Numbers numbers = new Numbers(5_000);
        Stream<Integer> stream = PageWalker.stream(numbers, SortOrder.OLDEST_FIRST).filter(n -> n > 10).map(n -> n * 2);
        assertThat(numbers.pagesRead()).isZero();
        assertThat(stream.findFirst()).contains(22);
        assertThat(numbers.pagesRead()).isOne();
    }

    @Test
    @DisplayName("each next page is read only once the previous one is consumed")
    void onePageAtATime() {
        Numbers numbers = new Numbers(2_500);
        Iterator<Integer> iterator = PageWalker.stream(numbers, SortOrder.OLDEST_FIRST).iterator();
        for (int i = 0; i < 1_000; i++) {
            assertThat(iterator.next()).isEqualTo(i);
            assertThat(numbers.pagesRead()).isOne();
        }
        assertThat(iterator.next()).isEqualTo(1_000);
        assertThat(numbers.pagesRead()).isEqualTo(2);
        assertThat(PageWalker.stream(new Numbers(2_500), SortOrder.OLDEST_FIRST).limit(1_001).count()).isEqualTo(1_001);
    }

    @Test
    @DisplayName("every item once, in the listing's order, both orders, in pages of 1000 following the cursors")
    void walksEveryPage() {
        Numbers ascending = new Numbers(2_345);
        assertThat(PageWalker.stream(ascending, SortOrder.OLDEST_FIRST).toList())
                .containsExactlyElementsOf(IntStream.range(0, 2_345).boxed().toList());
        assertThat(ascending.requests).extracting(PageRequest::limit).containsOnly(PageRequest.MAX_LIMIT);
        assertThat(ascending.requests).extracting(PageRequest::cursor).containsExactly(null, "999", "1999");
        assertThat(ascending.requests).extracting(PageRequest::order).containsOnly(SortOrder.OLDEST_FIRST);

        Numbers descending = new Numbers(2_000);
        assertThat(PageWalker.stream(descending, SortOrder.NEWEST_FIRST).toList())
                .containsExactlyElementsOf(IntStream.range(0, 2_000).map(n -> 1_999 - n).boxed().toList());
        assertThat(descending.pagesRead()).as("a full last page has no cursor: no empty page after it").isEqualTo(2);
    }

    @Test
    @DisplayName("an empty listing is an empty stream after one read; the order is passed through, even null")
    void emptyAndNullOrder() {
        Numbers none = new Numbers(0);
        assertThat(PageWalker.stream(none, null).count()).isZero();
        assertThat(none.requests).containsExactly(new PageRequest(PageRequest.MAX_LIMIT, null, null));
    }

    @Test
    @DisplayName("a parallel stream does not split, so it reads no page ahead and keeps the order")
    void parallelStaysSequential() {
        Numbers numbers = new Numbers(3_000);
        assertThat(PageWalker.stream(numbers, SortOrder.OLDEST_FIRST).spliterator().trySplit()).isNull();
        assertThat(PageWalker.stream(numbers, SortOrder.OLDEST_FIRST).parallel().map(String::valueOf)
                .collect(Collectors.joining(","))).startsWith("0,1,2,").endsWith(",2998,2999");
    }

    @Test
    @DisplayName("an error of the listing leaves from the terminal operation; closing needs nothing")
    void errorsAtPull() {
        Function<PageRequest, Page<Integer>> closed = request -> {
            throw new StorageUnavailableException("closed");
        };
        Stream<Integer> stream = PageWalker.stream(closed, SortOrder.OLDEST_FIRST);
        assertThatThrownBy(stream::count).isInstanceOf(StorageUnavailableException.class);
        Numbers numbers = new Numbers(10);
        try (Stream<Integer> stream2 = PageWalker.stream(numbers, SortOrder.OLDEST_FIRST)) {
            assertThat(stream2.iterator().next()).isZero();
        }
        assertThat(numbers.pagesRead()).isOne();
    }
}
