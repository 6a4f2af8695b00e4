package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opstate.core.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written codec must be indistinguishable from TIME_FORMAT and Instant.parse. */
class SqliteTimesTest {
    private static final long MIN_MICROS = Times.toMicros(Times.MIN);
    private static final long MAX_MICROS = Times.toMicros(Times.MAX);

    @ParameterizedTest
    @ValueSource(strings = {
        "0001-01-01T00:00:00.000000Z",
        "9999-12-31T23:59:59.999999Z",
        "1970-01-01T00:00:00.000000Z",
        "1969-12-31T23:59:59.999999Z",
        "2000-02-29T12:00:00.000001Z",
        "2000-03-01T00:00:00.000000Z",
        "1900-02-28T23:59:59.999999Z",
        "1900-03-01T00:00:00.000000Z",
        "2024-02-29T23:59:59.500000Z",
        "2023-12-31T23:59:59.999999Z",
        "2026-03-01T10:15:30.123456Z",
        "1600-02-29T00:00:00.000000Z",
        "0400-02-29T00:00:00.000000Z",
        "0004-02-29T00:00:00.000000Z",
        "0001-12-31T23:59:59.999999Z",
        "0999-12-31T23:59:59.999999Z",
        "1582-10-04T00:00:00.000000Z",
        "1582-10-15T00:00:00.000000Z",
        "1000-01-01T00:00:00.000000Z",
        "9999-01-01T00:00:00.000000Z",
        "0000-01-01T00:00:00.000000Z",
        "0000-02-29T00:00:00.000000Z",
    })
    void edgesMatchTheJdkBothWays(String text) {
        Instant instant = Instant.parse(text);
        assertThat(SqliteTimes.parse(text)).isEqualTo(instant);
        assertThat(SqliteTimes.format(instant)).isEqualTo(SqliteDialect.TIME_FORMAT.format(instant)).isEqualTo(text);
    }

    @Test
    void timesBoundsRoundTrip() {
        assertThat(SqliteTimes.format(Times.MIN)).isEqualTo("0001-01-01T00:00:00.000000Z");
        assertThat(SqliteTimes.format(Times.MAX)).isEqualTo("9999-12-31T23:59:59.999999Z");
        assertThat(SqliteTimes.parse(SqliteTimes.format(Times.MIN))).isEqualTo(Times.MIN);
        assertThat(SqliteTimes.parse(SqliteTimes.format(Times.MAX))).isEqualTo(Times.MAX);
    }

