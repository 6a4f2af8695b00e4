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
    void refusesAnExpressionLongerThanTheBoundWithoutParsingOrEchoingIt() {
        String valid = "1,".repeat(123) + "59 0 * * *";
        assertThat(valid).hasSize(CronSchedules.MAX_LENGTH);
        assertThat(CronSchedules.parse(valid)).isNotNull();

        String huge = "0 0 * * " + "1,".repeat(5_000_000) + "1";
        assertThatThrownBy(() -> CronSchedules.parse(huge))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cronExpression"))
                .hasMessageContaining("at most " + CronSchedules.MAX_LENGTH)
                .hasNoCause()
                .message().hasSizeLessThan(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 * * *\u0000", "\u00000 0 * * *", "0 0 * * *\n\u0000", "0\t0 * * *", "0 0\n* * *",
        "0 0 * * *\u2028", "0 0 * * \u0661", "0 0 * * *\uD800", "0 0 * * *\u001F"})
    void refusesNulControlAndNonAsciiCharactersInsteadOfTrimmingThem(String expression) {
        assertThatThrownBy(() -> CronSchedules.parse(expression))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cronExpression"))
                .hasMessageContaining("printable ASCII");
    }

    @Test
    void storesTheExpressionWithoutSurroundingBlanksOnly() {
        assertThat(CronSchedules.checked(" \t0 2 * * *\r\n")).isEqualTo("0 2 * * *");
        assertThat(CronSchedules.checked("0  2 * * *")).isEqualTo("0  2 * * *");
    }

    @Test
    void quotesABadExpressionEscapedAndCut() {
        String forged = "0 0 * *\n2026-01-01 INFO forged " + "x".repeat(200);
        assertThatThrownBy(() -> CronSchedules.parse(forged.replace('\n', ' ')))
                .isInstanceOf(InvalidInputException.class)
                .message().doesNotContain("\n").hasSizeLessThan(500).contains("more characters");
        assertThatThrownBy(() -> CronSchedules.parse(forged))
                .isInstanceOf(InvalidInputException.class)
                .message().doesNotContain("\n").hasSizeLessThan(500);
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
