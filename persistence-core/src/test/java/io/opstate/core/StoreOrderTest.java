package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreOrderTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void textKeysCompareByCodePointNotByUtf16Unit() {
        String privateUse = "\uE000";
        String emoji = "\uD83D\uDE00";
        assertThat(privateUse.compareTo(emoji)).isPositive();
        assertThat(StoreOrder.compareCodePoints(privateUse, emoji)).isNegative();
        assertThat(StoreOrder.compareCodePoints("a", "ab")).isNegative();
        assertThat(StoreOrder.compareCodePoints("B", "a")).isNegative();
        assertThat(StoreOrder.compareCodePoints("x", "x")).isZero();
    }

    @Test
    void claimOrderIsPriorityThenAgeThenIdByCodePoint() {
        List<Job> jobs = new ArrayList<>(List.of(job("\uD83D\uDE00", 0, T0), job("\uE000", 0, T0),
                job("old", 0, T0.minusSeconds(1)), job("low", -1, T0.minusSeconds(9)), job("high", 3, T0)));
        jobs.sort(StoreOrder.CLAIM);
        assertThat(jobs).extracting(Job::id).containsExactly("high", "old", "\uE000", "\uD83D\uDE00", "low");
    }

    private static Job job(String id, int priority, Instant createdAt) {
        return new Job(id, "t", JobStatus.QUEUED, null, null, 0, null, null, null, null, null, null, 0, 3,
                priority, createdAt, createdAt, null, null, createdAt, null, null, 0, 1, null);
    }
}
