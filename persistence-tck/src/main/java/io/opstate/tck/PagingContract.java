package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keyset paging: complete, ordered, stable under concurrent changes, ties broken by the key. */
public abstract class PagingContract extends TckSupport {

    /** Reads every page and returns the keys page by page; checks that only the last page has no cursor. */
    private static <T> List<List<String>> pages(Function<PageRequest, Page<T>> lister, PageRequest first,
                                                Function<T, String> key) {
        List<List<String>> pages = new ArrayList<>();
        PageRequest request = first;
        while (true) {
            Page<T> page = lister.apply(request);
            assertThat(page.items().size()).isLessThanOrEqualTo(first.limit());
            pages.add(page.items().stream().map(key).toList());
            if (page.nextCursor() == null) {
                return pages;
            }
            assertThat(page.items()).as("a page followed by another is full").hasSize(first.limit());
            request = request.after(page.nextCursor());
        }
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static PageRequest first(int limit, SortOrder order) {
        return new PageRequest(limit, null, order);
    }

    private List<List<String>> jobPages(JobQuery query, int limit, SortOrder order) {
        return pages(p -> jobs().list(query, p), first(limit, order), Job::id);
    }

    @Test
    @DisplayName("an empty listing is one empty page without cursor")
    void emptyListing() {
        Page<Job> page = jobs().list(JobQuery.all(), PageRequest.first(1));
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
        assertThat(history().list(HistoryQuery.all(), PageRequest.first()).nextCursor()).isNull();
    }

    @Test
    @DisplayName("pages cover every row once, in order, both directions; the last page has a null cursor")
    void walkBothOrders() {
        for (int i = 0; i < 7; i++) {
            jobs().create(NewJob.of("t").withId("j" + i));
            advance(Duration.ofMillis(1));
        }
        assertThat(jobPages(JobQuery.all(), 3, SortOrder.OLDEST_FIRST))
                .containsExactly(List.of("j0", "j1", "j2"), List.of("j3", "j4", "j5"), List.of("j6"));
        assertThat(jobPages(JobQuery.all(), 3, SortOrder.NEWEST_FIRST))
                .containsExactly(List.of("j6", "j5", "j4"), List.of("j3", "j2", "j1"), List.of("j0"));
        assertThat(jobPages(JobQuery.all(), 1000, SortOrder.NEWEST_FIRST)).hasSize(1);
    }

    @Test
    @DisplayName("when the rows fill the last page exactly, it still has a null cursor")
    void exactMultipleHasNoTrailingEmptyPage() {
        for (int i = 0; i < 4; i++) {
            jobs().create(NewJob.of("t").withId("j" + i));
            advance(Duration.ofSeconds(1));
        }
        assertThat(jobPages(JobQuery.all(), 2, SortOrder.OLDEST_FIRST))
                .containsExactly(List.of("j0", "j1"), List.of("j2", "j3"));
        assertThat(jobPages(JobQuery.all(), 4, SortOrder.NEWEST_FIRST)).containsExactly(List.of("j3", "j2", "j1", "j0"));
    }

    @Test
    @DisplayName("rows with the same timestamp are ordered by id as plain strings (code-point order)")
    void tiesBrokenById() {
        String smile = new String(Character.toChars(0x1F600));
        for (String id : List.of("b", "a9", "C", smile, "\u00e9", "a10", "_", "\uFFFD", "c")) {
            jobs().create(NewJob.of("t").withId(id));
        }
        // U+1F600 sorts after U+FFFD by code point (and UTF-8 bytes), before it by UTF-16 unit
        List<String> ascending = List.of("C", "_", "a10", "a9", "b", "c", "\u00e9", "\uFFFD", smile);
        assertThat(jobPages(JobQuery.all(), 2, SortOrder.OLDEST_FIRST).stream().flatMap(List::stream))
                .containsExactlyElementsOf(ascending);
        assertThat(jobPages(JobQuery.all(), 2, SortOrder.NEWEST_FIRST).stream().flatMap(List::stream))
                .containsExactlyElementsOf(reversed(ascending));
    }

    @Test
    @DisplayName("history events at the same time are ordered by sequence number numerically (2 before 10)")
    void historyTiesNumeric() {
        List<Long> appended = IntStream.rangeClosed(1, 12)
                .mapToObj(i -> history().append(NewHistoryEvent.of("e")).id()).toList();
        assertThat(appended).isSorted();
        List<String> ascending = appended.stream().map(String::valueOf).toList();
        assertThat(pages(p -> history().list(HistoryQuery.all(), p), first(5, SortOrder.OLDEST_FIRST),
                (HistoryEvent e) -> String.valueOf(e.id())).stream().flatMap(List::stream))
                .containsExactlyElementsOf(ascending);
        assertThat(pages(p -> history().list(HistoryQuery.all(), p), first(5, SortOrder.NEWEST_FIRST),
                (HistoryEvent e) -> String.valueOf(e.id())).stream().flatMap(List::stream))
                .containsExactlyElementsOf(reversed(ascending));
    }

    @Test
    @DisplayName("newest first: inserts and deletes between pages, even of the cursor row, skip or repeat nothing")
    void stableNewestFirst() {
        for (int i = 0; i < 10; i++) {
            jobs().create(NewJob.of("t").withId("j" + i));
            advance(Duration.ofSeconds(1));
        }
        PageRequest request = first(4, SortOrder.NEWEST_FIRST);
        Page<Job> page1 = jobs().list(JobQuery.all(), request);
        assertThat(page1.items()).extracting(Job::id).containsExactly("j9", "j8", "j7", "j6");

        jobs().create(NewJob.of("t").withId("new-1"));
        jobs().delete("j6");
        jobs().delete("j8");
        jobs().delete("j3");
        clock.set(T0.plusMillis(4500));
        jobs().create(NewJob.of("t").withId("between-4-and-5"));

        Page<Job> page2 = jobs().list(JobQuery.all(), request.after(page1.nextCursor()));
        assertThat(page2.items()).extracting(Job::id).containsExactly("j5", "between-4-and-5", "j4", "j2");
        Page<Job> page3 = jobs().list(JobQuery.all(), request.after(page2.nextCursor()));
        assertThat(page3.items()).extracting(Job::id).containsExactly("j1", "j0");
        assertThat(page3.nextCursor()).isNull();
    }

    @Test
    @DisplayName("oldest first: rows deleted before the cursor do not shift the next page; new rows appear at the end")
    void stableOldestFirst() {
        for (int i = 0; i < 10; i++) {
            jobs().create(NewJob.of("t").withId("j" + i));
            advance(Duration.ofSeconds(1));
        }
        PageRequest request = first(4, SortOrder.OLDEST_FIRST);
        Page<Job> page1 = jobs().list(JobQuery.all(), request);
        assertThat(page1.items()).extracting(Job::id).containsExactly("j0", "j1", "j2", "j3");

        jobs().delete("j1");
        jobs().delete("j3");
        jobs().delete("j5");
        jobs().create(NewJob.of("t").withId("new-1"));
        clock.set(T0.minusSeconds(60));
        jobs().create(NewJob.of("t").withId("older-than-all"));

        List<String> rest = new ArrayList<>();
        PageRequest next = request.after(page1.nextCursor());
        while (next != null) {
            Page<Job> page = jobs().list(JobQuery.all(), next);
            page.items().forEach(job -> rest.add(job.id()));
            next = page.nextCursor() == null ? null : request.after(page.nextCursor());
        }
        assertThat(rest).containsExactly("j4", "j6", "j7", "j8", "j9", "new-1");
    }

    @Test
    @DisplayName("a filtered listing pages through the matching rows only")
    void filteredPaging() {
        for (int i = 0; i < 9; i++) {
            jobs().create(NewJob.of(i % 3 == 0 ? "x" : "y").withId("j" + i));
            advance(Duration.ofSeconds(1));
        }
        assertThat(jobPages(JobQuery.all().withTypes("x"), 2, SortOrder.OLDEST_FIRST))
                .containsExactly(List.of("j0", "j3"), List.of("j6"));
        assertThat(jobPages(JobQuery.all().withTypes("y"), 3, SortOrder.NEWEST_FIRST))
                .containsExactly(List.of("j8", "j7", "j5"), List.of("j4", "j2", "j1"));
    }

    @Test
    @DisplayName("pipelines page by (createdAt, name), schedules by (createdAt, id), executions by (startedAt, id)")
    void otherRepositories() {
        for (String key : List.of("b", "a", "c")) {
            pipelines().create(NewPipeline.of(key, "{}"));
            schedules().create(NewSchedule.of("n", "p", "0 * * * *").withId(key));
            executions().start(NewExecution.of("p", "t").withId(key));
        }
        advance(Duration.ofSeconds(1));
        for (String key : List.of("0", "Z")) {
            pipelines().create(NewPipeline.of(key, "{}"));
            schedules().create(NewSchedule.of("n", "p", "0 * * * *").withId(key));
            executions().start(NewExecution.of("p", "t").withId(key));
        }
        List<List<String>> ascending = List.of(List.of("a", "b"), List.of("c", "0"), List.of("Z"));
        List<List<String>> descending = List.of(List.of("Z", "0"), List.of("c", "b"), List.of("a"));
        for (SortOrder order : SortOrder.values()) {
            List<List<String>> expected = order == SortOrder.OLDEST_FIRST ? ascending : descending;
            assertThat(pages(p -> pipelines().list(p), first(2, order), Pipeline::name)).isEqualTo(expected);
            assertThat(pages(p -> schedules().list(p), first(2, order), Schedule::id)).isEqualTo(expected);
            assertThat(pages(p -> executions().list(ExecutionQuery.all(), p), first(2, order), Execution::id))
                    .isEqualTo(expected);
        }
    }
}
