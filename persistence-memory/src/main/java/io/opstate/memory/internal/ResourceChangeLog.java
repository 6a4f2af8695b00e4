package io.opstate.memory.internal;

import io.opstate.resources.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The resource change feed by position, kept in step with its table (so a rollback takes its positions back). */
final class ResourceChangeLog implements TableIndex<ResourceChange> {
    private final TreeMap<Long, ResourceChange> byPosition = new TreeMap<>();

    /** The position the next change takes: one past the last, so committed positions have no gaps. */
    long nextPosition() {
        return byPosition.isEmpty() ? 1 : byPosition.lastKey() + 1;
    }

    List<ResourceChange> since(long position, int limit) {
        List<ResourceChange> changes = new ArrayList<>();
        for (ResourceChange change : byPosition.tailMap(position, false).values()) {
            if (changes.size() == limit) {
                break;
            }
            changes.add(change);
        }
        return changes;
    }

    @Override
    public void changed(ResourceChange before, ResourceChange after) {
        if (before != null) {
            byPosition.remove(before.position());
        }
        if (after != null) {
            byPosition.put(after.position(), after);
        }
    }
}
