package io.opstate;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The known setting names an "unknown setting" message lists. Settings of a section (a property
 * with a dot after {@code opstate.}, e.g. {@code opstate.retention.history.older-than}) are
 * shown as the section ({@code opstate.retention.*}), unless the unknown name lies in that
 * section: then its settings are listed one by one. So the message stays short however many
 * settings there are, and still shows the names near the typo.
 */
final class KnownNames {
    private static final String PREFIX = "opstate.";

    private KnownNames() {
    }

    /** Known property names for a message about the unknown {@code property}. */
    static List<String> properties(String property) {
        return names(Setting::property, section -> section + ".*", property, List.of());
    }

    /**
     * Known variable names for a message about the unknown {@code variable}, under {@code prefix}
     * ({@code OPSTATE_} for OpState's own names); {@code extra} are names a host mapped, listed as they are.
     */
    static List<String> variables(String variable, String prefix, Collection<String> extra) {
        return names(setting -> setting.environmentVariable(prefix), section -> variableOf(section, prefix) + "_*",
                variable, extra);
    }

    private static List<String> names(Function<Setting<?>, String> nameOf, Function<String, String> sectionName,
                                      String unknown, Collection<String> extra) {
        TreeSet<String> known = new TreeSet<>(extra);
        for (Setting<?> setting : Settings.all()) {
            String section = sectionOf(setting.property());
            String name = nameOf.apply(setting);
            if (section == null) {
                known.add(name);
                continue;
            }
            String shown = sectionName.apply(section);
            boolean inSection = unknown != null && unknown.startsWith(shown.substring(0, shown.length() - 1));
            known.add(inSection ? name : shown);
        }
        return List.copyOf(known);
    }

    /** {@code opstate.retention} for {@code opstate.retention.history.older-than}; null outside a section. */
    private static String sectionOf(String property) {
        int dot = property.indexOf('.', PREFIX.length());
        return dot < 0 ? null : property.substring(0, dot);
    }

    private static String variableOf(String section, String prefix) {
        return prefix + Setting.variableFor(section).substring("OPSTATE_".length());
    }
}
