package io.opstate.core.archives;

import java.util.HashMap;
import java.util.Map;

/**
 * The fresh keys an import under {@code COPY_AS_NEW} gave records whose keys the store held, per
 * entity, so later records' references to them are rewritten. Holds only the copied keys.
 */
final class KeyMap {
    private final Map<String, Map<String, String>> byEntity = new HashMap<>();

    void put(String entity, String archived, String fresh) {
        byEntity.computeIfAbsent(entity, e -> new HashMap<>()).put(archived, fresh);
    }

    /** The fresh key of {@code archived}, or {@code archived} itself when it was not copied; null stays null. */
    String get(String entity, String archived) {
        if (archived == null) {
            return null;
        }
        return byEntity.getOrDefault(entity, Map.of()).getOrDefault(archived, archived);
    }
}
