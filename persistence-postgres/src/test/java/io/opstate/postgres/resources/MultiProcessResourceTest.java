package io.opstate.postgres.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.ChildProcesses;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceQuery;
import io.opstate.tck.StoreSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes writing the same resource names at the same moment: creates give one resource and
 * typed conflicts; saves give one row per name, each save whole, the last save's values kept.
 */
class MultiProcessResourceTest {
    private static final int PROCESSES = 3;
    private static final int NAMES = 300;

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @TempDir
    Path folder;

    @Test
    @Timeout(5 * 60)
    void concurrentCreatesOneWinsOthersConflict() throws Exception {
        String schema = DATABASE.newSchema();
        try (Datastore store = open(schema)) {
            Map<String, Integer> created = new HashMap<>();
            int conflicts = 0;
            try (ChildProcesses children = run("create", schema)) {
                for (int p = 0; p < PROCESSES; p++) {
                    for (String line : children.output(p)) {
                        String[] parts = line.split(" ");
                        if (parts[1].equals("created")) {
                            created.merge(parts[0], 1, Integer::sum);
                        } else {
                            assertThat(parts[1]).isEqualTo("conflict");
                            conflicts++;
                        }
                    }
                }
            }
            assertThat(created).hasSize(NAMES).allSatisfy((name, times) -> assertThat(times).isEqualTo(1));
            assertThat(conflicts).isEqualTo(NAMES * (PROCESSES - 1));
            assertThat(all(store)).hasSize(NAMES);
        }
    }

    @Test
    @Timeout(5 * 60)
    void concurrentSavesOneRowEachWholeLastWins() throws Exception {
        String schema = DATABASE.newSchema();
        try (Datastore store = open(schema)) {
            Map<String, String> lastWriter = new HashMap<>();
            try (ChildProcesses children = run("save", schema)) {
                for (int p = 0; p < PROCESSES; p++) {
                    for (String line : children.output(p)) {
                        String[] parts = line.split(" ");
                        if (Integer.parseInt(parts[1]) == PROCESSES) {
                            assertThat(lastWriter.put(parts[0], "w" + p)).as("two saves returned the last version")
                                    .isNull();
                        }
                    }
                }
            }
            List<Resource> rows = all(store);
            assertThat(rows).hasSize(NAMES);
            assertThat(lastWriter).hasSize(NAMES);
            for (Resource row : rows) {
                String writer = row.labels().get("writer");
                assertThat(row.version()).isEqualTo(PROCESSES);
                assertThat(row.spec()).as("spec and labels of one save").contains("\"" + writer + "\"");
                assertThat(writer).as("the save that returned the last version").isEqualTo(lastWriter.get(row.name()));
            }
        }
    }

    private Datastore open(String schema) {
        return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema).build());
    }

    private ChildProcesses run(String mode, String schema) throws Exception {
        ChildProcesses children = new ChildProcesses(folder);
        try {
            // A common start instant well after the JVMs have started, so that the writes overlap.
            String start = Long.toString(System.currentTimeMillis() + 8_000);
            for (int p = 0; p < PROCESSES; p++) {
                children.start(ResourceWorker.class, PostgresTestDatabase.url(), schema, mode, Integer.toString(NAMES),
                        "w" + p, start);
            }
            children.awaitSuccess(Duration.ofMinutes(4));
            return children;
        } catch (Exception | Error e) {
            children.close();
            throw e;
        }
    }

    private static List<Resource> all(Datastore store) {
        return StoreSnapshot.readAll(page -> store.resources().list(ResourceQuery.of("instance"), page));
    }
}
