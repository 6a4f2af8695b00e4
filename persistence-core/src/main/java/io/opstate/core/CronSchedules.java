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
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Five-field Unix cron expressions ({@code minute hour day-of-month month day-of-week}),
 * parsed and evaluated by cron-utils. Surrounding spaces, tabs and line breaks are ignored; what
 * remains is at most {@value #MAX_LENGTH} characters of printable ASCII (spaces included). The
 * bound keeps a hostile expression from costing seconds of parsing on every write, and from
 * flooding a message. Thread-safe.
 */
public final class CronSchedules {
    /** Longest expression accepted, in characters; real ones are a few dozen. */
    public static final int MAX_LENGTH = 256;

    private static final String FIELD = "cronExpression";
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
        try {
            Cron cron = PARSER.parse(stripped);
            cron.validate();
            return cron;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(FIELD, UserText.quoted(stripped)
                    + " is not a valid five-field Unix cron expression: " + UserText.shown(e.getMessage(), 200), e);
        }
    }

    /** The first time strictly after {@code after} at which the expression fires in {@code zone}; empty if never. */
    public static Optional<Instant> nextRun(String expression, ZoneId zone, Instant after) {
        ExecutionTime executionTime = ExecutionTime.forCron(parse(expression));
        return executionTime.nextExecution(ZonedDateTime.ofInstant(after, zone))
                .map(ZonedDateTime::toInstant)
                .filter(next -> !next.isAfter(Times.MAX))
                .map(Times::truncate);
    }
}
