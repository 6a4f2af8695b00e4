package io.opstate.jdbc.internal;

import io.opstate.imports.RecordKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link io.opstate.imports.RecordImport#storedVersions}: one {@code SELECT key, version ... WHERE
 * key IN (...)} on the table of the kind, by its primary key, in the thread's transaction if there
 * is one. Keys arrive checked, unique and at most a batch. Thread-safe.
 */
final class StoredVersions {
    private final JdbcContext context;

    StoredVersions(JdbcContext context) {
        this.context = context;
    }

    Map<String, Long> of(RecordKind kind, List<String> keys) {
        if (kind == RecordKind.HISTORY_EVENT) {
            return historyEvents(keys);
        }
        if (keys.isEmpty()) {
            return Map.of();
        }
        String sql = switch (kind) {
            case JOB -> "SELECT id, version FROM opstate_jobs WHERE id IN (<keys>)";
            case PIPELINE -> "SELECT name, version FROM opstate_pipelines WHERE name IN (<keys>)";
            case SCHEDULE -> "SELECT id, version FROM opstate_schedules WHERE id IN (<keys>)";
            case EXECUTION -> "SELECT id, version FROM opstate_executions WHERE id IN (<keys>)";
            case CONSTRUCT -> "SELECT id, version FROM opstate_constructs WHERE id IN (<keys>)";
            case SESSION -> "SELECT id, version FROM opstate_sessions WHERE id IN (<keys>)";
            case HISTORY_EVENT -> throw new IllegalStateException("history events are looked up by number");
        };
        return context.database().read(ErrorContext.NONE, handle -> {
            Map<String, Long> found = new HashMap<>();
            handle.createQuery(sql).bindList("keys", keys)
                    .map((row, ignored) -> Map.entry(row.getString(1), row.getLong(2)))
                    .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
            return found;
        });
    }

    /** History ids are numbers: a key that is not the decimal form of one names no event. */
    private Map<String, Long> historyEvents(List<String> keys) {
        List<Long> ids = new ArrayList<>(keys.size());
        for (String key : keys) {
            try {
                long id = Long.parseLong(key);
                if (id > 0 && Long.toString(id).equals(key)) {
                    ids.add(id);
                }
            } catch (NumberFormatException e) {
                // not a number: no event has it
            }
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        return context.database().read(ErrorContext.NONE, handle -> {
            Map<String, Long> found = new HashMap<>();
            handle.createQuery("SELECT id FROM opstate_history WHERE id IN (<ids>)").bindList("ids", ids)
                    .mapTo(Long.class)
                    .forEach(id -> found.put(Long.toString(id), 1L));
            return found;
        });
    }
}
