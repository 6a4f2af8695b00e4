package io.opstate.resources;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resource to create, or to save by name. Immutable.
 *
 * @param kind a declared {@link ResourceKind}'s name
 * @param name 1..200 characters, unique within the kind and owner
 * @param owner who the resource belongs to (1..200 characters), or null for none; names are
 *     unique per owner
 * @param spec the desired configuration: one JSON object, or null
 * @param labels string labels, filterable ({@link ResourceQuery#labels}); null is empty
 */
public record NewResource(String kind, String name, String owner, String spec, Map<String, String> labels) {
    public NewResource {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(Sorted.map(labels));
    }

    /** A resource of {@code kind} named {@code name}, without owner, spec or labels. */
    public static NewResource of(String kind, String name) {
        return new NewResource(kind, name, null, null, Map.of());
    }

    public NewResource withOwner(String owner) {
        return new NewResource(kind, name, owner, spec, labels);
    }

    public NewResource withSpec(String spec) {
        return new NewResource(kind, name, owner, spec, labels);
    }

    public NewResource withLabels(Map<String, String> labels) {
        return new NewResource(kind, name, owner, spec, labels);
    }

    /** These labels and {@code key = value}. */
    public NewResource withLabel(String key, String value) {
        Map<String, String> more = new TreeMap<>(labels);
        more.put(key, value);
        return new NewResource(kind, name, owner, spec, more);
    }
}
