package io.opstate;

import java.util.List;

/**
 * No backend on the classpath handles the URL or backend name, or two handle it equally. The
 * message names the (masked) URL, the backends found and the artifact to add.
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
