package io.opstate;

import io.opstate.internal.UserText;
import io.opstate.operations.BackupReport;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.ProgressListener;
import io.opstate.operations.RestoreReport;
import io.opstate.spi.DatastoreProvider;
import io.opstate.spi.Urls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Entry point: opens a {@link Datastore} with the backend that handles the URL. Backends are
 * found on the classpath through {@link ServiceLoader}: adding {@code io.opstate:persistence-sqlite}
 * or {@code io.opstate:persistence-postgres} is all it takes to switch.
 *
 * <p>Selection: the backend named by {@link PersistenceConfig#backend()} if set; otherwise the
 * one provider that accepts the URL, the highest {@link DatastoreProvider#priority()} winning.
 * Two at the same priority, or none, is a {@link BackendNotFoundException}; so is a selected
 * provider built for another API level than {@link DatastoreProvider#API_LEVEL}.
 */
public final class Persistence {
    private static final Map<String, String> KNOWN_BACKENDS = Map.of(
            "jdbc:sqlite:", "io.opstate:persistence-sqlite",
            "jdbc:postgresql:", "io.opstate:persistence-postgres",
            "memory:", "io.opstate:persistence-memory");

    private Persistence() {
    }

    /** Opens a store at {@code url} with default settings. */
    public static Datastore open(String url) {
        return open(PersistenceConfig.builder(url).build());
    }

    /** Opens a store. The caller closes it. */
    public static Datastore open(PersistenceConfig config) {
        return select(config, providers()).open(config);
    }

    /**
     * Writes a backup of the store {@code config} names into {@code directory} (which must not
     * exist or be empty) while the store stays in use, by this or other processes: a consistent
     * copy of the database as of one moment, the artifact blobs its rows reference, and a manifest
     * with their SHA-256, all readable by the owner only. SQLite stores; a PostgreSQL store is
     * backed up by an export archive or the server's own tools (docs/operations.md).
     *
     * @throws UnsupportedOperationException when the store's backend has no file backup
     * @throws InvalidInputException naming {@code directory} when it is not empty
     * @throws OperationCancelledException when cancelled; the partial backup is removed
     */
    public static BackupReport backup(PersistenceConfig config, Path directory, ProgressListener listener,
                                      Cancellation cancellation) {
        return select(config, providers()).backup(config, directory, listener, cancellation);
    }

    /** {@link #backup(PersistenceConfig, Path, ProgressListener, Cancellation)} without progress or cancellation. */
    public static BackupReport backup(PersistenceConfig config, Path directory) {
        return backup(config, directory, ProgressListener.NONE, Cancellation.none());
    }

    /**
     * Restores the backup in {@code backup} as the store {@code config} names. Every file of the
     * backup is verified against its manifest first (SHA-256 of the database and of every blob,
     * and the database's own integrity check); nothing is written unless all pass. An existing
     * store is replaced only when {@code overwrite}, and never while it is in use. Open the store
     * afterwards as usual (an older backup migrates then).
     *
     * @throws InvalidInputException naming {@code backup} when it is not a complete, intact backup,
     *     or {@code overwrite} when a store exists and overwriting was not asked
     * @throws StorageUnavailableException when the store to replace is in use
     */
    public static RestoreReport restore(PersistenceConfig config, Path backup, boolean overwrite) {
        return select(config, providers()).restore(config, backup, overwrite);
    }

    /** The backends found on the context (or else this library's) class loader, in discovery order. */
    public static List<DatastoreProvider> providers() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Persistence.class.getClassLoader();
        }
        List<DatastoreProvider> found = new ArrayList<>();
        try {
            for (DatastoreProvider provider : ServiceLoader.load(DatastoreProvider.class, loader)) {
                found.add(provider);
            }
        } catch (ServiceConfigurationError e) {
            throw new PersistenceException("a backend on the classpath is broken and cannot be loaded: "
                    + e.getMessage(), e);
        }
        return found;
    }

    /**
     * Picks the provider for {@code config} among {@code providers}; exposed for tests of selection.
     *
     * @throws BackendNotFoundException when none or several qualify, or the one selected implements
     *     another API level than this library's
     */
    public static DatastoreProvider select(PersistenceConfig config, List<DatastoreProvider> providers) {
        List<String> names = providers.stream().map(DatastoreProvider::name).toList();
        DatastoreProvider selected = config.backend().isPresent()
                ? byName(config.backend().get(), config.url(), providers, names)
                : byUrl(config.url(), providers, names);
        return ofThisApiLevel(selected, names);
    }

    private static DatastoreProvider byName(String wanted, String url, List<DatastoreProvider> providers,
                                            List<String> names) {
        return providers.stream()
                .filter(p -> p.name().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new BackendNotFoundException("no backend named " + UserText.quoted(wanted)
                        + " (for " + Urls.shown(url) + "); backends found: " + describe(names)
                        + ". Add the artifact of the backend, e.g. io.opstate:persistence-" + UserText.shown(wanted), names));
    }

    private static DatastoreProvider byUrl(String url, List<DatastoreProvider> providers, List<String> names) {
        List<DatastoreProvider> accepting = providers.stream()
                .filter(p -> p.accepts(url))
                .sorted(Comparator.comparingInt(DatastoreProvider::priority).reversed())
                .toList();
        if (accepting.isEmpty()) {
            throw new BackendNotFoundException("no backend handles " + Urls.shown(url) + "; backends found: "
                    + describe(names) + ". " + hint(url), names);
        }
        if (accepting.size() > 1 && accepting.get(0).priority() == accepting.get(1).priority()) {
            String tied = accepting.stream()
                    .filter(p -> p.priority() == accepting.get(0).priority())
                    .map(p -> p.name() + " (" + p.artifact() + ")")
                    .collect(Collectors.joining(", "));
            throw new BackendNotFoundException("several backends handle " + Urls.shown(url)
                    + " at the same priority: " + tied + ". Remove one from the classpath or set "
                    + PersistenceConfig.BACKEND, names);
        }
        return accepting.get(0);
    }

    /**
     * {@code provider}, when it implements this library's API level. Checked on the selected
     * provider only, so an unrelated stale backend on the classpath does not stop the others.
     */
    private static DatastoreProvider ofThisApiLevel(DatastoreProvider provider, List<String> names) {
        int level = provider.apiLevel();
        if (level == DatastoreProvider.API_LEVEL) {
            return provider;
        }
        int ours = DatastoreProvider.API_LEVEL;
        throw new BackendNotFoundException("backend " + provider.name() + " (" + provider.artifact() + ", provider "
                + provider.getClass().getName() + ") implements OpState API level " + level
                + ", but this io.opstate:persistence-api is at API level " + ours + ". Use the release of "
                + provider.artifact() + " built for API level " + ours + ", the one that passes the"
                + " io.opstate:persistence-tck of API level " + ours + "; or the io.opstate:persistence-api"
                + " of API level " + level + ".", names);
    }

    private static String describe(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String hint(String url) {
        return KNOWN_BACKENDS.entrySet().stream()
                .filter(e -> url.regionMatches(true, 0, e.getKey(), 0, e.getKey().length())
                        || (e.getKey().startsWith("jdbc:") && url.toLowerCase().contains(e.getKey().substring(4))))
                .map(e -> "Add the dependency " + e.getValue() + " to use it.")
                .findFirst()
                .orElse("Supported URLs: jdbc:sqlite:<file> (io.opstate:persistence-sqlite), "
                        + "jdbc:postgresql://host/db (io.opstate:persistence-postgres), "
                        + "memory:[name] (io.opstate:persistence-memory).");
    }
}
