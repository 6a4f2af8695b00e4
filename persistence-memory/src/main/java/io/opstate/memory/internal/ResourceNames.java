package io.opstate.memory.internal;

import io.opstate.resources.Resource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The id of each resource by kind, owner and name: the SQL backends' unique key, for lookups by name. */
final class ResourceNames implements TableIndex<Resource> {
    private final Map<List<String>, String> ids = new HashMap<>();

    static List<String> key(String kind, String owner, String name) {
        return Arrays.asList(kind, owner, name);
    }

    String idOf(String kind, String owner, String name) {
        return ids.get(key(kind, owner, name));
    }

    @Override
    public void changed(Resource before, Resource after) {
        if (before != null) {
            ids.remove(key(before.kind(), before.owner(), before.name()));
        }
        if (after != null) {
            ids.put(key(after.kind(), after.owner(), after.name()), after.id());
        }
    }
}
