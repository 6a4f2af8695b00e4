package io.opstate.examples.legacy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads the times the legacy tables hold as text: ISO-8601 with a {@code Z} (the inference
 * server's {@code jobs}), or {@code 2025-12-18 10:30:00.123456789+00:00} as Go's SQLite driver
 * writes a {@code TIMESTAMP} (Mimir's tables), with or without fraction and offset. A time
 * without an offset is read as UTC, which both systems write.
 */
final class LegacyTimes {
    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private LegacyTimes() {
    }

    /**
     * The instant {@code text} names; null for null or blank.
     *
     * @throws IllegalArgumentException naming {@code column} when the text is no time of either form
     */
    static Instant parse(String column, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        try {
            var parsed = SPACED.parseBest(trimmed, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + ": not a time this import reads: '" + trimmed + "'", e);
        }
    }
}
