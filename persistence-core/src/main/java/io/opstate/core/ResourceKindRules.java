package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.resources.ResourceKind;
import io.opstate.internal.UserText;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every backend checks of a resource against its stored kind, and how declaring widens a
 * kind, so that the backends agree. Stateless.
 */
public final class ResourceKindRules {
    private ResourceKindRules() {
    }

    /**
     * The kind, or {@link InvalidInputException} naming {@code kind} when it is not declared.
     */
    public static ResourceKind declared(String name, Optional<ResourceKind> kind) {
        return kind.orElseThrow(() -> new InvalidInputException("kind",
                "is not declared: " + UserText.quoted(name)));
    }

    /** Refuses a status the kind does not allow, naming {@code status}. */
    public static void checkStatus(ResourceKind kind, String status) {
        if (!kind.statuses().contains(status)) {
            throw new InvalidInputException("status", "is not one of kind " + kind.name() + "'s statuses "
                    + kind.statuses() + ": " + UserText.quoted(status));
        }
    }

    /** Refuses a restricted label's value the kind does not allow, naming {@code labels.<key>}. */
    public static void checkLabels(ResourceKind kind, Map<String, String> labels) {
        for (Map.Entry<String, String> label : labels.entrySet()) {
            Set<String> allowed = kind.labelValues().get(label.getKey());
            if (allowed != null && !allowed.contains(label.getValue())) {
                throw new InvalidInputException("labels." + label.getKey(), "is not one of " + allowed + ": "
                        + UserText.quoted(label.getValue()));
            }
        }
    }

    /** {@code stored} widened by {@code declared}: union of statuses and label values; the stored initial status stays. */
    public static ResourceKind widen(ResourceKind stored, ResourceKind declared) {
        Set<String> statuses = new TreeSet<>(stored.statuses());
        statuses.addAll(declared.statuses());
        Map<String, Set<String>> labels = new TreeMap<>();
        stored.labelValues().forEach((key, values) -> labels.put(key, new TreeSet<>(values)));
        declared.labelValues().forEach((key, values) ->
                labels.computeIfAbsent(key, k -> new TreeSet<>()).addAll(values));
        return new ResourceKind(stored.name(), stored.initialStatus(), statuses, labels);
    }

    /** How messages name a resource by its key: {@code kind/name}, or {@code kind/owner/name}. */
    public static String displayName(String kind, String owner, String name) {
        return owner == null ? kind + "/" + name : kind + "/" + owner + "/" + name;
    }
}
