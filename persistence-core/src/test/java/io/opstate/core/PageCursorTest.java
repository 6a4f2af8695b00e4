package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {
    @Test
    void roundTripsTimeAndKey() {
        PageCursor cursor = new PageCursor(Instant.parse("2025-01-01T10:00:00.123456Z"), "0190c5b2-0000-7000-8000-000000000001");

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void roundTripsKeysWithSeparatorsAndNonAsciiAndPreEpochTimes() {
        PageCursor cursor = new PageCursor(Instant.parse("1969-07-20T20:17:40.5Z"), "pipe:line/ü 😀");

        assertThat(PageCursor.decode(PageCursor.encode(cursor.time(), cursor.key()))).isEqualTo(cursor);
    }

    @Test
    void tokensAreUrlSafeAndStable() {
        String token = PageCursor.encode(Instant.EPOCH, "42");

        assertThat(token).matches("[A-Za-z0-9_-]+").isEqualTo(PageCursor.encode(Instant.EPOCH, "42"));
    }

    @Test
    void nullMeansTheFirstPage() {
        assertThat(PageCursor.decode(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor!", "%%%", "bm8tc2VwYXJhdG9y", "YWJjOmtleQ", "OmtleQ"})
    void refusesTokensItDidNotMakeNamingCursor(String token) {
        assertThatThrownBy(() -> PageCursor.decode(token))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    @Test
    void refusesANumberTooLargeForTheTime() {
        String token = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("99999999999999999999:k".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> PageCursor.decode(token)).isInstanceOf(InvalidInputException.class);
    }
}
