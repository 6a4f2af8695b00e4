package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.InvalidInputException;
import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobProgress;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Progress in bytes: bytes done over a known total give the fraction, whether the total comes
 * with the report or was stored before; a report that would leave more bytes done than the total
 * is refused and changes nothing; completing sets bytes done to the total when it is known.
 */
public abstract class JobBytesProgressContract extends TckSupport {
    private Job held;

    @BeforeEach
    void claimOne() {
        held = createAndClaim("download", "w1");
    }

    private Job report(JobProgress progress) {
        return jobs().reportProgress(held.id(), held.fencingToken(), progress);
    }

    @Test
    @DisplayName("bytes done and total give the fraction, computed as done / total in double precision")
    void bytesGiveTheFraction() {
        Job reported = report(JobProgress.bytes(1, 3));
        assertThat(reported.progress()).isEqualTo(1.0 / 3);
        assertThat(reported.bytesDone()).isEqualTo(1);
        assertThat(reported.bytesTotal()).isEqualTo(3L);
        assertThat(jobs().get(held.id())).isEqualTo(reported);
    }

    @Test
    @DisplayName("bytes done alone take the fraction from the stored total; the total stays")
    void bytesDoneUseTheStoredTotal() {
        report(JobProgress.bytes(0, 8_000_000_000L));
        Job reported = report(JobProgress.bytesDone(2_000_000_000L).withMessage("a quarter"));
        assertThat(reported.progress()).isEqualTo(0.25);
        assertThat(reported.bytesTotal()).isEqualTo(8_000_000_000L);
        assertThat(reported.message()).isEqualTo("a quarter");
        assertThat(report(JobProgress.bytesDone(8_000_000_000L)).progress()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("a new total alone recomputes the fraction from the stored bytes done")
    void aNewTotalRecomputesTheFraction() {
        report(JobProgress.bytes(500, 1000));
        Job reported = report(JobProgress.none().withBytes(null, 2000L));
        assertThat(reported.progress()).isEqualTo(0.25);
        assertThat(reported.bytesDone()).isEqualTo(500);
    }

    @Test
    @DisplayName("without a known total, or with a total of 0, bytes leave the fraction as it was")
    void noTotalNoFraction() {
        Job first = report(JobProgress.bytesDone(4096));
        assertThat(first.progress()).isNull();
        assertThat(first.bytesDone()).isEqualTo(4096);
        assertThat(first.bytesTotal()).isNull();

        report(JobProgress.fraction(0.5));
        Job empty = report(JobProgress.bytes(0, 0));
        assertThat(empty.progress()).isEqualTo(0.5);
        assertThat(empty.bytesTotal()).isZero();
    }

    @Test
    @DisplayName("a fraction reported with bytes wins over the derived one")
    void aReportedFractionWins() {
        Job reported = report(JobProgress.bytes(100, 1000).withProgress(0.6));
        assertThat(reported.progress()).isEqualTo(0.6);
        assertThat(reported.bytesDone()).isEqualTo(100);
    }

    @Test
    @DisplayName("bytes done above the stored total are refused naming bytesDone; nothing changes")
    void bytesDoneAboveTheStoredTotal() {
        report(JobProgress.bytes(10, 100));
        InvalidInputException e = assertRejected("bytesDone", () -> report(JobProgress.bytesDone(101)));
        assertThat(e.problem()).contains("100").contains("101");
        assertRejected("bytesDone", () -> report(JobProgress.bytesDone(101).withMessage("too far")));
        assertThat(report(JobProgress.bytesDone(100)).bytesDone()).as("exactly the total").isEqualTo(100);
    }

    @Test
    @DisplayName("bytes done above a new total in the same report are refused naming bytesDone")
    void bytesDoneAboveTheNewTotal() {
        report(JobProgress.bytes(10, 100));
        assertRejected("bytesDone", () -> report(JobProgress.bytes(60, 50)));
    }

    @Test
    @DisplayName("a total alone below the stored bytes done is refused naming bytesTotal; nothing changes")
    void aTotalBelowTheStoredBytesDone() {
        report(JobProgress.bytesDone(500));
        assertRejected("bytesTotal", () -> report(JobProgress.none().withBytes(null, 499L)));
        assertThat(report(JobProgress.none().withBytes(null, 500L)).progress()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("a stale token or a missing job is reported as such before the bytes are judged")
    void tokenChecksComeFirst() {
        report(JobProgress.bytes(10, 100));
        assertFailsUnchanged(LeaseLostException.class,
                () -> jobs().reportProgress(held.id(), held.fencingToken() + 1, JobProgress.bytesDone(101)));
        assertFailsUnchanged(NotFoundException.class,
                () -> jobs().reportProgress("ghost", held.fencingToken(), JobProgress.bytesDone(101)));
    }

    @Test
    @DisplayName("complete sets bytes done to the known total and progress to 1")
    void completeFillsTheBytes() {
        report(JobProgress.bytes(300, 1000));
        Job done = jobs().complete(held.id(), held.fencingToken(), null);
        assertThat(done.bytesDone()).isEqualTo(1000);
        assertThat(done.bytesTotal()).isEqualTo(1000L);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(jobs().get(held.id())).isEqualTo(done);
    }

    @Test
    @DisplayName("complete without a known total leaves bytes done as they were")
    void completeWithoutATotal() {
        report(JobProgress.bytesDone(300));
        advance(Duration.ofSeconds(1));
        Job done = jobs().complete(held.id(), held.fencingToken(), null);
        assertThat(done.bytesDone()).isEqualTo(300);
        assertThat(done.bytesTotal()).isNull();
        assertThat(done.progress()).isEqualTo(1.0);
    }
}
