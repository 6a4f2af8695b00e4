package io.opstate.examples.llamactl;

import io.opstate.resources.LegacyJsonImport;
import io.opstate.resources.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * llamactl's one-time migration ({@code migrateFromJSON}): the instance files of its JSON era,
 * one {@code <name>.json} per instance in the instances directory, become instances in the
 * store, all in one transaction; then the files move to {@code json_archive/} there, so the next
 * start finds nothing to do. A file that cannot be read, is not an instance, or names an instance
 * twice stops the migration with {@link io.opstate.resources.ImportFileException} naming the file:
 * nothing is stored, no file moves, and llamactl does not start.
 *
 * <p>Each instance keeps its file's {@code status}, so the manager restarts the ones that were
 * running; its creation time is the import's, the file's {@code created} is not kept (see
 * docs/hosts/llamactl.md).
 */
public final class JsonMigration {
    /** Where the imported files go, inside the instances directory. */
    public static final String ARCHIVE = "json_archive";

    private JsonMigration() {
    }

    /**
     * Migrates the files of {@code instancesDir}, if it exists.
     *
     * @return the instances created, in file-name order; empty when there was nothing to migrate
     */
    public static List<Instance> migrateFromJson(OpStateDatabase database, Path instancesDir) {
        if (!Files.isDirectory(instancesDir)) {
            return List.of();
        }
        List<Resource> created = LegacyJsonImport.run(database.store(), instancesDir, instancesDir.resolve(ARCHIVE),
                (fileName, json) -> OpStateDatabase.resourceOf(InstanceSpec.readLegacyFile(json)),
                (fileName, json) -> InstanceSpec.readLegacyFile(json).status().wire());
        return created.stream().map(OpStateDatabase::instanceOf).toList();
    }
}
