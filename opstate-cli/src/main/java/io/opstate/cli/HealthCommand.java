package io.opstate.cli;

import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.MigrationMode;
import io.opstate.StorageCorruptedException;
import io.opstate.StorageUnavailableException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code opstate health}: opens a store without touching its schema and prints its health. */
@Command(name = "health", description = {
        "Checks that a store answers and prints its health.",
        "Prints the backend, schema version, size and location; touches nothing (migration mode NONE).",
        "Exit code 0 when reachable, 1 when not."})
final class HealthCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "<url>",
            description = "The store, e.g. jdbc:sqlite:data/app.db or jdbc:postgresql://host/db?user=u&password=p")
    private String url;

    @Override
    public Integer call() {
        Health health;
        try (Datastore store = Stores.open(url, MigrationMode.NONE)) {
            health = store.maintenance().health();
        } catch (StorageUnavailableException | StorageCorruptedException e) {
            health = new Health(Stores.backendFor(url), false, null, null, e.getMessage());
        }
        Stores.print(health, spec.commandLine().getOut());
        return health.reachable() ? 0 : 1;
    }
}
