package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;

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
    /** Longest time zone id, in characters; the JDK's own are at most 32. */
    public static final int MAX_TIME_ZONE_LENGTH = 64;

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

    /**
     * A fraction in 0..1 (not NaN); null stays null. {@code -0.0} becomes {@code 0.0}: SQLite
     * reads a stored negative zero back as {@code 0.0}, the other backends as {@code -0.0}.
     */
    public static Double fraction(String field, Double value) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            throw new InvalidInputException(field, "must be between 0 and 1, got " + value);
        }
        return value != null && value == 0.0 ? Double.valueOf(0.0) : value;
    }

    /** Every element of {@code values}, none of which may be null, as an immutable set; null becomes the empty set. */
    public static <T> Set<T> elements(String field, Collection<T> values) {
        if (values == null) {
            return Set.of();
        }
        for (T value : values) {
            if (value == null) {
                throw new InvalidInputException(field, "must not contain null");
            }
        }
        return Set.copyOf(values);
    }

    /** A time zone whose id is at most {@value #MAX_TIME_ZONE_LENGTH} characters; null stays null. */
    public static ZoneId timeZone(String field, ZoneId zone) {
        if (zone != null && zone.getId().length() > MAX_TIME_ZONE_LENGTH) {
            throw new InvalidInputException(field, "must have an id of at most " + MAX_TIME_ZONE_LENGTH
                    + " characters, got " + zone.getId().length());
        }
        return zone;
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
        return checkedPage(page, cursor -> validKey(cursor, numericKey));
    }

    /**
     * A page request with a valid limit and a cursor whose time is in year 1..9999 and whose key
     * {@code validKey} accepts; a null order becomes {@link SortOrder#NEWEST_FIRST}. For listings
     * whose tie-breaker is more than one id or number.
     */
    public static PageRequest page(PageRequest page, Predicate<String> validKey) {
        return checkedPage(page, cursor -> !cursor.time().isBefore(Times.MIN) && !cursor.time().isAfter(Times.MAX)
                && validKey.test(cursor.key()));
    }

    private static PageRequest checkedPage(PageRequest page, CursorCheck check) {
        required("page", page);
        limit(page.limit());
        PageCursor cursor = PageCursor.decode(page.cursor());
        if (cursor != null && !check.valid(cursor)) {
            throw new InvalidInputException("cursor", "is not a cursor returned by a previous page");
        }
        SortOrder order = order(page.order());
        return order == page.order() ? page : new PageRequest(page.limit(), page.cursor(), order);
    }

    private interface CursorCheck {
        boolean valid(PageCursor cursor);
    }

    /** A listing's sort order; null becomes {@link SortOrder#NEWEST_FIRST}, as in a page request. */
    public static SortOrder order(SortOrder order) {
        return order == null ? SortOrder.NEWEST_FIRST : order;
    }

    /**
     * Whether the cursor's key is one a page could have ended on: a sequence number written as
     * {@link Long#toString} writes it, or else a valid id or name, which is also what every
     * backend can compare (no NUL, no control character, at most 200 characters).
     */
    private static boolean validKey(PageCursor cursor, boolean numericKey) {
        if (cursor.time().isBefore(Times.MIN) || cursor.time().isAfter(Times.MAX)) {
            return false;
        }
        String key = cursor.key();
        if (numericKey) {
            try {
                return Long.toString(Long.parseLong(key)).equals(key);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return TextChecks.isName(key);
    }
}
