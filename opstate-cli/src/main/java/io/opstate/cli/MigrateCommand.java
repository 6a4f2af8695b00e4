package io.opstate.cli;

import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.MigrationMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code opstate migrate}: brings a store's schema up to date, or only checks that it is. */
@Command(name = "migrate", description = {
        "Brings a store's schema up to date, or only checks that it is current.",
        "Applies the pending migrations (creating the store when missing), or with --mode validate",
        "applies nothing and lists what is missing. Prints the schema version.",
        "Exit code 0 when the schema is current, 1 when not."})
final class MigrateCommand implements Callable<Integer> {
    /** What to do with the schema. */
    enum Mode {
        MIGRATE, VALIDATE
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "<url>",
            description = "The store, e.g. jdbc:sqlite:data/app.db or jdbc:postgresql://host/db?user=u&password=p")
    private String url;

    @Option(names = "--mode", defaultValue = "migrate", paramLabel = "migrate|validate",
            description = "migrate (default): apply pending migrations; validate: apply nothing, only check")
    private Mode mode;

    @Override
    public Integer call() {
        try (Datastore store = Stores.open(url, MigrationMode.valueOf(mode.name()))) {
            Health health = store.maintenance().health();
            spec.commandLine().getOut().printf("%s: schema version %s (%s, %s)%n",
                    mode == Mode.MIGRATE ? "migrated" : "validated",
                    health.schemaVersion() == null ? "none" : health.schemaVersion(),
                    health.backend(), health.detail());
            return health.reachable() ? 0 : 1;
        }
    }
}
