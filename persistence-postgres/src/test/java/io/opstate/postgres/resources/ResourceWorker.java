package io.opstate.postgres.resources;

import io.opstate.Datastore;
import io.opstate.DuplicateKeyException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;

/**
 * A process for {@link MultiProcessResourceTest}: declares the kind as a host does at start-up,
 * waits for the common start instant, then creates or saves resources {@code r-0..r-<count-1>},
 * printing one line per call: {@code <name> created|conflict} or {@code <name> <version>}.
 * Arguments: URL, schema, create|save, count, this writer's name, start instant (epoch millis).
 */
public final class ResourceWorker {
    static final ResourceKind KIND = ResourceKind.of("instance", "stopped", "running");

    private ResourceWorker() {
    }

    public static void main(String[] args) throws Exception {
        PersistenceConfig config = PersistenceConfig.builder(args[0]).schema(args[1]).build();
        int count = Integer.parseInt(args[3]);
        String writer = args[4];
        try (Datastore store = Persistence.open(config)) {
            store.resources().declareKind(KIND);
            long wait = Long.parseLong(args[5]) - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < count; i++) {
                String name = "r-" + i;
                if (args[2].equals("create")) {
                    try {
                        store.resources().create(NewResource.of("instance", name).withLabel("writer", writer));
                        out.append(name).append(" created\n");
                    } catch (DuplicateKeyException e) {
                        out.append(name).append(" conflict\n");
                    }
                } else {
                    Resource saved = store.resources().save(NewResource.of("instance", name)
                            .withSpec("{\"writer\": \"" + writer + "\"}").withLabel("writer", writer));
                    out.append(name).append(' ').append(saved.version()).append('\n');
                }
            }
            System.out.print(out);
        }
    }
}
