package io.opstate;

import java.util.List;

/**
 * No backend on the classpath handles the URL or backend name, or two handle it equally, or the
 * one selected implements another API level than this library
 * ({@link io.opstate.spi.DatastoreProvider#apiLevel()}). The message names the (masked) URL, the
 * backends found and the artifact to add; for an API level mismatch, the provider, its artifact,
 * both levels and the release to use instead.
 */
public class BackendNotFoundException extends PersistenceException {
    private final List<String> backendsFound;

    public BackendNotFoundException(String message, List<String> backendsFound) {
        super(message);
        this.backendsFound = List.copyOf(backendsFound);
    }

    /** Names of the backends that were found on the classpath. */
    public List<String> backendsFound() {
        return backendsFound;
    }
}
