package io.opstate.jdbc.internal.resources;

import io.opstate.DuplicateKeyException;
import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.core.ImportRules;
import io.opstate.core.ResourceKindRules;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceChange;
import io.opstate.resources.ResourceKind;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Writes resource kinds and resources as they were ({@link io.opstate.imports.RecordImport}): each
 * resource checked against its stored kind as a create or transition checks it, its labels
 * indexed, its change appended to the feed under the feed's lock. Runs inside a write of
 * {@link JdbcResourceRepository}, which wakes the feed's followers. Records arrive checked and
 * normalised. Thread-safe.
 */
final class ResourceImport {
    private final ResourceKinds kinds;
    private final ResourceFeed feed;
    private final String insert;
    private final String replace;

    ResourceImport(JdbcContext context, ResourceKinds kinds, ResourceFeed feed) {
        this.kinds = kinds;
        this.feed = feed;
        this.insert = "INSERT INTO opstate_resources (id, kind, name, owner, spec, status, status_detail, labels,"
                + " created_at, updated_at, version) VALUES (:id, :kind, :name, :owner, " + context.json("spec")
                + ", :status, " + context.json("statusDetail") + ", " + context.json("labels")
                + ", :createdAt, :updatedAt, :version)";
        this.replace = "UPDATE opstate_resources SET name = :name, owner = :owner, spec = " + context.json("spec")
                + ", status = :status, status_detail = " + context.json("statusDetail") + ", labels = "
                + context.json("labels") + ", created_at = :createdAt, updated_at = :updatedAt, version = :version"
                + " WHERE id = :id";
    }

    /** Declares each kind, which must not be declared yet. */
    List<ResourceKind> importKinds(Handle handle, List<ResourceKind> batch, StoreTime.Stamp now) {
        for (ResourceKind kind : batch) {
            if (kinds.find(handle, kind.name()).isPresent()) {
                throw new DuplicateKeyException("resource kind", kind.name());
            }
            kinds.declare(handle, kind, now);
        }
        return batch;
    }

    List<Resource> importResources(Handle handle, List<Resource> batch, StoreTime.Stamp now) {
        feed.lock(handle);
        for (int i = 0; i < batch.size(); i++) {
            Resource resource = batch.get(i);
            fits(handle, i, resource);
            if (exists(handle, resource.id())) {
                throw new DuplicateKeyException("resource", resource.id());
            }
            if (holder(handle, resource).isPresent()) {
                throw new DuplicateKeyException("resource", ResourceKindRules.displayName(resource.kind(),
                        resource.owner(), resource.name()));
            }
            bind(handle.createUpdate(insert), resource).bind("kind", resource.kind()).execute();
            JdbcResourceRepository.replaceLabels(handle, resource, false);
            feed.append(handle, ResourceChange.Type.CREATED, resource, now);
        }
        return batch;
    }

    /** Each resource keeps its kind; its name must be free in the kind apart from itself. */
    List<Resource> replaceResources(Handle handle, List<Resource> batch, StoreTime.Stamp now) {
        feed.lock(handle);
        for (int i = 0; i < batch.size(); i++) {
            Resource resource = batch.get(i);
            Optional<String> storedKind = handle.createQuery("SELECT kind FROM opstate_resources WHERE id = :id")
                    .bind("id", resource.id()).mapTo(String.class).findOne();
            if (storedKind.isEmpty()) {
                throw new NotFoundException("resource", resource.id());
            }
            ImportRules.resourceKeepsKind(i, storedKind.get(), resource.kind());
            fits(handle, i, resource);
            Optional<String> holder = holder(handle, resource);
            if (holder.isPresent() && !holder.get().equals(resource.id())) {
                throw new DuplicateKeyException("resource", ResourceKindRules.displayName(resource.kind(),
                        resource.owner(), resource.name()));
            }
            bind(handle.createUpdate(replace), resource).execute();
            JdbcResourceRepository.replaceLabels(handle, resource, true);
            feed.append(handle, ResourceChange.Type.UPDATED, resource, now);
        }
        return batch;
    }

    /** The resource fits its stored kind, held against narrowing; refusals name the batch's record. */
    private void fits(Handle handle, int index, Resource resource) {
        try {
            ResourceKind kind = ResourceKindRules.declared(resource.kind(), kinds.lockForWrite(handle, resource.kind()));
            ResourceKindRules.checkStatus(kind, resource.status());
            ResourceKindRules.checkLabels(kind, resource.labels());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("resources[" + index + "]." + e.field(), e.problem(), e);
        }
    }

    private static org.jdbi.v3.core.statement.Update bind(org.jdbi.v3.core.statement.Update update, Resource resource) {
        return update.bind("id", resource.id())
                .bind("name", resource.name())
                .bind("owner", resource.owner() == null ? "" : resource.owner())
                .bind("spec", resource.spec())
                .bind("status", resource.status())
                .bind("statusDetail", resource.statusDetail())
                .bind("labels", LabelsJson.write(resource.labels()))
                .bind("createdAt", resource.createdAt())
                .bind("updatedAt", resource.updatedAt())
                .bind("version", resource.version());
    }

    private static boolean exists(Handle handle, String id) {
        return handle.createQuery("SELECT 1 FROM opstate_resources WHERE id = :id").bind("id", id)
                .mapTo(Integer.class).findOne().isPresent();
    }

    /** The id of the resource holding the record's kind, owner and name, if any. */
    private static Optional<String> holder(Handle handle, Resource resource) {
        return handle.createQuery("SELECT id FROM opstate_resources WHERE kind = :kind AND owner = :owner"
                        + " AND name = :name")
                .bind("kind", resource.kind())
                .bind("owner", resource.owner() == null ? "" : resource.owner())
                .bind("name", resource.name())
                .mapTo(String.class).findOne();
    }
}
