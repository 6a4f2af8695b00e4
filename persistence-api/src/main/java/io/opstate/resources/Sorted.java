package io.opstate.resources;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Sorted copies that keep a null element, so the store's input checks name it instead of a bare NPE. */
final class Sorted {
    private static final Comparator<String> ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

    private Sorted() {
    }

    static TreeSet<String> set(Collection<String> values) {
        TreeSet<String> copy = new TreeSet<>(ORDER);
        copy.addAll(values);
        return copy;
    }

    static <V> TreeMap<String, V> map(Map<String, V> values) {
        TreeMap<String, V> copy = new TreeMap<>(ORDER);
        copy.putAll(values);
        return copy;
    }
}
