package io.opstate.core;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.opstate.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Five-field Unix cron expressions ({@code minute hour day-of-month month day-of-week}),
 * parsed and evaluated by cron-utils. Thread-safe.
 */
public final class CronSchedules {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronSchedules() {
    }

    /**
     * Parses and validates an expression.
     *
     * @throws InvalidInputException naming {@code cronExpression} when it is missing or malformed
     */
    public static Cron parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidInputException("cronExpression", "is required, e.g. '0 2 * * *'");
        }
        try {
            Cron cron = PARSER.parse(expression.trim());
            cron.validate();
            return cron;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cronExpression",
                    "'" + expression + "' is not a valid five-field Unix cron expression: " + e.getMessage(), e);
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
