package io.opstate.cli;

import io.opstate.Datastore;
import io.opstate.MigrationMode;
import io.opstate.resources.LegacyJsonImport;
import io.opstate.resources.Resource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code opstate import-resources}: a one-time import of a directory of resource JSON files. */
@Command(name = "import-resources", description = {
        "Imports every *.json file of a directory as a resource of a declared kind, all in one",
        "transaction, then moves the files to the archive directory; a second run finds nothing.",
        "Each file is OpState's resource JSON form: {\"name\": ..., \"owner\": ..., \"spec\": {...},",
        "\"labels\": {...}} (name required). A bad file stops the import, naming the file and the",
        "problem: nothing is written and every file stays. The schema must be current.",
        "Exit code 0 when done, 1 otherwise."})
final class ImportResourcesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "<url>",
            description = "The store, e.g. jdbc:sqlite:data/app.db or jdbc:postgresql://host/db?user=u&password=p")
    private String url;

    @Option(names = "--kind", required = true, paramLabel = "<kind>", description = "The declared kind of every resource")
    private String kind;

    @Option(names = "--archive", required = true, paramLabel = "<dir>", description = "Where imported files go")
    private Path archive;

    @Parameters(index = "0", paramLabel = "<dir>", description = "The directory of JSON files")
    private Path directory;

    @Override
    public Integer call() {
        try (Datastore store = Stores.open(url, MigrationMode.VALIDATE)) {
            List<Resource> created = LegacyJsonImport.run(store, directory, archive,
                    (fileName, json) -> ResourceJsonForm.parse(kind, json));
            if (created.isEmpty()) {
                spec.commandLine().getOut().printf("nothing to import in %s%n", directory);
            } else {
                spec.commandLine().getOut().printf("imported %d resources of kind %s from %s; files moved to %s%n",
                        created.size(), kind, directory, archive);
            }
            return 0;
        }
    }
}
