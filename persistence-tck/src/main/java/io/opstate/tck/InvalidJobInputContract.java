package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.core.PageCursor;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad input to every job operation: rejected with {@link InvalidInputException} naming the field,
 * and the store unchanged afterwards.
 */
public abstract class InvalidJobInputContract extends InvalidInputSupport {
    private Job running;

    @BeforeEach
    void seed() {
        jobs().create(NewJob.of("seed").withId("queued-1").withPayload("{\"n\":1}"));
        running = createAndClaim("work", "w1");
    }

    @Test
    @DisplayName("create: type missing, blank, too long, with control or NUL characters")
    void createBadType() {
        assertRejected("type", () -> jobs().create(NewJob.of(null)));
        assertRejected("type", () -> jobs().create(NewJob.of("")));
        assertRejected("type", () -> jobs().create(NewJob.of("   ")));
        assertRejected("type", () -> jobs().create(NewJob.of(text(201))));
        assertRejected("type", () -> jobs().create(NewJob.of("a\tb")));
        assertRejected("type", () -> jobs().create(NewJob.of("a\u0000b")));
        assertThat(jobs().create(NewJob.of(text(200))).type()).hasSize(200);
    }

    @Test
    @DisplayName("create: id blank, too long, with control characters")
    void createBadId() {
        assertRejected("id", () -> jobs().create(NewJob.of("t").withId("")));
        assertRejected("id", () -> jobs().create(NewJob.of("t").withId(" ")));
        assertRejected("id", () -> jobs().create(NewJob.of("t").withId(text(201))));
        assertRejected("id", () -> jobs().create(NewJob.of("t").withId("a\nb")));
        assertRejected("id", () -> jobs().create(NewJob.of("t").withId("a\u0000")));
        assertThat(jobs().create(NewJob.of("t").withId(text(200))).id()).hasSize(200);
    }

    @Test
    @DisplayName("create: payload malformed, oversized in bytes, or carrying NUL")
    void createBadPayload() {
        for (String bad : MALFORMED_JSON) {
            assertRejected("payload", () -> jobs().create(NewJob.of("t").withPayload(bad)));
        }
        assertRejected("payload", () -> jobs().create(NewJob.of("t").withPayload(jsonOfBytes(MAX_PAYLOAD + 1))));
        assertRejected("payload", () -> jobs().create(NewJob.of("t").withPayload(jsonOverLimitInBytesOnly())));
        assertRejected("payload", () -> jobs().create(NewJob.of("t").withPayload(JSON_WITH_NUL)));
        assertThat(jobs().create(NewJob.of("t").withPayload(jsonOfBytes(MAX_PAYLOAD))).payload()).isNotNull();
    }

    @Test
    @DisplayName("create: priority, maxAttempts, notBefore, stage and message out of range")
    void createBadNumbersAndTexts() {
        assertRejected("priority", () -> jobs().create(NewJob.of("t").withPriority(1001)));
        assertRejected("priority", () -> jobs().create(NewJob.of("t").withPriority(-1001)));
        assertRejected("maxAttempts", () -> jobs().create(NewJob.of("t").withMaxAttempts(0)));
        assertRejected("maxAttempts", () -> jobs().create(NewJob.of("t").withMaxAttempts(1001)));
        assertRejected("notBefore", () -> jobs().create(NewJob.of("t").withNotBefore(TOO_EARLY)));
        assertRejected("notBefore", () -> jobs().create(NewJob.of("t").withNotBefore(TOO_LATE)));
        assertRejected("stage", () -> jobs().create(NewJob.of("t").withStage(text(201))));
        assertRejected("message", () -> jobs().create(NewJob.of("t").withMessage(text(10_001))));
        assertRejected("message", () -> jobs().create(NewJob.of("t").withMessage("nul\u0000inside")));
        assertThat(jobs().create(NewJob.of("t").withMessage(text(10_000))).message()).hasSize(10_000);
    }

    @Test
    @DisplayName("createAll: one bad job among good ones is rejected by its field and writes none")
    void createAllWithOneBadJob() {
        assertRejected("maxAttempts", () -> jobs().createAll(List.of(NewJob.of("ok").withId("good-1"),
                NewJob.of("ok").withMaxAttempts(0), NewJob.of("ok").withId("good-2"))));
        assertRejected("payload", () -> jobs().createAll(List.of(NewJob.of("ok"), NewJob.of("ok").withPayload("{"))));
        assertThat(jobs().find("good-1")).isEmpty();
    }

