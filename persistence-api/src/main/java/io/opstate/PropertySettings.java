package io.opstate;

import io.opstate.internal.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/** Reads the {@code opstate.*} entries of {@link Properties}; other keys belong to the host and are left alone. */
final class PropertySettings {
    private static final String PREFIX = "opstate.";

    private PropertySettings() {
    }

    /**
     * The {@code opstate.*} entries, including those of the properties' defaults, in key order.
     *
     * @throws InvalidInputException naming the key when an {@code opstate.*} key is no setting (a
     *     likely typo), or holds something other than text in {@code properties} itself
     *     ({@link Properties} shows only the text entries of its defaults)
     */
    static List<Assignment> read(Properties properties) {
        // stringPropertyNames() silently skips values that are not text, so look at the entries first
        for (Map.Entry<Object, Object> entry : properties.entrySet()) {
            if (entry.getKey() instanceof String key && key.startsWith(PREFIX)
                    && !(entry.getValue() instanceof String)) {
                throw new InvalidInputException(UserText.shown(key),
                        "must be text, got a " + entry.getValue().getClass().getName());
            }
        }
        List<Assignment> assignments = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(PREFIX)) {
                Setting<?> setting = Settings.byProperty(key).orElseThrow(() -> unknown(key));
                assignments.add(new Assignment(setting, key, properties.getProperty(key)));
            }
        }
        return assignments;
    }

    static InvalidInputException unknown(String property) {
        return new InvalidInputException(UserText.shown(property), "unknown setting; known settings are "
                + KnownNames.properties(property));
    }
}
