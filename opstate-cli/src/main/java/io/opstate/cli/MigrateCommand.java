package io.opstate.cli;

import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.MigrationMode;
import io.opstate.SchemaNotCurrentException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code opstate migrate}: brings a store's schema up to date, lists what that would apply, or only checks. */
@Command(name = "migrate", description = {
        "Brings a store's schema up to date, or only checks that it is current.",
        "Applies the pending migrations (creating the store when missing), all in one transaction:",
        "a failure rolls back on PostgreSQL, and on SQLite restores the copy taken before migrating.",
        "With --dry-run, applies nothing and lists the migrations it would apply (exit code 0).",
        "With --mode validate, applies nothing and lists what is missing (exit code 1 if anything is).",
        "Prints the schema version. Exit code 0 when the schema is current, 1 when not.",
        "To undo a release, restore the backup taken before upgrading (docs/operations.md)."})
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

    @Option(names = "--dry-run", description = "Apply nothing: list the migrations that migrate would apply")
    private boolean dryRun;

    @Override
    public Integer call() {
        if (dryRun) {
            return dryRun();
        }
        try (Datastore store = Stores.open(url, MigrationMode.valueOf(mode.name()))) {
            Health health = store.maintenance().health();
            spec.commandLine().getOut().printf("%s: schema version %s (%s, %s)%n",
                    mode == Mode.MIGRATE ? "migrated" : "validated",
                    health.schemaVersion() == null ? "none" : health.schemaVersion(),
                    health.backend(), health.detail());
            return health.reachable() ? 0 : 1;
        }
    }

    /** Validates, and reports the pending migrations the refusal lists as the dry run's result. */
    private int dryRun() {
        PrintWriter out = spec.commandLine().getOut();
        try (Datastore store = Stores.open(url, MigrationMode.VALIDATE)) {
            Health health = store.maintenance().health();
            out.printf("dry run: schema version %s is current; nothing to apply (%s, %s)%n",
                    health.schemaVersion() == null ? "none" : health.schemaVersion(), health.backend(), health.detail());
        } catch (SchemaNotCurrentException notCurrent) {
            out.printf("dry run: %d migration(s) would be applied, in this order:%n", notCurrent.pending().size());
            notCurrent.pending().forEach(migration -> out.printf("  %s%n", migration));
        }
        return 0;
    }
}
