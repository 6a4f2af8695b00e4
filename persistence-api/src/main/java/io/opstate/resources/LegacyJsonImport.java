package io.opstate.resources;

import io.opstate.Datastore;
import io.opstate.PersistenceException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A one-time import of legacy JSON files (seed 001's instance files) as resources: every
 * {@code *.json} file directly in a directory, mapped by the host from its text to a new
 * resource, created all together in one transaction; then the files move to an archive
 * directory, so a second run finds nothing to do. A file that cannot be read or mapped, or whose
 * resource the store refuses (undeclared kind, duplicate name, bad field...), stops the import
 * with {@link ImportFileException} naming the file and the problem: no resource is written and
 * every file stays where it was. Files are taken in name order. A resource starts in its kind's
 * initial status, or in the status the host reads from its file ({@link StatusMapping}), so an
 * instance that was running is still known to have been.
 *
 * <p>If moving the files fails after the commit, the resources are stored and the files not yet
 * moved are still in the directory; a second run then stops on them as duplicates: move them by
 * hand.
 */
public final class LegacyJsonImport {
    private LegacyJsonImport() {
    }

    /** Turns one file's JSON text into the resource to create. Throw to refuse the file. */
    @FunctionalInterface
    public interface Mapping {
        NewResource toResource(String fileName, String json) throws Exception;
    }

    /**
     * Reads the status one file's resource had, for {@link #run(Datastore, Path, Path, Mapping, StatusMapping)}.
     * Throw to refuse the file.
     */
    @FunctionalInterface
    public interface StatusMapping {
        /** The status, one of the kind's; null for the kind's initial status. */
        String statusOf(String fileName, String json) throws Exception;
    }

    /**
     * Imports the directory's JSON files, every resource in its kind's initial status.
     *
     * @param archive where the imported files go (created when missing); must not be {@code directory}
     * @return the resources created, in file-name order; empty when there was nothing to import
     * @throws ImportFileException naming the first bad file; nothing written, nothing moved
     * @throws io.opstate.InvalidInputException naming a null argument, a directory that is not one,
     *     or an archive that is the directory
     * @throws PersistenceException when the directory cannot be listed or a file cannot be moved
     */
    public static List<Resource> run(Datastore store, Path directory, Path archive, Mapping mapping) {
        return run(store, directory, archive, mapping, (fileName, json) -> null);
    }

    /**
     * Imports the directory's JSON files, each resource in the status {@code statuses} reads from
     * its file: created in the kind's initial status, then moved to that one in the same
     * transaction (so the change feed has a creation and an update for it). A status the kind does
     * not allow stops the import naming the file, as any refused resource does.
     *
     * @return the resources created, in file-name order, each in its file's status
     * @throws ImportFileException naming the first bad file; nothing written, nothing moved
     * @throws io.opstate.InvalidInputException naming a null argument ({@code statuses} included),
     *     a directory that is not one, or an archive that is the directory
     * @throws PersistenceException when the directory cannot be listed or a file cannot be moved
     */
    public static List<Resource> run(Datastore store, Path directory, Path archive, Mapping mapping,
                                     StatusMapping statuses) {
        required("store", store);
        required("directory", directory);
        required("archive", archive);
        required("mapping", mapping);
        required("statuses", statuses);
        if (!Files.isDirectory(directory)) {
            throw new io.opstate.InvalidInputException("directory", "is not a directory: " + directory);
        }
        if (directory.toAbsolutePath().normalize().equals(archive.toAbsolutePath().normalize())) {
            throw new io.opstate.InvalidInputException("archive", "must not be the imported directory");
        }
        List<Path> files = jsonFiles(directory);
        if (files.isEmpty()) {
            return List.of();
        }
        List<NewResource> resources = new ArrayList<>();
        List<String> fileStatuses = new ArrayList<>();
        for (Path file : files) {
            String text = text(file);
            resources.add(mapped(file, text, mapping));
            fileStatuses.add(status(file, text, statuses));
        }
        List<Resource> created = store.inTransaction(tx -> {
            List<Resource> made = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                try {
                    Resource resource = tx.resources().create(resources.get(i));
                    String status = fileStatuses.get(i);
                    if (status != null && !status.equals(resource.status())) {
                        resource = tx.resources().transition(resource.id(), resource.version(), status, null);
                    }
                    made.add(resource);
                } catch (PersistenceException e) {
                    throw new ImportFileException(name(files.get(i)), e.getMessage(), e);
                }
            }
            return made;
        });
        archive(files, archive);
        return created;
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new io.opstate.InvalidInputException(field, "is required");
        }
    }

    private static List<Path> jsonFiles(Path directory) {
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.filter(file -> name(file).endsWith(".json") && Files.isRegularFile(file)).sorted().toList();
        } catch (IOException e) {
            throw new PersistenceException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static String text(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ImportFileException(name(file), "is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ImportFileException(name(file), "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String status(Path file, String text, StatusMapping statuses) {
        try {
            return statuses.statusOf(name(file), text);
        } catch (Exception e) {
            throw new ImportFileException(name(file), "refused by the status mapping: " + e.getMessage(), e);
        }
    }

    private static NewResource mapped(Path file, String text, Mapping mapping) {
        NewResource resource;
        try {
            resource = mapping.toResource(name(file), text);
        } catch (Exception e) {
            throw new ImportFileException(name(file), "refused by the mapping: " + e.getMessage(), e);
        }
        if (resource == null) {
            throw new ImportFileException(name(file), "the mapping returned no resource", null);
        }
        return resource;
    }

    private static void archive(List<Path> files, Path archive) {
        try {
            Files.createDirectories(archive);
            for (Path file : files) {
                Files.move(file, archive.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new PersistenceException("imported, but cannot move the files to " + archive + ": " + e.getMessage(), e);
        }
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
