package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks of required arguments, numbers, instants, leases and page requests, each throwing
 * {@link InvalidInputException} naming the field. Stateless and thread-safe.
 */
public final class Checks {
    /** Shortest lease a worker may take or renew. */
    public static final Duration MIN_LEASE = Duration.ofSeconds(1);
    /** Longest lease a worker may take or renew. */
    public static final Duration MAX_LEASE = Duration.ofHours(24);
    /** Most items one page or one {@code findDue} call returns. */
    public static final int MAX_LIMIT = PageRequest.MAX_LIMIT;

    private Checks() {
    }

    /** {@code value}, which must not be null. */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    /** {@code value}, which must be within {@code min..max}. */
    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A fraction in 0..1 (not NaN); null stays null. */
    public static Double fraction(String field, Double value) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            throw new InvalidInputException(field, "must be between 0 and 1, got " + value);
        }
        return value;
    }

    /** A count that is not negative; null stays null. */
    public static Long notNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw new InvalidInputException(field, "must not be negative, got " + value);
        }
        return value;
    }

    /** A required lease of {@link #MIN_LEASE} to {@link #MAX_LEASE}, named {@code lease}. */
    public static Duration lease(Duration lease) {
        required("lease", lease);
        if (lease.compareTo(MIN_LEASE) < 0 || lease.compareTo(MAX_LEASE) > 0) {
            throw new InvalidInputException("lease", "must be between 1 second and 24 hours, got " + lease);
        }
        return lease;
    }

    /** An optional instant in year 1..9999, truncated to microseconds; null stays null. */
    public static Instant instant(String field, Instant value) {
        return Times.checked(field, value);
    }

    /** Like {@link #instant}, but required. */
    public static Instant requiredInstant(String field, Instant value) {
        return Times.checked(field, required(field, value));
    }

    /** A result limit of 1..{@value #MAX_LIMIT}, named {@code limit}. */
    public static int limit(int limit) {
        return range("limit", limit, 1, MAX_LIMIT);
    }

    /**
     * A page request with a valid limit and a cursor this library made; a null order becomes
     * {@link SortOrder#NEWEST_FIRST}.
     *
     * @param numericKey whether the listing's tie-breaker is a sequence number (history)
     */
    public static PageRequest page(PageRequest page, boolean numericKey) {
        required("page", page);
        limit(page.limit());
        PageCursor cursor = PageCursor.decode(page.cursor());
        if (cursor != null && !validKey(cursor, numericKey)) {
            throw new InvalidInputException("cursor", "is not a cursor returned by a previous page");
        }
        SortOrder order = order(page.order());
        return order == page.order() ? page : new PageRequest(page.limit(), page.cursor(), order);
    }

    /** A listing's sort order; null becomes {@link SortOrder#NEWEST_FIRST}, as in a page request. */
    public static SortOrder order(SortOrder order) {
        return order == null ? SortOrder.NEWEST_FIRST : order;
    }

    private static boolean validKey(PageCursor cursor, boolean numericKey) {
        if (cursor.time().isBefore(Times.MIN) || cursor.time().isAfter(Times.MAX) || cursor.key().isEmpty()) {
            return false;
        }
        if (!numericKey) {
            return true;
        }
        try {
            Long.parseLong(cursor.key());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
