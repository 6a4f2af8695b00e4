package io.opstate.memory.internal;

import io.opstate.InvalidInputException;
import io.opstate.core.StoreOrder;
import java.util.Comparator;
import java.util.function.Function;

/**
 * How the tie-breaking key of a sort order compares and how it is written in a cursor.
 *
 * @param <K> key type
 */
final class KeyType<K> {
    /** Ids and names: plain strings in Unicode code-point order, like {@code COLLATE "C"}. */
    static final KeyType<String> TEXT = new KeyType<>(StoreOrder::compareCodePoints, text -> text, text -> text);

    /** History sequence numbers, compared numerically. */
    static final KeyType<Long> SEQUENCE = new KeyType<>(Long::compare, String::valueOf, Long::valueOf);

    private final Comparator<K> order;
    private final Function<K, String> format;
    private final Function<String, K> parse;

    private KeyType(Comparator<K> order, Function<K, String> format, Function<String, K> parse) {
        this.order = order;
        this.format = format;
        this.parse = parse;
    }

    Comparator<K> order() {
        return order;
    }

    String format(K key) {
        return format.apply(key);
    }

    /** Reads a key written by {@link #format}; {@link InvalidInputException} naming {@code cursor} otherwise. */
    K parse(String text) {
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor returned by a previous page", e);
        }
    }
}
