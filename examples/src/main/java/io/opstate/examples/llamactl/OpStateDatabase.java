package io.opstate.examples.llamactl;

import io.opstate.Datastore;
import io.opstate.NotFoundException;
import io.opstate.SortOrder;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceQuery;
import io.opstate.resources.ResourceRepository;
import java.util.List;
import java.util.Optional;

/**
 * llamactl's {@link Database} on OpState: every instance is a resource of kind {@value #KIND}, whose
 * declared statuses and restricted {@code backend_type} label stand for the table's CHECK
 * constraints. The options are the spec ({@link InstanceSpec}); {@code owner_user_id} is a label, so
 * names stay unique across all users as the table's UNIQUE name is. Created and updated times,
 * versions and the change feed are the store's. Thread-safe.
 */
public final class OpStateDatabase implements Database {
    /** The resource kind of instances. */
    public static final String KIND = "llamactl.instance";
    static final String BACKEND_TYPE = "backend_type";
    static final String OWNER_USER_ID = "owner_user_id";

    /** The kind declared at start-up: idempotent, and never narrows what a newer llamactl declared. */
    public static final ResourceKind INSTANCE_KIND = ResourceKind.of(KIND, InstanceStatus.STOPPED.wire(),
            InstanceStatus.otherWires()).withLabelValues(BACKEND_TYPE, BackendType.wires());

    private final Datastore store;

    private OpStateDatabase(Datastore store) {
        this.store = store;
    }

    /** The database on {@code store}, which it now owns and closes; declares the instance kind. */
    public static OpStateDatabase open(Datastore store) {
        store.resources().declareKind(INSTANCE_KIND);
        return new OpStateDatabase(store);
    }

    /** The store underneath, for the one-time JSON import and for health checks. */
    public Datastore store() {
        return store;
    }

    @Override
    public void save(Instance instance) {
        store.useTransaction(tx -> {
            Resource saved = tx.resources().save(resourceOf(instance));
            if (!saved.status().equals(instance.status().wire())) {
                tx.resources().transition(saved.id(), saved.version(), instance.status().wire(), null);
            }
        });
    }

    @Override
    public void delete(String name) {
        store.useTransaction(tx -> {
            ResourceRepository resources = tx.resources();
            Resource found = resources.findByName(KIND, null, name).orElseThrow(() -> new NotFoundException("instance", name));
            resources.delete(found.id());
        });
    }

    @Override
    public List<Instance> loadAll() {
        try (var all = store.resources().stream(ResourceQuery.of(KIND), SortOrder.OLDEST_FIRST)) {
            return all.map(OpStateDatabase::instanceOf).toList();
        }
    }

    @Override
    public Optional<Instance> getByName(String name) {
        return store.resources().findByName(KIND, null, name).map(OpStateDatabase::instanceOf);
    }

    @Override
    public void close() {
        store.close();
    }

    /** The resource an instance is saved as; its status is set apart, by a transition. */
    static NewResource resourceOf(Instance instance) {
        NewResource resource = NewResource.of(KIND, instance.name())
                .withSpec(InstanceSpec.write(instance.options()))
                .withLabel(BACKEND_TYPE, instance.options().backendType().wire());
        return instance.ownerUserId() == null ? resource : resource.withLabel(OWNER_USER_ID, instance.ownerUserId());
    }

    static Instance instanceOf(Resource resource) {
        BackendType backendType = BackendType.fromWire(resource.labels().get(BACKEND_TYPE));
        return new Instance(resource.name(), InstanceStatus.fromWire(resource.status()),
                InstanceSpec.read(backendType, resource.spec()), resource.labels().get(OWNER_USER_ID),
                resource.createdAt(), resource.updatedAt());
    }
}
