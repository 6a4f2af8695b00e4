package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.core.Times;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Times are stored as fixed-width text whose order is time order, readable with sqlite3. */
class SqliteTimeFormatTest {
    private static final List<Instant> ASCENDING = List.of(
            Times.MIN,
            Instant.parse("0999-12-31T23:59:59.999999Z"),
            Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("2026-03-01T10:15:30.000001Z"),
            Instant.parse("2026-03-01T10:15:30.123456Z"),
            Instant.parse("2026-03-01T10:15:31Z"),
            Times.MAX);

    @Test
    void fixedWidthWithSixFractionalDigits() {
        assertThat(SqliteDialect.TIME_FORMAT.format(Instant.parse("2026-03-01T10:15:30.123456Z")))
                .isEqualTo("2026-03-01T10:15:30.123456Z");
        assertThat(SqliteDialect.TIME_FORMAT.format(Times.MIN)).isEqualTo("0001-01-01T00:00:00.000000Z");
        assertThat(SqliteDialect.TIME_FORMAT.format(Times.MAX)).isEqualTo("9999-12-31T23:59:59.999999Z");
        assertThat(ASCENDING).extracting(SqliteDialect.TIME_FORMAT::format).allSatisfy(t -> assertThat(t).hasSize(27));
    }

    @Test
    void textOrderIsTimeOrderAndReadsBackEqual() {
        List<String> texts = ASCENDING.stream().map(SqliteDialect.TIME_FORMAT::format).toList();
        assertThat(texts).isSorted();
        assertThat(texts.stream().map(Instant::parse).toList()).isEqualTo(ASCENDING);
    }
}