    @Test
    @DisplayName("claimNext: blank worker id, lease below 1 s or above 24 h")
    void claimNextBadInput() {
        jobs().create(NewJob.of("t"));
        assertRejected("workerId", () -> jobs().claimNext("", Set.of(), LEASE));
        assertRejected("workerId", () -> jobs().claimNext(text(201), Set.of(), LEASE));
        assertRejected("lease", () -> jobs().claimNext("w", Set.of(), Duration.ZERO));
        assertRejected("lease", () -> jobs().claimNext("w", Set.of(), Duration.ofMillis(999)));
        assertRejected("lease", () -> jobs().claimNext("w", Set.of(), Duration.ofSeconds(-30)));
        assertRejected("lease", () -> jobs().claimNext("w", Set.of(), Duration.ofHours(24).plusSeconds(1)));
        assertRejected("lease", () -> jobs().claimNext("w", Set.of(), null));
        assertThat(jobs().claimNext("w", Set.of(), Duration.ofHours(24))).isPresent();
        jobs().create(NewJob.of("t"));
        assertThat(jobs().claimNext("w", Set.of(), Duration.ofSeconds(1))).isPresent();
    }

    @Test
    @DisplayName("claimBatch: blank worker id, bad types, lease out of range, maxJobs outside 1..1000")
    void claimBatchBadInput() {
        jobs().create(NewJob.of("t"));
        assertRejected("workerId", () -> jobs().claimBatch(" ", Set.of(), LEASE, 10));
        assertRejected("types", () -> jobs().claimBatch("w", Set.of(""), LEASE, 10));
        assertRejected("lease", () -> jobs().claimBatch("w", Set.of(), Duration.ofMillis(999), 10));
        assertRejected("lease", () -> jobs().claimBatch("w", Set.of(), null, 10));
        assertRejected("maxJobs", () -> jobs().claimBatch("w", Set.of(), LEASE, 0));
        assertRejected("maxJobs", () -> jobs().claimBatch("w", Set.of(), LEASE, -1));
        assertRejected("maxJobs", () -> jobs().claimBatch("w", Set.of(), LEASE, JobRepository.MAX_CLAIM_BATCH + 1));
        assertThat(jobs().claimBatch("w", Set.of(), LEASE, JobRepository.MAX_CLAIM_BATCH)).isNotEmpty()
                .extracting(Job::status).containsOnly(JobStatus.RUNNING);
    }

    @Test
    @DisplayName("claims and queries: at most 100 types, on every backend")
    void typeSetsAreBounded() {
        assertRejected("types", () -> jobs().claimBatch("w", types(101), LEASE, 10));
        assertRejected("types", () -> jobs().claimNext("w", types(101), LEASE));
        assertRejected("types", () -> jobs().list(new JobQuery(types(101), null, null, null), PageRequest.first()));
        assertThat(jobs().claimBatch("w", types(100), LEASE, 10)).isEmpty();
        assertThat(jobs().claimNext("w", types(100), LEASE)).isEmpty();
        assertThat(jobs().countByStatus(new JobQuery(types(100), null, null, null)).get(JobStatus.QUEUED)).isZero();
    }

