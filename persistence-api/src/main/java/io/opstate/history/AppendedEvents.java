package io.opstate.history;

import java.util.List;
import java.util.Objects;

/**
 * One read of the history log by a follower ({@link HistoryRepository#appendedAfter}).
 *
 * @param events the events, in follow order; empty when nothing new has settled
 * @param position where to continue from: after the last of {@code events}, or the position
 *     asked for when there are none
 */
public record AppendedEvents(List<HistoryEvent> events, HistoryPosition position) {
    public AppendedEvents {
        events = List.copyOf(events);
        Objects.requireNonNull(position, "position");
    }
}