    @Test
    void randomInstantsMatchTheJdkBothWays() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Times.fromMicros(random.nextLong(MIN_MICROS, MAX_MICROS + 1));
            String expected = SqliteDialect.TIME_FORMAT.format(instant);
            String text = SqliteTimes.format(instant);
            assertThat(text).as("format %s (seed %d)", instant, seed).isEqualTo(expected);
            assertThat(SqliteTimes.parse(text)).as("parse %s (seed %d)", text, seed)
                    .isEqualTo(Instant.parse(text))
                    .isEqualTo(instant);
        }
    }

    /** Every calendar day once, so no month or leap-year rule is left to chance. */
    @Test
    void everyDayOfYears1To9999MatchesLocalDate() {
        long first = LocalDate.of(1, 1, 1).toEpochDay();
        long last = LocalDate.of(9999, 12, 31).toEpochDay();
        for (long day = first; day <= last; day++) {
            String date = LocalDate.ofEpochDay(day).toString();
            Instant lastMicro = Instant.ofEpochSecond(day * 86_400 + 86_399, 999_999_000);
            String lastText = date + "T23:59:59.999999Z";
            Instant midnight = Instant.ofEpochSecond(day * 86_400);
            String midnightText = date + "T00:00:00.000000Z";
            // Plain checks first: asserting 3.65 million times would dominate the test's time.
            if (!SqliteTimes.format(lastMicro).equals(lastText) || !SqliteTimes.parse(lastText).equals(lastMicro)
                    || !SqliteTimes.format(midnight).equals(midnightText)
                    || !SqliteTimes.parse(midnightText).equals(midnight)) {
                assertThat(SqliteTimes.format(lastMicro)).isEqualTo(lastText);
                assertThat(SqliteTimes.parse(lastText)).isEqualTo(lastMicro);
                assertThat(SqliteTimes.format(midnight)).isEqualTo(midnightText);
                assertThat(SqliteTimes.parse(midnightText)).isEqualTo(midnight);
            }
        }
    }

    @Test
    void formatTruncatesNanosLikeTheFormatter() {
        Instant instant = Instant.parse("2026-03-01T10:15:30.123456789Z");
        assertThat(SqliteTimes.format(instant))
                .isEqualTo(SqliteDialect.TIME_FORMAT.format(instant))
                .isEqualTo("2026-03-01T10:15:30.123456Z");
    }

    @Test
    void formatOutsideFourDigitYearsIsTheFormatters() {
        for (Instant instant : new Instant[] {
            LocalDate.of(10_000, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
            LocalDate.of(-1, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC),
        }) {
            assertThat(SqliteTimes.format(instant)).isEqualTo(SqliteDialect.TIME_FORMAT.format(instant));
        }
    }

    /** Text the codec does not write but Instant.parse accepts still parses, to the same instant in microseconds. */
    @ParameterizedTest
    @ValueSource(strings = {
        "2026-03-01T10:15:30Z",
        "2026-03-01T10:15:30.123Z",
        "2026-03-01T10:15:30.123456789Z",
        "2026-03-01t10:15:30.123456z",
        "2026-03-01T10:15:30.1+01:00",
        "2026-03-01T24:00:00.000000Z",
        "2026-03-01T23:59:60.000000Z",
        "+10000-01-01T00:00:00.000000Z",
    })
    void nonCanonicalTextFallsBackToInstantParse(String text) {
        assertThat(SqliteTimes.parse(text)).isEqualTo(Instant.parse(text).truncatedTo(ChronoUnit.MICROS));
    }

    /** What another tool writes through SQLite's own date functions, read as UTC unless an offset says otherwise. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-03-01                     | 2026-03-01T00:00:00Z",
        "2026-03-01 10:15               | 2026-03-01T10:15:00Z",
        "2026-03-01T10:15               | 2026-03-01T10:15:00Z",
        "2026-03-01 10:15:30            | 2026-03-01T10:15:30Z",
        "2026-03-01 10:15:30.5          | 2026-03-01T10:15:30.5Z",
        "2026-03-01 10:15:30.1234567899 | 2026-03-01T10:15:30.123456Z",
        "2026-03-01t10:15:30z           | 2026-03-01T10:15:30Z",
        "2026-03-01 10:15:30-04:30      | 2026-03-01T14:45:30Z",
        "2026-03-01 10:15+01:00         | 2026-03-01T09:15:00Z",
        "2026-03-01T10:15:30.123456     | 2026-03-01T10:15:30.123456Z",
        "0000-01-01 00:00:00            | 0000-01-01T00:00:00Z",
    })
    void sqlitesOwnFormats(String text, String expected) {
        assertThat(SqliteTimes.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not a time",
        "2026-02-29T00:00:00.000000Z",
        "1900-02-29T00:00:00.000000Z",
        "2026-04-31T00:00:00.000000Z",
        "2026-13-01T00:00:00.000000Z",
        "2026-00-01T00:00:00.000000Z",
        "2026-03-00T00:00:00.000000Z",
        "2026-03-01T25:00:00.000000Z",
        "2026-03-01T10:60:00.000000Z",
        "2026-03-01T10:15:3x.123456Z",
        "2026-03-01T10:15:30.12345/Z",
        "2026-03-01T10:15:30.12345\u0663Z",
        "2026-03-01 10:15:30.123456Z ",
        "2026-03-01  10:15:30",
        "2026-03-01 10:15:30+18:01",
        "2026-03-01 10:15:30+1:00",
        "2026-3-01 10:15:30",
        "2461013.5",
        "1733300000",
        "2026-03-01 10:15:30 Z",
    })
    void invalidTextThrowsWhatInstantParseThrows(String text) {
        Throwable expected = catchThrowable(() -> Instant.parse(text));
        assertThat(expected).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> SqliteTimes.parse(text))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessage(expected.getMessage());
    }
}
