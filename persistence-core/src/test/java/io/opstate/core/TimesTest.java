package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {
    @Test
    void truncatesToMicroseconds() {
        assertThat(Times.truncate(Instant.parse("2025-01-01T00:00:00.123456789Z")))
                .isEqualTo(Instant.parse("2025-01-01T00:00:00.123456Z"));
        assertThat(Times.truncate(null)).isNull();
    }

    @Test
    void truncatesPreEpochTowardsThePast() {
        Instant preEpoch = Instant.ofEpochSecond(-1, 999_999_999);

        assertThat(Times.truncate(preEpoch)).isEqualTo(Instant.ofEpochSecond(-1, 999_999_000));
    }

    @Test
    void nowComesFromTheClockTruncated() {
        Clock clock = Clock.fixed(Instant.parse("2025-06-01T12:00:00.000000999Z"), ZoneOffset.UTC);

        assertThat(Times.now(clock)).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
    }

    @Test
    void checkedAcceptsTheRangeBoundsAndTruncates() {
        assertThat(Times.checked("at", Times.MIN)).isEqualTo(Times.MIN);
        assertThat(Times.checked("at", Instant.parse("9999-12-31T23:59:59.999999999Z"))).isEqualTo(Times.MAX);
        assertThat(Times.checked("at", null)).isNull();
    }

    @Test
    void checkedRefusesYearsOutsideOneTo9999NamingTheField() {
        assertThatThrownBy(() -> Times.checked("notBefore", Times.MIN.minusNanos(1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("notBefore"));
        assertThatThrownBy(() -> Times.checked("cutoff", Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cutoff"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2025-01-01T00:00:00.000001Z", "1969-12-31T23:59:59.999999Z",
            "1900-06-15T10:20:30.5Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z"})
    void microsRoundTrip(String text) {
        Instant instant = Instant.parse(text);

        assertThat(Times.fromMicros(Times.toMicros(instant))).isEqualTo(instant);
    }

    @Test
    void microsOfKnownInstants() {
        assertThat(Times.toMicros(Instant.EPOCH)).isZero();
        assertThat(Times.toMicros(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1);
        assertThat(Times.fromMicros(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(Times.toMicros(Instant.ofEpochSecond(1, 2_999))).isEqualTo(1_000_002);
    }
}
