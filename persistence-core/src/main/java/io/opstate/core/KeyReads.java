package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads by key ({@code find}, {@code get}) of every repository keyed by text. A key no record can
 * have (one {@link TextChecks#name} refuses: blank, too long, holding a control character...) is
 * not the caller's error but a key that names nothing, as a client's forged id in a URL is: it is
 * answered here, without the backend, as an unknown key is. Null is the caller's mistake and is
 * refused. Stateless and thread-safe.
 */
final class KeyReads {
    private KeyReads() {
    }

    /**
     * {@code find} of {@code key}: empty when no record can have it.
     *
     * @throws InvalidInputException naming {@code field} when {@code key} is null
     */
    static <T> Optional<T> find(String field, String key, Function<String, Optional<T>> find) {
        return couldName(field, key) ? find.apply(key) : Optional.empty();
    }

    /**
     * {@code get} of {@code key}: {@link NotFoundException} of {@code entity} when no record can have it.
     *
     * @throws InvalidInputException naming {@code field} when {@code key} is null
     */
    static <T> T get(String field, String entity, String key, Function<String, T> get) {
        if (!couldName(field, key)) {
            throw new NotFoundException(entity, key);
        }
        return get.apply(key);
    }

    private static boolean couldName(String field, String key) {
        if (key == null) {
            throw new InvalidInputException(field, "is required");
        }
        return TextChecks.isName(key);
    }
}
