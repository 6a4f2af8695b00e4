package io.opstate.examples.llamactl;

import java.util.List;
import java.util.Optional;

/**
 * llamactl's persistence interface ({@code pkg/database}), which its instance manager receives
 * by injection. Implementations are thread-safe.
 */
public interface Database extends AutoCloseable {
    /**
     * Stores the instance under its name: creates it, or replaces the stored one's status and
     * options whole. Atomic.
     */
    void save(Instance instance);

    /**
     * Deletes the instance named {@code name}.
     *
     * @throws io.opstate.NotFoundException if there is none
     */
    void delete(String name);

    /** Every instance, oldest first. */
    List<Instance> loadAll();

    /** The instance named {@code name}, or empty. */
    Optional<Instance> getByName(String name);

    /** Closes the store underneath. */
    @Override
    void close();
}
