package io.opstate.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
    @Test
    void historyPagesOrderSequenceNumbersNumerically() {
        TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (Datastore store = Persistence.open(PersistenceConfig.builder("memory:").clock(clock).build())) {
            for (int i = 0; i < 12; i++) {
                store.history().append(NewHistoryEvent.of("tick"));
            }
            List<Long> newestFirst = readAll(store, PageRequest.first(5));
            List<Long> oldestFirst = readAll(store, PageRequest.first(5).oldestFirst());

            assertThat(newestFirst).containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
            assertThat(oldestFirst).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        }
    }

    private static List<Long> readAll(Datastore store, PageRequest first) {
        List<Long> ids = new ArrayList<>();
        PageRequest request = first;
        while (true) {
            Page<HistoryEvent> page = store.history().list(HistoryQuery.all(), request);
            page.items().forEach(event -> ids.add(event.id()));
            if (!page.hasMore()) {
                return ids;
            }
            request = request.after(page.nextCursor());
        }
    }
}
