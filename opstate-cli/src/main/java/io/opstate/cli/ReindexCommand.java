package io.opstate.cli;

import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.MigrationMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code opstate reindex}: builds a store's search index again from its constructs and transcripts. */
@Command(name = "reindex", description = {
        "Builds a store's search index again from its constructs and transcript entries.",
        "For an index that was dropped, emptied or damaged. The store stays in use meanwhile: the",
        "index is rebuilt in small transactions, and searches may miss texts not yet reindexed.",
        "The schema must be current (it is validated, never migrated). Prints how many texts were",
        "indexed. Exit code 0 when done, 1 otherwise."})
final class ReindexCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "<url>",
            description = "The store, e.g. jdbc:sqlite:data/app.db or jdbc:postgresql://host/db?user=u&password=p")
    private String url;

    @Override
    public Integer call() {
        try (Datastore store = Stores.open(url, MigrationMode.VALIDATE)) {
            long texts = store.search().rebuildIndex();
            Health health = store.maintenance().health();
            spec.commandLine().getOut().printf("reindexed: %d texts (%s, %s)%n", texts, health.backend(),
                    health.detail());
            return 0;
        }
    }
}
