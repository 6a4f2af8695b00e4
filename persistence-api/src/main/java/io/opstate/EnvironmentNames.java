package io.opstate;

import io.opstate.internal.Blanks;
import io.opstate.internal.UserText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Which environment variables carry which {@link Setting}s, for
 * {@link PersistenceConfig#load(java.util.Properties, Map, EnvironmentNames)}.
 *
 * <p>{@link #standard()} reads OpState's own names ({@code OPSTATE_URL},
 * {@code OPSTATE_POOL_MAX_SIZE}, ...) and refuses any other {@code OPSTATE_*} variable as a likely
 * typo, except those under {@link #RESERVED_PREFIXES}. A host that keeps its own names uses
 * {@link #prefix(String)}: every setting is then read under the host's prefix
 * ({@code MYAPP_DB_POOL_MAX_SIZE}), and {@link #map} gives a setting one more name, optionally with
 * a conversion of the host's value into OpState's syntax:
 *
 * <pre>{@code
 * EnvironmentNames names = EnvironmentNames.prefix("MYAPP_DB_")
 *         .map("PATH", Settings.URL, path -> "jdbc:sqlite:" + path)
 *         .map("MAX_OPEN_CONNECTIONS", Settings.POOL_MAX_SIZE);
 * }</pre>
 *
 * <p>Errors about a value name the variable as it is spelled in the environment.
 *
 * <p>Immutable and thread-safe: {@link #map} returns a new instance.
 */
public final class EnvironmentNames {
    /**
     * Prefixes of {@code OPSTATE_*} variables that OpState's own test and benchmark tooling reads
     * (e.g. {@code OPSTATE_TEST_POSTGRES_URL}). They are never settings, and {@link #standard()}
     * neither reads nor refuses them.
     */
    public static final List<String> RESERVED_PREFIXES = List.of("OPSTATE_TEST_", "OPSTATE_BENCH_");

    private static final String STANDARD_PREFIX = "OPSTATE_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final String prefix;
    private final boolean refusesUnknown;
    private final Map<String, Mapping> mapped;

    private record Mapping(Setting<?> setting, UnaryOperator<String> conversion) {
    }

    private EnvironmentNames(String prefix, boolean refusesUnknown, Map<String, Mapping> mapped) {
        this.prefix = prefix;
        this.refusesUnknown = refusesUnknown;
        this.mapped = mapped;
    }

    /**
     * OpState's own names: {@link Setting#environmentVariable()} for every setting. Any other
     * {@code OPSTATE_*} variable is refused as a likely typo, except those under
     * {@link #RESERVED_PREFIXES}; variables without the prefix are left alone.
     */
    public static EnvironmentNames standard() {
        return new EnvironmentNames(STANDARD_PREFIX, true, Map.of());
    }

    /**
     * A host's names: every setting is read from {@code prefix} followed by its standard name
     * without {@code OPSTATE_} ({@code prefix("MYAPP_DB_")} reads {@code MYAPP_DB_URL},
     * {@code MYAPP_DB_POOL_MAX_SIZE}, ...). Variables under the prefix that are neither such a
     * name nor {@linkplain #map mapped} are ignored, not refused, because a host's prefix is
     * shared with the host's own variables. {@code OPSTATE_*} variables are not read.
     *
     * @param prefix letters, digits and underscores, usually ending with an underscore
     * @throws InvalidInputException naming {@code prefix} when it is null, empty or has other characters
     */
    public static EnvironmentNames prefix(String prefix) {
        return new EnvironmentNames(checkedName("prefix", prefix), false, Map.of());
    }

    /** Like {@link #map(String, Setting, UnaryOperator)} with the value read as it is. */
    public EnvironmentNames map(String name, Setting<?> setting) {
        return map(name, setting, UnaryOperator.identity());
    }

    /**
     * These names with one more: the variable {@code prefix + name} carries {@code setting}, its
     * value first passed through {@code conversion} (a blank value is not converted). The
     * setting's own name under the prefix still works too, but an environment that sets both is
     * refused, so it is never a matter of which one wins.
     *
     * @param name letters, digits and underscores, after the prefix: {@code "MAX_OPEN_CONNECTIONS"}
     * @param conversion turns the host's text into OpState's syntax, e.g. a file path into
     *     {@code jdbc:sqlite:<path>}; when it throws, loading fails naming the variable
     * @throws InvalidInputException naming the argument when one is null or the name is not
     *     letters, digits and underscores, or naming the variable when it is mapped already, is
     *     another setting's name, or is under one of the {@link #RESERVED_PREFIXES}
     */
    public EnvironmentNames map(String name, Setting<?> setting, UnaryOperator<String> conversion) {
        String variable = prefix + checkedName("name", name);
        Arguments.required("setting", setting);
        Arguments.required("conversion", conversion);
        if (mapped.containsKey(variable)) {
            throw new InvalidInputException(variable, "is mapped already, to " + mapped.get(variable).setting());
        }
        Setting<?> named = settingNamed(variable);
        if (named != null && named != setting) {
            throw new InvalidInputException(variable, "is the name of " + named + ", so it cannot carry " + setting);
        }
        if (isReserved(variable)) {
            throw new InvalidInputException(variable, "is reserved for OpState's own tooling");
        }
        Map<String, Mapping> more = new HashMap<>(mapped);
        more.put(variable, new Mapping(setting, conversion));
        return new EnvironmentNames(prefix, refusesUnknown, Map.copyOf(more));
    }

    /** The prefix of every variable read: {@code OPSTATE_} for {@link #standard()}. */
    public String prefix() {
        return prefix;
    }

    /** The variable that carries {@code setting} under the prefix, not counting {@linkplain #map mapped} names. */
    public String variable(Setting<?> setting) {
        return Arguments.required("setting", setting).environmentVariable(prefix);
    }

    /** Describes the prefix and the mapped names. */
    @Override
    public String toString() {
        return "EnvironmentNames{prefix=" + prefix + ", mapped=" + new TreeSet<>(mapped.keySet()) + "}";
    }

    /**
     * The settings {@code environment} gives values to, converted, in the order of the variables' names.
     *
     * @throws InvalidInputException naming the variable when it is unknown and these names refuse
     *     unknown ones, when a conversion fails, or when two variables carry the same setting
     */
    List<Assignment> read(Map<String, String> environment) {
        Set<String> names = new TreeSet<>();
        for (String name : environment.keySet()) {
            if (name != null && name.startsWith(prefix) && !isReserved(name)) {
                names.add(name);
            }
        }
        List<Assignment> assignments = new ArrayList<>();
        Map<Setting<?>, String> readFrom = new HashMap<>();
        for (String name : names) {
            Mapping mapping = mapping(name);
            if (mapping == null) {
                if (refusesUnknown) {
                    throw new InvalidInputException(UserText.shown(name),
                            "unknown setting; known variables are " + KnownNames.variables(name, prefix, mapped.keySet()));
                }
                continue;
            }
            String other = readFrom.putIfAbsent(mapping.setting(), name);
            if (other != null) {
                throw mapping.setting().rejected(name, "is set and so is " + other + "; set only one", null);
            }
            assignments.add(new Assignment(mapping.setting(), name, converted(name, environment.get(name), mapping)));
        }
        return assignments;
    }

    private Mapping mapping(String variable) {
        Mapping mapping = mapped.get(variable);
        if (mapping != null) {
            return mapping;
        }
        Setting<?> setting = settingNamed(variable);
        return setting == null ? null : new Mapping(setting, UnaryOperator.identity());
    }

    private Setting<?> settingNamed(String variable) {
        return Settings.all().stream()
                .filter(s -> s.environmentVariable(prefix).equals(variable))
                .findFirst()
                .orElse(null);
    }

    private static String converted(String variable, String value, Mapping mapping) {
        if (value == null || value.isBlank()) {
            return value;
        }
        Setting<?> setting = mapping.setting();
        String text;
        try {
            text = mapping.conversion().apply(Blanks.strip(value));
        } catch (RuntimeException e) {
            throw setting.rejected(variable, "could not be converted: " + setting.quoted(e.getMessage()), e);
        }
        if (text == null) {
            throw setting.rejected(variable, "was converted to nothing", null);
        }
        return text;
    }

    private static boolean isReserved(String variable) {
        return RESERVED_PREFIXES.stream().anyMatch(variable::startsWith);
    }

    private static String checkedName(String argument, String name) {
        Arguments.required(argument, name);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(argument,
                    "must be letters, digits and underscores, got " + UserText.quoted(name));
        }
        return name;
    }
}
