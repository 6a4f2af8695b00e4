package io.opstate.jdbc.internal.resources;

import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceChange;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The change feed's rows. A write appends its change after locking the feed's one lock row, held
 * to its commit, and takes the next position after the highest committed one; so positions follow
 * commit order on every backend (see the V11 migration for why a sequence would not).
 */
final class ResourceFeed {
    private final String lock;
    private final ColumnReader columns;

    ResourceFeed(JdbcContext context) {
        String notice = context.dialect().feedNotice();
        this.lock = "SELECT id" + (notice == null ? "" : ", " + notice) + " FROM opstate_resource_feed WHERE id = 1 "
                + context.dialect().rowLockClause();
        this.columns = new ColumnReader(context.dialect(), "opstate_resource_changes", "position");
    }

    /**
     * Takes the feed's lock until the transaction ends. A write calls this before it touches any
     * resource row, so that transactions writing several resources cannot deadlock on it. Where
     * the dialect has one, the same statement posts the notice that wakes followers of other
     * processes at commit ({@link io.opstate.jdbc.SqlDialect#feedNotice}): no extra round trip.
     */
    void lock(Handle handle) {
        handle.createQuery(lock).mapTo(Integer.class).one();
    }

    /** Appends the change; the caller holds the lock ({@link #lock}). */
    void append(Handle handle, ResourceChange.Type type, Resource resource, StoreTime.Stamp now) {
        now.bind(handle.createUpdate("INSERT INTO opstate_resource_changes"
                        + " (position, type, resource_id, kind, name, owner, version, changed_at)"
                        + " SELECT COALESCE(MAX(position), 0) + 1, :type, :id, :kind, :name, :owner, :version, <now>"
                        + " FROM opstate_resource_changes"))
                .bind("type", type.name())
                .bind("id", resource.id())
                .bind("kind", resource.kind())
                .bind("name", resource.name())
                .bind("owner", resource.owner() == null ? "" : resource.owner())
                .bind("version", resource.version())
                .execute();
    }

    List<ResourceChange> since(Handle handle, long position, int limit) {
        return handle.createQuery("SELECT position, type, resource_id, kind, name, owner, version, changed_at"
                        + " FROM opstate_resource_changes WHERE position > :position ORDER BY position LIMIT :limit")
                .bind("position", position)
                .bind("limit", limit)
                .map((row, ctx) -> {
                    String owner = row.getString("owner");
                    return new ResourceChange(row.getLong("position"), ResourceChange.Type.valueOf(row.getString("type")),
                            row.getString("resource_id"), row.getString("kind"), row.getString("name"),
                            owner.isEmpty() ? null : owner, row.getLong("version"), columns.time(row, "changed_at"));
                })
                .list();
    }
}
