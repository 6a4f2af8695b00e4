package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CronSchedulesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest
    @ValueSource(strings = {"0 2 * * *", "*/5 * * * *", "0 9 * * 1-5", "15,45 8-18 1 */2 *", " 0 0 * * 0 "})
    void acceptsFiveFieldUnixExpressions(String expression) {
        assertThat(CronSchedules.parse(expression)).isNotNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "* * * *", "0 0 * * * *", "60 * * * *", "0 24 * * *", "0 0 32 * *", "every day", "@daily x",
        "@reboot", "@every", "@", "@daily@", "@ daily"})
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

    @ParameterizedTest
    @ValueSource(strings = {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "@DAILY",
        " @Hourly\n"})
    void acceptsTheNicknamesInAnyCase(String nickname) {
        assertThat(CronSchedules.parse(nickname)).isNotNull();
        assertThat(CronSchedules.checked(nickname)).as("stored as given").isEqualTo(nickname.strip());
    }

    @Test
    void aNicknameRunsAsTheFiveFieldsItStandsFor() {
        Instant after = Instant.parse("2025-05-14T10:07:00Z");
        for (var entry : CronSchedules.NICKNAMES.entrySet()) {
            assertThat(CronSchedules.nextRun(entry.getKey(), BERLIN, after)).as(entry.getKey())
                    .isEqualTo(CronSchedules.nextRun(entry.getValue(), BERLIN, after));
        }
        assertThat(CronSchedules.nextRun("@daily", ZoneOffset.UTC, after)).contains(Instant.parse("2025-05-15T00:00:00Z"));
        assertThat(CronSchedules.nextRun("@hourly", ZoneOffset.UTC, after)).contains(Instant.parse("2025-05-14T11:00:00Z"));
        assertThat(CronSchedules.nextRun("@weekly", ZoneOffset.UTC, after)).as("Sunday")
                .contains(Instant.parse("2025-05-18T00:00:00Z"));
        assertThat(CronSchedules.nextRun("@monthly", ZoneOffset.UTC, after)).contains(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(CronSchedules.nextRun("@yearly", ZoneOffset.UTC, after)).contains(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void anUnknownNicknameNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> CronSchedules.parse("@reboot"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cronExpression"))
                .hasMessageContaining("@daily").hasMessageContaining("@hourly");
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

    /** Runs of {@code expression} in {@code zone} after {@code from}, each found from the one before. */
    private static List<Instant> runs(String expression, ZoneId zone, String from, int count) {
        List<Instant> runs = new ArrayList<>();
        Instant after = Instant.parse(from);
        for (int i = 0; i < count; i++) {
            after = CronSchedules.nextRun(expression, zone, after).orElseThrow();
            runs.add(after);
        }
        return runs;
    }

    @Test
    void aRunWhoseLocalTimeIsSkippedByTheSpringChangeRunsOnceAtTheChange() {
        // New York jumps from 02:00 EST to 03:00 EDT (07:00 UTC) on 2025-03-09: 02:30 does not exist that day.
        assertThat(runs("30 2 * * *", NEW_YORK, "2025-03-08T12:00:00Z", 3)).containsExactly(
                Instant.parse("2025-03-09T07:00:00Z"), Instant.parse("2025-03-10T06:30:00Z"),
                Instant.parse("2025-03-11T06:30:00Z"));
        // Berlin jumps from 02:00 CET to 03:00 CEST (01:00 UTC) on 2025-03-30.
        assertThat(runs("30 2 * * *", BERLIN, "2025-03-29T12:00:00Z", 2)).containsExactly(
                Instant.parse("2025-03-30T01:00:00Z"), Instant.parse("2025-03-31T00:30:00Z"));
    }

    @Test
    void theSkippedHourOfAFrequentScheduleMakesOneRunAtTheChange() {
        assertThat(runs("*/15 * * * *", NEW_YORK, "2025-03-09T06:40:00Z", 4)).containsExactly(
                Instant.parse("2025-03-09T06:45:00Z"), Instant.parse("2025-03-09T07:00:00Z"),
                Instant.parse("2025-03-09T07:15:00Z"), Instant.parse("2025-03-09T07:30:00Z"));
        assertThat(runs("0 3 * * *", NEW_YORK, "2025-03-09T06:00:00Z", 1)).as("03:00 exists, at the change")
                .containsExactly(Instant.parse("2025-03-09T07:00:00Z"));
        assertThat(CronSchedules.nextRun("30 2 * * *", NEW_YORK, Instant.parse("2025-03-09T07:00:00Z")))
                .as("from the change itself, the skipped run is past").contains(Instant.parse("2025-03-10T06:30:00Z"));
    }

    @Test
    void aRunInTheHourRepeatedByTheAutumnChangeRunsOnce() {
        // New York goes back from 02:00 EDT to 01:00 EST (06:00 UTC) on 2025-11-02: 01:00-01:59 occur twice.
        assertThat(runs("30 1 * * *", NEW_YORK, "2025-11-01T12:00:00Z", 2)).containsExactly(
                Instant.parse("2025-11-02T05:30:00Z"), Instant.parse("2025-11-03T06:30:00Z"));
        assertThat(CronSchedules.nextRun("30 1 * * *", NEW_YORK, Instant.parse("2025-11-02T06:10:00Z")))
                .as("from inside the second pass").contains(Instant.parse("2025-11-03T06:30:00Z"));
        assertThat(runs("*/30 * * * *", NEW_YORK, "2025-11-02T04:40:00Z", 4)).containsExactly(
                Instant.parse("2025-11-02T05:00:00Z"), Instant.parse("2025-11-02T05:30:00Z"),
                Instant.parse("2025-11-02T07:00:00Z"), Instant.parse("2025-11-02T07:30:00Z"));
        // Berlin goes back from 03:00 CEST to 02:00 CET (01:00 UTC) on 2025-10-26.
        assertThat(runs("30 2 * * *", BERLIN, "2025-10-25T12:00:00Z", 2)).containsExactly(
                Instant.parse("2025-10-26T00:30:00Z"), Instant.parse("2025-10-27T01:30:00Z"));
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
