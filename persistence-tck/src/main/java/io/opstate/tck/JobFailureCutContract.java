package io.opstate.tck;

import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.PersistenceConfig;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A failure is never lost for being long: an error beyond 10,000 characters, or a detail beyond
 * the payload limit in UTF-8, is cut to its head followed by {@code "… [cut: N characters omitted]"},
 * within the limit, and the job fails as asked. An execution's error is cut the same way.
 */
public abstract class JobFailureCutContract extends TckSupport {
    /** The payload limit, and so the detail limit, this contract configures. */
    static final int MAX_PAYLOAD = 2048;
    private static final int MAX_ERROR = 10_000;

    private Job held;

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.maxPayloadBytes(MAX_PAYLOAD);
    }

    @BeforeEach
    void claimOne() {
        held = createAndClaim("t", "w1");
    }

    @Test
    @DisplayName("a 1,000,000-character error fails the job, its head kept and the cut said, 10,000 characters in all")
    void aMillionCharacterError() {
        String error = numbered(1_000_000);
        Job failed = jobs().fail(held.id(), held.fencingToken(), JobFailure.of(error));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertCutFromHead(failed.error(), error);
        assertThat(failed.error().codePointCount(0, failed.error().length())).isLessThanOrEqualTo(MAX_ERROR)
                .isGreaterThan(MAX_ERROR - 10);
        assertThat(jobs().get(held.id())).isEqualTo(failed);
    }

    @Test
    @DisplayName("an error of exactly 10,000 characters is kept whole")
    void anErrorAtTheLimit() {
        String error = numbered(MAX_ERROR);
        assertThat(jobs().fail(held.id(), held.fencingToken(), JobFailure.of(error)).error()).isEqualTo(error);
    }

    @Test
    @DisplayName("a long error with a retry time still queues the job again, with the cut error")
    void aLongErrorStillRetries() {
        Job requeued = jobs().fail(held.id(), held.fencingToken(),
                JobFailure.of(numbered(20_000)).retryAt(T0.plusSeconds(30)));
        assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(requeued.notBefore()).isEqualTo(T0.plusSeconds(30));
        assertCutFromHead(requeued.error(), numbered(20_000));
    }

    @Test
    @DisplayName("errors count code points: a cut never splits a surrogate pair")
    void cutsKeepSurrogatePairs() {
        String error = "\uD83D\uDE00".repeat(MAX_ERROR + 1);
        String kept = jobs().fail(held.id(), held.fencingToken(), JobFailure.of(error)).error();
        assertCutFromHead(kept, error);
        assertThat(kept.codePointCount(0, kept.length())).isLessThanOrEqualTo(MAX_ERROR);
    }

    @Test
    @DisplayName("a detail beyond the payload limit in UTF-8 is cut to its head within the limit")
    void aLongDetail() {
        String detail = "\u00fc\u20ac\uD83D\uDE00 at line 1\n".repeat(1_000);
        Job failed = jobs().fail(held.id(), held.fencingToken(), JobFailure.of("boom").withDetail(detail));

        assertThat(failed.error()).isEqualTo("boom");
        assertCutFromHead(failed.errorDetail(), detail);
        assertThat(failed.errorDetail().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_PAYLOAD)
                .isGreaterThan(MAX_PAYLOAD - 20);
        assertThat(jobs().get(held.id())).isEqualTo(failed);
    }

    @Test
    @DisplayName("only the kept head must be storable: a NUL in the part cut away does not refuse the failure")
    void onlyTheKeptHeadIsChecked() {
        String error = "x".repeat(MAX_ERROR * 2) + "\u0000";
        assertCutFromHead(jobs().fail(held.id(), held.fencingToken(), JobFailure.of(error)).error(), error);
    }

    @Test
    @DisplayName("an execution's long error is cut the same way: finish never throws for length")
    void anExecutionsLongError() {
        String error = numbered(50_000);
        Execution run = executions().start(NewExecution.of("etl", "scheduler"));
        Execution finished = executions().finish(run.id(), ExecutionOutcome.failed(error));

        assertThat(finished.status()).isEqualTo(ExecutionStatus.FAILED);
        assertCutFromHead(finished.error(), error);
        assertThat(finished.error().codePointCount(0, finished.error().length())).isLessThanOrEqualTo(MAX_ERROR);
        assertThat(executions().get(run.id()).error()).isEqualTo(finished.error());
    }

    /** {@code kept} is a head of {@code original}, then the note of how many characters were cut. */
    private static void assertCutFromHead(String kept, String original) {
        int note = kept.lastIndexOf("\u2026 [cut: ");
        assertThat(note).as("the note of the cut in %s", Outcome.shortly(kept)).isPositive();
        String head = kept.substring(0, note);
        assertThat(original).startsWith(head);
        long omitted = original.codePointCount(0, original.length()) - head.codePointCount(0, head.length());
        assertThat(kept.substring(note)).isEqualTo("\u2026 [cut: " + omitted + " characters omitted]");
    }

    /** {@code length} characters that say where they are, so a kept head is recognisably the start. */
    private static String numbered(int length) {
        StringBuilder text = new StringBuilder(length + 16);
        for (int i = 0; text.length() < length; i++) {
            text.append(i).append(' ');
        }
        text.setLength(length);
        return text.toString();
    }
}
