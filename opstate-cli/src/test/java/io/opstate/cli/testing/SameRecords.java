package io.opstate.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.tck.JsonAssert;
import io.opstate.tck.StoreSnapshot;
import java.util.Objects;
import java.util.function.BiPredicate;

/** Compares two stores' every record field by field, JSON fields by meaning (PostgreSQL's jsonb respells JSON). */
public final class SameRecords {
    private static final String JSON_FIELDS = ".*\\.(payload|result|config|context|steps|metadata|metrics|state|data|spec|statusDetail|document)";
    private static final BiPredicate<Object, Object> SAME_JSON = (a, b) ->
            a == null || b == null ? Objects.equals(a, b)
                    : JsonAssert.parse((String) a).equals(JsonAssert.parse((String) b));

    private SameRecords() {
    }

    /** Asserts that {@code actual} holds exactly the records of {@code expected}, in the same order. */
    public static void assertSameRecords(StoreSnapshot actual, StoreSnapshot expected) {
        assertThat(actual.jobs()).hasSameSizeAs(expected.jobs());
        assertThat(actual.history()).hasSameSizeAs(expected.history());
        assertThat(actual.transcripts()).hasSameSizeAs(expected.transcripts());
        assertThat(actual)
                .usingRecursiveComparison()
                .withEqualsForFieldsMatchingRegexes(SAME_JSON, JSON_FIELDS)
                .isEqualTo(expected);
    }

    /**
     * Asserts that {@code actual} holds exactly the pipelines, schedules, jobs, executions and
     * history of {@code expected}, JSON by meaning. A running job's lease is not compared: an
     * import hands it to the next claim by ending its lease at the time of the import.
     */
    public static void assertSameOperationalRecords(StoreSnapshot actual, StoreSnapshot expected) {
        assertThat(actual.jobs()).hasSameSizeAs(expected.jobs());
        for (String field : java.util.List.of("pipelines", "schedules", "executions", "history")) {
            assertThat(actual).usingRecursiveComparison()
                    .comparingOnlyFields(field)
                    .withEqualsForFieldsMatchingRegexes(SAME_JSON, JSON_FIELDS)
                    .isEqualTo(expected);
        }
        assertThat(actual.jobs()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("leaseExpiresAt",
                "payload", "result").isEqualTo(expected.jobs());
        for (int i = 0; i < expected.jobs().size(); i++) {
            assertThat(SAME_JSON.test(actual.jobs().get(i).payload(), expected.jobs().get(i).payload())).isTrue();
            assertThat(SAME_JSON.test(actual.jobs().get(i).result(), expected.jobs().get(i).result())).isTrue();
        }
    }

    /** Asserts that {@code actual} holds exactly the resource kinds, resources, tokens and preferences of no one of {@code expected}, JSON by meaning. */
    public static void assertSameSmallRecords(StoreSnapshot actual, StoreSnapshot expected) {
        for (String field : java.util.List.of("resourceKinds", "resources", "tokens", "preferences")) {
            assertThat(actual).usingRecursiveComparison()
                    .comparingOnlyFields(field)
                    .withEqualsForFieldsMatchingRegexes(SAME_JSON, JSON_FIELDS)
                    .isEqualTo(expected);
        }
    }
}
