package io.opstate.jdbc.internal.resources;

import io.opstate.ConflictException;
import io.opstate.NotFoundException;
import io.opstate.core.ResourceKindRules;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.resources.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The kinds' rows: declared by inserting what is missing, narrowed by replacing them once no
 * resource uses a removed value, read whole inside a write that checks a resource against its kind.
 */
final class ResourceKinds {
    private final String lockShared;
    private final String lockExclusive;

    ResourceKinds(JdbcContext context) {
        String select = "SELECT initial_status FROM opstate_resource_kinds WHERE name = :name ";
        this.lockShared = select + context.dialect().sharedRowLockClause();
        this.lockExclusive = select + context.dialect().rowLockClause();
    }

    ResourceKind declare(Handle handle, ResourceKind kind, StoreTime.Stamp now) {
        now.bind(handle.createUpdate("INSERT INTO opstate_resource_kinds (name, initial_status, created_at)"
                        + " VALUES (:name, :initialStatus, <now>) ON CONFLICT (name) DO NOTHING"))
                .bind("name", kind.name())
                .bind("initialStatus", kind.initialStatus())
                .execute();
        insertValues(handle, kind);
        return read(handle, kind.name(), lockShared).orElseThrow();
    }

    ResourceKind narrow(Handle handle, ResourceKind kind) {
        read(handle, kind.name(), lockExclusive).orElseThrow(() -> new NotFoundException("resource kind", kind.name()));
        refuseIfUsed(handle, kind);
        handle.createUpdate("UPDATE opstate_resource_kinds SET initial_status = :initialStatus WHERE name = :name")
                .bind("name", kind.name()).bind("initialStatus", kind.initialStatus()).execute();
        handle.createUpdate("DELETE FROM opstate_resource_kind_statuses WHERE kind = :name")
                .bind("name", kind.name()).execute();
        handle.createUpdate("DELETE FROM opstate_resource_kind_labels WHERE kind = :name")
                .bind("name", kind.name()).execute();
        insertValues(handle, kind);
        return read(handle, kind.name(), lockShared).orElseThrow();
    }

    private static void refuseIfUsed(Handle handle, ResourceKind kind) {
        handle.createQuery("SELECT status, owner, name FROM opstate_resources WHERE kind = :kind"
                        + " AND status NOT IN (<statuses>) ORDER BY status LIMIT 1")
                .bind("kind", kind.name())
                .bindList("statuses", List.copyOf(kind.statuses()))
                .map((row, ctx) -> stillUsed(kind, "status " + row.getString("status"), row.getString("owner"),
                        row.getString("name")))
                .findOne()
                .ifPresent(conflict -> {
                    throw conflict;
                });
        kind.labelValues().forEach((key, values) -> handle.createQuery(
                        "SELECT l.value, r.owner, r.name FROM opstate_resource_labels l"
                                + " JOIN opstate_resources r ON r.id = l.resource_id"
                                + " WHERE l.kind = :kind AND l.label = :key AND l.value NOT IN (<values>)"
                                + " ORDER BY l.value LIMIT 1")
                .bind("kind", kind.name())
                .bind("key", key)
                .bindList("values", List.copyOf(values))
                .map((row, ctx) -> stillUsed(kind, "label " + key + "=" + row.getString("value"),
                        row.getString("owner"), row.getString("name")))
                .findOne()
                .ifPresent(conflict -> {
                    throw conflict;
                }));
    }

    private static ConflictException stillUsed(ResourceKind kind, String value, String owner, String name) {
        return new ConflictException("resource kind", kind.name(), "cannot remove " + value + ": resource "
                + ResourceKindRules.displayName(kind.name(), owner.isEmpty() ? null : owner, name) + " uses it");
    }

    private static void insertValues(Handle handle, ResourceKind kind) {
        var statuses = handle.prepareBatch("INSERT INTO opstate_resource_kind_statuses (kind, status)"
                + " VALUES (:kind, :status) ON CONFLICT (kind, status) DO NOTHING");
        kind.statuses().forEach(status -> statuses.bind("kind", kind.name()).bind("status", status).add());
        statuses.execute();
        if (!kind.labelValues().isEmpty()) {
            var labels = handle.prepareBatch("INSERT INTO opstate_resource_kind_labels (kind, label, value)"
                    + " VALUES (:kind, :label, :value) ON CONFLICT (kind, label, value) DO NOTHING");
            kind.labelValues().forEach((label, values) -> values.forEach(value ->
                    labels.bind("kind", kind.name()).bind("label", label).bind("value", value).add()));
            labels.execute();
        }
    }

    /** The kind, locked against narrowing until the transaction ends, or empty. */
    Optional<ResourceKind> lockForWrite(Handle handle, String name) {
        return read(handle, name, lockShared);
    }

    /** The kind without locking it, or empty. */
    Optional<ResourceKind> find(Handle handle, String name) {
        return read(handle, name, "SELECT initial_status FROM opstate_resource_kinds WHERE name = :name");
    }

    List<String> names(Handle handle) {
        return handle.createQuery("SELECT name FROM opstate_resource_kinds ORDER BY name").mapTo(String.class).list();
    }

    private Optional<ResourceKind> read(Handle handle, String name, String select) {
        Optional<String> initialStatus = handle.createQuery(select).bind("name", name).mapTo(String.class).findOne();
        if (initialStatus.isEmpty()) {
            return Optional.empty();
        }
        Set<String> statuses = new TreeSet<>(handle.createQuery(
                        "SELECT status FROM opstate_resource_kind_statuses WHERE kind = :name")
                .bind("name", name).mapTo(String.class).list());
        Map<String, Set<String>> labels = new TreeMap<>();
        handle.createQuery("SELECT label, value FROM opstate_resource_kind_labels WHERE kind = :name")
                .bind("name", name)
                .map((row, ctx) -> Map.entry(row.getString("label"), row.getString("value")))
                .forEach(entry -> labels.computeIfAbsent(entry.getKey(), k -> new TreeSet<>()).add(entry.getValue()));
        return Optional.of(new ResourceKind(name, initialStatus.get(), statuses, labels));
    }
}
