package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.constructs.TimelineEvent;
import io.opstate.constructs.TimelineKind;
import java.time.Instant;
import java.util.Comparator;

/**
 * Where an event stands in a construct's timeline: the sort key every backend orders by (time,
 * kind, session id or "" for a history event, then the entry's sequence number or the history
 * event's id), and the page cursor made of it. The cursor's key is
 * {@code <kind ordinal>:<number>:<session id>}, the id last because it may hold a colon.
 *
 * @param at the event's time
 * @param kind its kind
 * @param sessionId the session's id, or "" for a history event
 * @param number the entry's sequence number, the history event's id, or 0 for a session event
 */
public record TimelinePosition(Instant at, TimelineKind kind, String sessionId, long number) {
    /** The timeline's order, oldest first. */
    public static final Comparator<TimelinePosition> ORDER = Comparator.comparing(TimelinePosition::at)
            .thenComparing(TimelinePosition::kind)
            .thenComparing(TimelinePosition::sessionId, StoreOrder::compareCodePoints)
            .thenComparingLong(TimelinePosition::number);

    private static final TimelineKind[] KINDS = TimelineKind.values();

    /** The position of {@code event}. */
    public static TimelinePosition of(TimelineEvent event) {
        boolean history = event.kind() == TimelineKind.HISTORY_EVENT;
        return new TimelinePosition(event.at(), event.kind(), history ? "" : event.sessionId(),
                history ? event.historyEventId() : event.sequence());
    }

    /** The cursor of a page ending at this position. */
    public String encode() {
        return PageCursor.encode(at, kind.ordinal() + ":" + number + ":" + sessionId);
    }

    /**
     * The position a cursor names, or null for none (the first page). Use on cursors
     * {@link #validKey} accepted.
     */
    public static TimelinePosition decode(String token) {
        PageCursor cursor = PageCursor.decode(token);
        if (cursor == null) {
            return null;
        }
        String[] parts = cursor.key().split(":", 3);
        if (parts.length != 3 || !validKey(cursor.key())) {
            throw new InvalidInputException("cursor", "is not a cursor returned by a previous page");
        }
        return new TimelinePosition(cursor.time(), KINDS[Integer.parseInt(parts[0])], parts[2], Long.parseLong(parts[1]));
    }

    /**
     * Whether a cursor key is one a timeline page could have ended on: a kind, a number written as
     * {@link Long#toString} writes it and not negative, and a session id that is a valid name (""
     * for a history event, which has none).
     */
    public static boolean validKey(String key) {
        String[] parts = key.split(":", 3);
        if (parts.length != 3 || !canonical(parts[0]) || !canonical(parts[1])) {
            return false;
        }
        long kind = Long.parseLong(parts[0]);
        if (kind >= KINDS.length) {
            return false;
        }
        boolean history = KINDS[(int) kind] == TimelineKind.HISTORY_EVENT;
        return history ? parts[2].isEmpty() : TextChecks.isName(parts[2]);
    }

    /** A number at least 0, written as {@link Long#toString} writes it. */
    private static boolean canonical(String number) {
        try {
            long value = Long.parseLong(number);
            return value >= 0 && Long.toString(value).equals(number);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
