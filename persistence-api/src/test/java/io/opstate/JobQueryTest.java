package io.opstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JobQueryTest {

    @Test
    @DisplayName("duplicates are dropped: a query holds sets")
    void duplicatesAreDropped() {
        JobQuery query = JobQuery.all().withTypes("a", "b", "a").withStatuses(JobStatus.QUEUED, JobStatus.QUEUED);

        assertThat(query.types()).containsExactly("a", "b");
        assertThat(query.statuses()).containsExactly(JobStatus.QUEUED);
        assertThat(query).isEqualTo(JobQuery.all().withTypes("b", "a").withStatuses(JobStatus.QUEUED));
    }

    @Test
    @DisplayName("a null element is kept for validation to name; building never throws")
    void nullElementsAreKeptForValidation() {
        assertThat(JobQuery.all().withTypes((String) null).types()).containsExactly((String) null);
        assertThat(JobQuery.all().withStatuses((JobStatus) null).statuses()).containsExactly((JobStatus) null);
        assertThat(new JobQuery(new HashSet<>(Arrays.asList("a", null)), null, null, null).types()).hasSize(2);
    }

    @Test
    @DisplayName("null arrays and sets mean no restriction")
    void nullMeansNoRestriction() {
        assertThat(JobQuery.all().withTypes((String[]) null).types()).isEmpty();
        assertThat(JobQuery.all().withStatuses((JobStatus[]) null).statuses()).isEmpty();
        assertThat(new JobQuery(null, null, null, null)).isEqualTo(JobQuery.all());
    }

    @Test
    @DisplayName("the sets are copies the caller cannot change, nor change by changing its own")
    void setsAreUnmodifiableCopies() {
        Set<String> mine = new HashSet<>(Set.of("a"));
        JobQuery query = new JobQuery(mine, Set.of(), null, null);
        mine.add("b");

        assertThat(query.types()).containsExactly("a");
        assertThatThrownBy(() -> query.types().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> query.statuses().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
