package io.opstate.tck;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the archive contracts share: a folder for the archives a test writes, and a second store
 * of the same backend to import them into, opened on first use and closed after the test with
 * the folder removed.
 */
public abstract class TwoStoreArchiveSupport extends TckSupport {
    private Path folder;
    private Datastore second;

    /** A second new, empty store of the same backend, apart from {@link #freshStore()}'s. */
    protected abstract PersistenceConfig.Builder secondStore();

    @BeforeEach
    void makeFolder() throws IOException {
        folder = Files.createTempDirectory("opstate-archive");
    }

    @AfterEach
    void removeFolder() throws IOException {
        if (second != null) {
            second.close();
        }
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The test's folder for archives. */
    protected Path folder() {
        return folder;
    }

    /** The second store, configured as the first ({@link #configure}), on the contract's clock. */
    protected Datastore second() {
        if (second == null) {
            second = openSecond(UnaryOperator.identity());
        }
        return second;
    }

    /**
     * Opens the second store configured as the first and then by {@code adjust}; it is closed after
     * the test. Once per test: a second call would leave the store it replaced open.
     *
     * @throws IllegalStateException when the test opened the second store already
     */
    protected Datastore openSecond(UnaryOperator<PersistenceConfig.Builder> adjust) {
        if (second != null) {
            throw new IllegalStateException("the second store is open already; open it once per test, before second()");
        }
        second = Persistence.open(adjust.apply(configure(secondStore())).clock(clock).build());
        return second;
    }
}