    private static Set<String> types(int count) {
        return IntStream.range(0, count).mapToObj(i -> "type-" + i).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("renewLease: lease out of range")
    void renewLeaseBadLease() {
        assertRejected("lease", () -> jobs().renewLease(running.id(), running.fencingToken(), Duration.ZERO));
        assertRejected("lease", () -> jobs().renewLease(running.id(), running.fencingToken(), Duration.ofDays(2)));
    }

    @Test
    @DisplayName("reportProgress: progress outside 0..1 or NaN, negative byte counts, done above total")
    void reportProgressBadInput() {
        String id = running.id();
        long token = running.fencingToken();
        assertRejected("progress", () -> jobs().reportProgress(id, token, JobProgress.fraction(-0.01)));
        assertRejected("progress", () -> jobs().reportProgress(id, token, JobProgress.fraction(1.01)));
        assertRejected("progress", () -> jobs().reportProgress(id, token, JobProgress.fraction(Double.NaN)));
        assertRejected("progress", () -> jobs().reportProgress(id, token,
                JobProgress.fraction(Double.POSITIVE_INFINITY)));
        assertRejected("bytesDone", () -> jobs().reportProgress(id, token, JobProgress.none().withBytes(-1L, null)));
        assertRejected("bytesTotal", () -> jobs().reportProgress(id, token, JobProgress.none().withBytes(null, -1L)));
        InvalidInputException doneAboveTotal = assertFailsUnchanged(InvalidInputException.class,
                () -> jobs().reportProgress(id, token, JobProgress.none().withBytes(11L, 10L)));
        assertThat(doneAboveTotal.field()).isIn("bytesDone", "bytesTotal");
        assertRejected("stage", () -> jobs().reportProgress(id, token, JobProgress.none().withStage("\u0000")));
        assertRejected("message", () -> jobs().reportProgress(id, token,
                JobProgress.none().withMessage(text(10_001))));
        assertThat(jobs().reportProgress(id, token, JobProgress.none().withBytes(10L, 10L)).bytesDone())
                .isEqualTo(10);
    }

    @Test
    @DisplayName("reportProgress: -0.0 is stored as 0.0, so every backend reads back the same")
    void negativeZeroProgress() {
        Job reported = jobs().reportProgress(running.id(), running.fencingToken(), JobProgress.fraction(-0.0));

        assertThat(Double.doubleToRawLongBits(reported.progress())).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Double.doubleToRawLongBits(jobs().get(running.id()).progress()))
                .isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    @Test
    @DisplayName("complete: result malformed, oversized or with NUL")
    void completeBadResult() {
        String id = running.id();
        long token = running.fencingToken();
        for (String bad : MALFORMED_JSON) {
            assertRejected("result", () -> jobs().complete(id, token, bad));
        }
        assertRejected("result", () -> jobs().complete(id, token, jsonOfBytes(MAX_PAYLOAD + 1)));
        assertRejected("result", () -> jobs().complete(id, token, JSON_WITH_NUL));
    }

    @Test
    @DisplayName("fail: error missing, blank or with NUL, detail with NUL, retryAt out of range (length is cut, not refused)")
    void failBadInput() {
        String id = running.id();
        long token = running.fencingToken();
        assertRejected("error", () -> jobs().fail(id, token, JobFailure.of(null)));
        assertRejected("error", () -> jobs().fail(id, token, JobFailure.of(" ".repeat(10_001))));
        assertRejected("error", () -> jobs().fail(id, token, JobFailure.of("a\u0000")));
        assertRejected("detail", () -> jobs().fail(id, token, JobFailure.of("e").withDetail("a\u0000")));
        assertRejected("retryAt", () -> jobs().fail(id, token, JobFailure.of("e").retryAt(TOO_LATE)));
        assertRejected("retryAt", () -> jobs().fail(id, token, JobFailure.of("e").retryAt(TOO_EARLY)));
        assertThat(jobs().fail(id, token, JobFailure.of("e").withDetail(text(MAX_PAYLOAD))).errorDetail())
                .hasSize(MAX_PAYLOAD);
    }

    @Test
    @DisplayName("retry, cancel, delete, complete: bad ids; retry: notBefore out of range; get, find: null id")
    void idOperationsBadInput() {
        Job failed = createAndClaim("f", "w");
        jobs().fail(failed.id(), failed.fencingToken(), JobFailure.of("x"));
        assertRejected("notBefore", () -> jobs().retry(failed.id(), TOO_LATE));
        assertRejected("id", () -> jobs().retry("", null));
        assertRejected("id", () -> jobs().cancel(""));
        assertRejected("id", () -> jobs().cancel("a\u0001"));
        assertRejected("id", () -> jobs().delete(" "));
        assertRejected("id", () -> jobs().get(null));
        assertRejected("id", () -> jobs().find(null));
        assertRejected("id", () -> jobs().complete("", 1, null));
    }

    @Test
    @DisplayName("list and count: limit outside 1..1000, foreign cursor, instants out of range")
    void queryBadInput() {
        assertRejected("limit", () -> jobs().list(JobQuery.all(), PageRequest.first(0)));
        assertRejected("limit", () -> jobs().list(JobQuery.all(), PageRequest.first(-1)));
        assertRejected("limit", () -> jobs().list(JobQuery.all(), PageRequest.first(1001)));
        assertRejected("cursor", () -> jobs().list(JobQuery.all(), PageRequest.first().after("not a cursor!")));
        String foreign = Base64.getUrlEncoder().encodeToString("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertRejected("cursor", () -> jobs().list(JobQuery.all(), new PageRequest(10, foreign, SortOrder.OLDEST_FIRST)));
        assertRejected("createdFrom", () -> jobs().list(JobQuery.all().createdBetween(TOO_EARLY, null),
                PageRequest.first()));
        assertRejected("createdBefore", () -> jobs().countByStatus(JobQuery.all().createdBetween(null, TOO_LATE)));
        assertRejected("cursor", () -> jobs().list(JobQuery.all(), PageRequest.first().after(
                PageCursor.encode(T0, "a\u0000b"))));
        assertRejected("cursor", () -> jobs().list(JobQuery.all(), PageRequest.first().after("A".repeat(10_000))));
        assertRejected("types", () -> jobs().list(JobQuery.all().withTypes((String) null), PageRequest.first()));
        assertRejected("statuses", () -> jobs().countByStatus(JobQuery.all().withStatuses((JobStatus) null)));
        assertThat(jobs().countByStatus(JobQuery.all().withTypes("seed", "seed")).get(JobStatus.QUEUED)).isEqualTo(1);
        assertRejected("cutoff", () -> jobs().deleteFinishedBefore(TOO_LATE));
        assertThat(jobs().list(JobQuery.all(), PageRequest.first(1000)).items()).hasSize(2);
        assertThat(jobs().list(JobQuery.all(), PageRequest.first(1)).items()).hasSize(1);
    }

    @Test
    @DisplayName("JobStatus.parse: unknown names are InvalidInputException naming status; any case is accepted")
    void statusParse() {
        assertRejected("status", () -> JobStatus.parse("paused"));
        assertRejected("status", () -> JobStatus.parse(null));
        assertRejected("status", () -> JobStatus.parse(""));
        assertThat(JobStatus.parse(" Running ")).isEqualTo(JobStatus.RUNNING);
        assertRejected("status", () -> JobStatus.parse("running\u0000"));
        assertThatThrownBy(() -> JobStatus.parse("done")).hasMessageContaining("done");
    }
}
