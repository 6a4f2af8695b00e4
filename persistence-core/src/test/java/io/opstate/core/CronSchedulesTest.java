package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CronSchedulesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @ValueSource(strings = {"0 2 * * *", "*/5 * * * *", "0 9 * * 1-5", "15,45 8-18 1 */2 *", " 0 0 * * 0 "})
    void acceptsFiveFieldUnixExpressions(String expression) {
        assertThat(CronSchedules.parse(expression)).isNotNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "* * * *", "0 0 * * * *", "60 * * * *", "0 24 * * *", "0 0 32 * *", "every day", "@daily x"})
    void refusesAnythingElseNamingCronExpression(String expression) {
        assertThatThrownBy(() -> CronSchedules.parse(expression))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cronExpression"));
    }

    @Test
    void nextRunIsStrictlyAfterInUtc() {
        assertThat(CronSchedules.nextRun("0 2 * * *", ZoneOffset.UTC, Instant.parse("2025-01-01T01:59:59.999999Z")))
                .contains(Instant.parse("2025-01-01T02:00:00Z"));
        assertThat(CronSchedules.nextRun("0 2 * * *", ZoneOffset.UTC, Instant.parse("2025-01-01T02:00:00Z")))
                .contains(Instant.parse("2025-01-02T02:00:00Z"));
        assertThat(CronSchedules.nextRun("*/15 * * * *", ZoneOffset.UTC, Instant.parse("2025-01-01T10:07:00Z")))
                .contains(Instant.parse("2025-01-01T10:15:00Z"));
    }

    @Test
    void nextRunFollowsLocalTimeAcrossTheSpringDaylightSavingChange() {
        // Berlin moves from UTC+1 to UTC+2 at 01:00 UTC on 2025-03-30.
        assertThat(CronSchedules.nextRun("0 9 * * *", BERLIN, Instant.parse("2025-03-28T12:00:00Z")))
                .contains(Instant.parse("2025-03-29T08:00:00Z"));
        assertThat(CronSchedules.nextRun("0 9 * * *", BERLIN, Instant.parse("2025-03-29T12:00:00Z")))
                .contains(Instant.parse("2025-03-30T07:00:00Z"));
    }

    @Test
    void nextRunFollowsLocalTimeAcrossTheAutumnChange() {
        // Berlin moves back from UTC+2 to UTC+1 at 01:00 UTC on 2025-10-26.
        assertThat(CronSchedules.nextRun("30 12 * * *", BERLIN, Instant.parse("2025-10-25T12:00:00Z")))
                .contains(Instant.parse("2025-10-26T11:30:00Z"));
    }

    @Test
    void anExpressionThatNeverFiresHasNoNextRun() {
        assertThat(CronSchedules.nextRun("0 0 30 2 *", ZoneOffset.UTC, Instant.parse("2025-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void noNextRunBeyondYear9999() {
        assertThat(CronSchedules.nextRun("0 0 1 1 *", ZoneOffset.UTC, Instant.parse("9999-06-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void nextRunRefusesABadExpression() {
        assertThatThrownBy(() -> CronSchedules.nextRun("nope", ZoneOffset.UTC, Instant.EPOCH))
                .isInstanceOf(InvalidInputException.class);
    }
}
