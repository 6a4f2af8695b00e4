package io.opstate.sqlite.internal;

import io.opstate.core.Times;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stored time text ({@link SqliteDialect#TIME_FORMAT}, e.g. {@code 2026-03-01T10:15:30.123456Z})
 * written and read with plain digit arithmetic, because every time column passes through here and
 * {@code DateTimeFormatter} and {@code Instant.parse} dominated SQLite profiles.
 *
 * <p>Only text this class is sure of takes the fast path. Anything else was written by another
 * tool and is read, truncated to microseconds like every time the store holds, if it is in one of
 * SQLite's own time formats ({@code YYYY-MM-DD}, optionally followed by {@code T} or a space and
 * {@code HH:MM}, {@code :SS} and any number of fractional digits, then optionally {@code Z} or
 * {@code ±HH:MM}; UTC when no offset is given, as {@code datetime('now')} writes it), or else if
 * {@code Instant.parse} reads it; otherwise {@code Instant.parse}'s exception is thrown. Numbers
 * (julian days, unix seconds), which a STRICT text column stores as their text, are not read:
 * SQLite itself tells the two apart only by guessing. Instants outside years 0000..9999 (never
 * stored; see {@code io.opstate.core.Times}) are formatted by {@code TIME_FORMAT} itself.
 */
final class SqliteTimes {
    static final int LENGTH = 27;

    private static final long SECONDS_PER_DAY = 86_400L;
    /** Days from 0000-03-01 to 1970-01-01: the offset of the days-from-civil algorithm. */
    private static final long DAYS_0000_03_01_TO_EPOCH = 719_468L;
    private static final long DAYS_PER_ERA = 146_097L;
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z as epoch seconds: the fast path's range. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_799L;
    /**
     * SQLite's time formats: date, optional time (seconds and fraction optional), optional zone
     * ({@code Z} or {@code ±HH:MM}) after a time. Groups: year, month, day, hour, minute, second,
     * fraction, zone sign or Z, zone hours, zone minutes.
     */
    private static final Pattern SQLITE_FORMAT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?"
                    + "(?:[Zz]|([+-])(\\d{2}):(\\d{2}))?)?");

    private SqliteTimes() {
    }

    /** {@code TIME_FORMAT.format(instant)}, byte for byte: fraction truncated to microseconds. */
    static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < MIN_SECOND || second > MAX_SECOND) {
            // Signed or five-digit years: let the formatter decide, as it always did.
            return SqliteDialect.TIME_FORMAT.format(instant);
        }
        long day = Math.floorDiv(second, SECONDS_PER_DAY);
        int secondOfDay = (int) (second - day * SECONDS_PER_DAY);

        // civil_from_days (H. Hinnant): eras of 400 years starting on 0000-03-01, so the leap day
        // is the last day of each shifted year.
        long z = day + DAYS_0000_03_01_TO_EPOCH;
        long era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
        int dayOfEra = (int) (z - era * DAYS_PER_ERA);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shiftedMonth = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        int year = (int) (era * 400) + yearOfEra + (month <= 2 ? 1 : 0);

        byte[] out = new byte[LENGTH];
        put4(out, 0, year);
        out[4] = '-';
        put2(out, 5, month);
        out[7] = '-';
        put2(out, 8, dayOfMonth);
        out[10] = 'T';
        put2(out, 11, secondOfDay / 3600);
        out[13] = ':';
        put2(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        put2(out, 17, secondOfDay % 60);
        out[19] = '.';
        int micros = instant.getNano() / 1000;
        put2(out, 20, micros / 10_000);
        put4(out, 22, micros % 10_000);
        out[26] = 'Z';
        // ISO-8859-1 decoding of ASCII is a plain copy into a compact (Latin-1) String.
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * The instant {@code text} stands for: computed directly when it has exactly the stored shape
     * and valid fields, otherwise read as the class comment says.
     *
     * @throws java.time.format.DateTimeParseException for text in none of those formats
     */
    static Instant parse(String text) {
        if (text.length() != LENGTH
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                || text.charAt(26) != 'Z') {
            return parseForeign(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int dayOfMonth = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int micros = digits(text, 20, 26);
        // digits() is negative for a non-digit, so one OR catches any of them.
        if ((year | month | dayOfMonth | hour | minute | second | micros) < 0
                || month < 1 || month > 12
                || dayOfMonth < 1 || dayOfMonth > lengthOfMonth(year, month)
                || hour > 23 || minute > 59 || second > 59) {
            // Includes 24:00 and leap seconds, which Instant.parse accepts in its own way.
            return parseForeign(text);
        }

        // days_from_civil (H. Hinnant), the inverse of the computation in format.
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + dayOfMonth - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        long day = era * DAYS_PER_ERA + dayOfEra - DAYS_0000_03_01_TO_EPOCH;

        long epochSecond = day * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
        return Instant.ofEpochSecond(epochSecond, micros * 1000L);
    }

    /** Text another tool wrote: one of SQLite's own formats, else what {@code Instant.parse} reads. */
    private static Instant parseForeign(String text) {
        Matcher matcher = SQLITE_FORMAT.matcher(text);
        if (matcher.matches()) {
            try {
                return Times.truncate(sqliteTime(matcher));
            } catch (DateTimeException e) {
                // a field out of range: Instant.parse below says so in its own words
            }
        }
        return Times.truncate(Instant.parse(text));
    }

    private static Instant sqliteTime(Matcher matcher) {
        LocalDate date = LocalDate.of(number(matcher, 1), number(matcher, 2), number(matcher, 3));
        LocalTime time = matcher.group(4) == null ? LocalTime.MIDNIGHT : LocalTime.of(number(matcher, 4),
                number(matcher, 5), number(matcher, 6), nanos(matcher.group(7)));
        ZoneOffset offset = matcher.group(8) == null ? ZoneOffset.UTC
                : ZoneOffset.ofHoursMinutes(sign(matcher.group(8)) * number(matcher, 9),
                        sign(matcher.group(8)) * number(matcher, 10));
        return date.atTime(time).toInstant(offset);
    }

    private static int number(Matcher matcher, int group) {
        return matcher.group(group) == null ? 0 : Integer.parseInt(matcher.group(group));
    }

    private static int sign(String zone) {
        return zone.charAt(0) == '-' ? -1 : 1;
    }

    /** Nanoseconds of a fraction's digits; those beyond nanoseconds are dropped (the store keeps microseconds). */
    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String nine = fraction.length() > 9 ? fraction.substring(0, 9) : fraction + "000000000".substring(fraction.length());
        return Integer.parseInt(nine);
    }

    private static int lengthOfMonth(int year, int month) {
        if (month == 2) {
            return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** The decimal value of {@code text[from, to)}, or a negative number if any char is not 0-9. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        int bad = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            // Negative when digit is outside 0..9, without a branch per char.
            bad |= digit | (9 - digit);
            value = value * 10 + digit;
        }
        return bad < 0 ? -1 : value;
    }

    private static void put2(byte[] out, int at, int value) {
        out[at] = (byte) ('0' + value / 10);
        out[at + 1] = (byte) ('0' + value % 10);
    }

    private static void put4(byte[] out, int at, int value) {
        put2(out, at, value / 100);
        put2(out, at + 2, value % 100);
    }
}
