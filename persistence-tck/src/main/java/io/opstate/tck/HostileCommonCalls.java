package io.opstate.tck;

import io.opstate.Datastore;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Entry points several repositories share, with hostile arguments: {@code find}, {@code get} and
 * {@code delete} by a text key (as the API documents, a key that names no record finds nothing,
 * is not found, and deletes nothing), and {@code list} and {@code stream} by a query.
 */
final class HostileCommonCalls {
    private static final Hostile<PageRequest> FIRST_PAGE = Hostile.of(PageRequest.first(), "first page");

    private HostileCommonCalls() {
    }

    /**
     * Adds {@code <repository>.find}, {@code .get} and, when {@code delete} is given, {@code .delete}.
     *
     * @param exists whether a valid key names a seeded record
     */
    static void addKeyed(Map<String, Function<HostileRecords, HostileCall>> calls, String repository, Predicate<String> exists,
                    BiFunction<Datastore, String, Object> find, BiFunction<Datastore, String, Object> get,
                    BiFunction<Datastore, String, Object> delete) {
        calls.put(repository + ".find", r -> {
            Hostile<String> key = r.values().name();
            boolean found = exists.test(key.value());
            return HostileCall.reading("find(" + key + ")", s -> find.apply(s, key.value()),
                    Outcome.returns(found ? "the record" : "empty", result -> ((Optional<?>) result).isPresent() == found));
        });
        calls.put(repository + ".get", r -> {
            Hostile<String> key = r.values().name();
            return HostileCall.reading("get(" + key + ")", s -> get.apply(s, key.value()), exists.test(key.value())
                    ? Outcome.returns("the record", Objects::nonNull) : Outcome.fails(NotFoundException.class));
        });
        if (delete != null) {
            calls.put(repository + ".delete", r -> {
                Hostile<String> key = r.values().name();
                boolean found = exists.test(key.value());
                return HostileCall.writing("delete(" + key + ")", s -> delete.apply(s, key.value()),
                        Outcome.returns(String.valueOf(found), deleted -> (Boolean) deleted == found));
            });
        }
    }

    /** A listing by query and page, or streaming by query and order. */
    @FunctionalInterface
    interface Listing<Q, A> {
        Object run(Datastore store, Q query, A argument);
    }

    /**
     * Adds {@code <repository>.list} and {@code .stream}; one of the two arguments is hostile, or both.
     *
     * @param realCursor a cursor a page of this listing returned, or null
     * @param numericKey whether the listing's key is a sequence number (history)
     * @param records how many records the seeded store holds for the listing: a stream counts at most these
     */
    static <Q> void addQueried(Map<String, Function<HostileRecords, HostileCall>> calls, String repository,
                               Function<HostileRecords, Hostile<Q>> hostileQuery, Hostile<Q> all, String realCursor,
                               boolean numericKey, Listing<Q, PageRequest> list, Listing<Q, SortOrder> stream, long records) {
        calls.put(repository + ".list", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<Q> query = plan.argument(0, () -> hostileQuery.apply(r), all);
            Hostile<PageRequest> page = plan.argument(1, () -> r.page(realCursor, numericKey), FIRST_PAGE);
            return HostileCall.reading("list(" + query + ", " + page + ")", s -> list.run(s, query.value(), page.value()),
                    Outcome.returns("a page", result -> result instanceof Page<?>));
        });
        calls.put(repository + ".stream", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<Q> query = plan.argument(0, () -> hostileQuery.apply(r), all);
            Hostile<SortOrder> order = plan.argument(1, r.values()::order, Hostile.of(null, "null order"));
            return HostileCall.reading("stream(" + query + ", " + order + ")", s -> stream.run(s, query.value(), order.value()),
                    Outcome.returns("at most " + records + " records", counted -> (Long) counted <= records));
        });
    }
}
