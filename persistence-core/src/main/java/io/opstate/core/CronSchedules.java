package io.opstate.core;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.opstate.InvalidInputException;
import io.opstate.internal.Blanks;
import io.opstate.internal.UserText;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Five-field Unix cron expressions ({@code minute hour day-of-month month day-of-week}),
 * parsed by cron-utils, and the nicknames {@link #NICKNAMES} that stand for one of them.
 * Surrounding spaces, tabs and line breaks are ignored; what remains is at most
 * {@value #MAX_LENGTH} characters of printable ASCII (spaces included). The bound keeps a
 * hostile expression from costing seconds of parsing on every write, and from flooding a
 * message. Thread-safe.
 *
 * <p><b>Time zones and daylight saving.</b> An expression names wall-clock times of its zone;
 * {@link #nextRun} turns each into an instant the way Vixie cron does, so that a change of the
 * clocks neither skips nor doubles a run:
 * <ul>
 *   <li>a wall-clock time that does not exist that day (clocks go forward over it, e.g. 02:30 on
 *       the spring change in New York) runs once at the first instant after it that exists: the
 *       moment of the change (03:00 local); several such times (every 15 minutes of the missing
 *       hour) make one run there, together with a run due at that moment itself;</li>
 *   <li>a wall-clock time that occurs twice (clocks go back over it, e.g. 01:30 on the autumn
 *       change in New York) runs once, at its first occurrence (01:30 daylight time): the
 *       repeated hour runs nothing a second time.</li>
 * </ul>
 */
public final class CronSchedules {
    /** Longest expression accepted, in characters; real ones are a few dozen. */
    public static final int MAX_LENGTH = 256;

    /**
     * The nicknames accepted in place of five fields (any case), and the expression each stands
     * for. A nickname is stored as given; {@code @reboot} has no meaning for a store and is refused.
     */
    public static final Map<String, String> NICKNAMES = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private static final String FIELD = "cronExpression";
    private static final String NICKNAME_LIST = "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly";
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronSchedules() {
    }

    /**
     * Checks an expression and returns it without surrounding blanks: what a store keeps.
     *
     * @throws InvalidInputException naming {@code cronExpression} when it is missing, too long,
     *     holds anything but printable ASCII inside (NUL, line breaks and tabs included), or is malformed
     */
    public static String checked(String expression) {
        parse(expression);
        return Blanks.strip(expression);
    }

    /**
     * Parses and validates an expression.
     *
     * @throws InvalidInputException naming {@code cronExpression} as {@link #checked} does
     */
    public static Cron parse(String expression) {
        String stripped = Blanks.strip(expression);
        if (stripped == null || stripped.isEmpty()) {
            throw new InvalidInputException(FIELD, "is required, e.g. '0 2 * * *'");
        }
        if (stripped.length() > MAX_LENGTH) {
            throw new InvalidInputException(FIELD, "must be at most " + MAX_LENGTH + " characters, got "
                    + stripped.length());
        }
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c < ' ' || c > '~') {
                throw new InvalidInputException(FIELD, "must be printable ASCII (digits, letters, spaces and"
                        + " * / , - ?), found " + String.format("U+%04X", (int) c) + " in " + UserText.quoted(stripped));
            }
        }
        String fields = stripped;
        if (stripped.startsWith("@")) {
            fields = NICKNAMES.get(stripped.toLowerCase(Locale.ROOT));
            if (fields == null) {
                throw new InvalidInputException(FIELD, UserText.quoted(stripped) + " is not a cron nickname; use one of "
                        + NICKNAME_LIST + ", or five fields, e.g. '0 2 * * *'");
            }
        }
        try {
            Cron cron = PARSER.parse(fields);
            cron.validate();
            return cron;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(FIELD, UserText.quoted(stripped)
                    + " is not a valid five-field Unix cron expression: " + UserText.shown(e.getMessage(), 200), e);
        }
    }

    /**
     * The first instant strictly after {@code after} at which the expression runs in {@code zone},
     * daylight-saving changes handled as the class describes; empty if never (again) before
     * {@link Times#MAX}. Truncated to microseconds.
     */
    public static Optional<Instant> nextRun(String expression, ZoneId zone, Instant after) {
        // cron-utils walks wall-clock times here, in a zone without changes; the zone's rules
        // then place each on the time line.
        ExecutionTime wallClock = ExecutionTime.forCron(parse(expression));
        ZoneRules rules = zone.getRules();
        LocalDateTime local = LocalDateTime.ofInstant(after, zone);
        while (true) {
            Optional<ZonedDateTime> next = wallClock.nextExecution(local.atZone(ZoneOffset.UTC));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            local = next.get().toLocalDateTime();
            Instant run = runInstant(local, rules);
            if (run.isAfter(Times.MAX)) {
                return Optional.empty();
            }
            // Wall-clock times only move forward, and so do their instants; one at or before
            // after (a repeated hour's second pass, a skipped time placed at a change already
            // past) has run: step on.
            if (run.isAfter(after)) {
                return Optional.of(Times.truncate(run));
            }
        }
    }

    /**
     * Where wall-clock time {@code local} falls on the time line: its only instant; the first of
     * two when the clocks went back over it; the moment of the change when they jumped over it.
     */
    private static Instant runInstant(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        // Clocks go back by lowering the offset: the larger offset is the earlier occurrence.
        return local.toInstant(Collections.max(offsets, Comparator.comparingInt(ZoneOffset::getTotalSeconds)));
    }
}
