package io.opstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every declaration in {@link Settings} generically, so a new declaration is covered as soon
 * as it is written: listed, read from properties and environment under every naming, copied,
 * shown, documented.
 */
class SettingsTest {
    private static final String HOST_PREFIX = "MYAPP_DB_";

    static Stream<Setting<?>> settings() {
        return Settings.all().stream();
    }

    private static <T> T example(Setting<T> setting) {
        return setting.parse(setting.example(), setting.property());
    }

    /** Variables giving {@code setting} its example, plus a URL unless the setting is the URL. */
    private static Map<String, String> environmentWithExample(Setting<?> setting, String variable, String urlVariable) {
        Map<String, String> environment = new HashMap<>();
        environment.put(urlVariable, "memory:");
        environment.put(variable, setting.example());
        return environment;
    }

    @Test
    @DisplayName("all() lists every public Setting constant of Settings, each once, named after its variable")
    void allListsEveryDeclaration() throws IllegalAccessException {
        Map<Object, String> constants = new HashMap<>();
        for (Field field : Settings.class.getFields()) {
            if (field.getType() == Setting.class && Modifier.isStatic(field.getModifiers())) {
                constants.put(field.get(null), field.getName());
            }
        }
        List<Object> declared = List.copyOf(Settings.all());
        assertThat(declared).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(constants.keySet());
        assertThat(Settings.all()).as("the original thirteen and more").hasSizeGreaterThanOrEqualTo(13);
        assertThatThrownBy(() -> Settings.all().add(Settings.URL)).isInstanceOf(UnsupportedOperationException.class);
        constants.forEach((setting, name) -> assertThat(((Setting<?>) setting).environmentVariable(""))
                .as("a constant is named after its variable without OPSTATE_").isEqualTo(name));
    }

    @ParameterizedTest
    @MethodSource("settings")
    @DisplayName("a declaration's names and example are consistent: example valid and not the default")
    void declarationIsConsistent(Setting<?> setting) {
        assertThat(setting.property()).startsWith("opstate.");
        assertThat(setting.environmentVariable()).isEqualTo(PersistenceConfig.environmentVariable(setting.property()));
        assertThat(setting.environmentVariable(HOST_PREFIX))
                .isEqualTo(HOST_PREFIX + setting.environmentVariable().substring("OPSTATE_".length()));
        assertThat(EnvironmentNames.RESERVED_PREFIXES).noneMatch(setting.environmentVariable()::startsWith);
        assertThat(setting.description()).isNotBlank();
        assertThat(setting.defaultValue()).isNotEqualTo(Optional.of(example(setting)));
        assertThat(example(setting)).isInstanceOf(setting.type());
        assertThat(Settings.byProperty(setting.property())).containsSame(setting);
    }

    @ParameterizedTest
    @MethodSource("settings")
    @DisplayName("a configuration with only a URL has every declared default")
    void defaultsApply(Setting<?> setting) {
        PersistenceConfig c = PersistenceConfig.builder("memory:").build();
        if (setting == Settings.URL) {
            assertThat(c.get(setting)).isEqualTo(Optional.of("memory:"));
        } else {
            assertThat(c.get(setting)).isEqualTo(setting.defaultValue());
        }
    }

    @ParameterizedTest
    @MethodSource("settings")
    @DisplayName("every setting round-trips through properties, OPSTATE_* variables, a host prefix, the builder and toBuilder")
    void roundTrips(Setting<?> setting) {
        Object expected = example(setting);

        Properties properties = new Properties();
        properties.setProperty(PersistenceConfig.URL, "memory:");
        properties.setProperty(setting.property(), setting.example());
        PersistenceConfig fromProperties = PersistenceConfig.fromProperties(properties);
        assertThat(fromProperties.get(setting)).isEqualTo(Optional.of(expected));

        PersistenceConfig fromEnvironment = PersistenceConfig.load(new Properties(),
                environmentWithExample(setting, setting.environmentVariable(), "OPSTATE_URL"));
        assertThat(fromEnvironment.get(setting)).isEqualTo(Optional.of(expected));

        PersistenceConfig underPrefix = PersistenceConfig.load(new Properties(),
                environmentWithExample(setting, setting.environmentVariable(HOST_PREFIX), HOST_PREFIX + "URL"),
                EnvironmentNames.prefix(HOST_PREFIX));
        assertThat(underPrefix.get(setting)).isEqualTo(Optional.of(expected));

        PersistenceConfig set = setExample(PersistenceConfig.builder("memory:"), setting).build();
        assertThat(set.get(setting)).isEqualTo(Optional.of(expected));

        PersistenceConfig copy = fromProperties.toBuilder().build();
        assertThat(copy.get(setting)).isEqualTo(Optional.of(expected));
        assertThat(copy.toString()).isEqualTo(fromProperties.toString()).contains(setting.property() + "=");
    }

    private static <T> PersistenceConfig.Builder setExample(PersistenceConfig.Builder builder, Setting<T> setting) {
        return builder.set(setting, example(setting));
    }

    @Test
    @DisplayName("every example at once makes a valid configuration holding each of them")
    void allExamplesTogether() {
        Properties properties = new Properties();
        Settings.all().forEach(s -> properties.setProperty(s.property(), s.example()));
        PersistenceConfig c = PersistenceConfig.fromProperties(properties);
        Settings.all().forEach(s -> assertThat(c.get(s)).as(s.property()).isEqualTo(Optional.of(example(s))));
    }

    @Test
    @DisplayName("the known names in error messages list every declared setting, a section's as the section")
    void knownNamesListEverySetting() {
        String unknownProperty = catchInvalid(() -> PersistenceConfig.builder("memory:").set("opstate.colour", "blue"));
        String unknownInFile = catchInvalid(() -> PersistenceConfig.fromProperties(props("opstate.colour", "blue")));
        String unknownVariable = catchInvalid(() -> PersistenceConfig.load(new Properties(),
                Map.of("OPSTATE_URL", "memory:", "OPSTATE_COLOUR", "blue")));
        for (Setting<?> setting : Settings.all()) {
            assertThat(unknownProperty).containsAnyOf("[" + setting.property() + ",", " " + setting.property() + ",",
                    " " + setting.property() + "]", section(setting.property(), ".", ".*"));
            assertThat(unknownInFile).contains(section(setting.property(), ".", ".*"));
            String section = section(setting.property(), ".", "");
            assertThat(unknownVariable).contains(section.equals(setting.property()) ? setting.environmentVariable()
                    : Setting.variableFor(section) + "_*");
        }
        assertThat(unknownProperty).contains("opstate.retention.*").doesNotContain("opstate.retention.history");
        assertThat(unknownProperty.length()).as("short however many settings there are").isLessThan(1000);
    }

    @Test
    @DisplayName("an unknown name within a section lists that section's settings one by one")
    void unknownWithinASectionListsItsSettings() {
        String unknownProperty = catchInvalid(() -> PersistenceConfig.fromProperties(props(
                "opstate.url", "memory:", "opstate.retention.colour", "blue")));
        String unknownVariable = catchInvalid(() -> PersistenceConfig.load(new Properties(),
                Map.of("OPSTATE_URL", "memory:", "OPSTATE_RETENTION_COLOUR", "blue")));
        for (Setting<?> setting : Settings.all()) {
            if (setting.property().startsWith("opstate.retention.")) {
                assertThat(unknownProperty).contains(setting.property());
                assertThat(unknownVariable).contains(setting.environmentVariable());
            }
        }
        assertThat(unknownProperty).contains("opstate.pool.*", "opstate.url");
        assertThat(unknownVariable).contains("OPSTATE_POOL_*", "OPSTATE_URL");
    }

    /** {@code name}, or its section with {@code wildcard} when it has one (a separator after the first). */
    private static String section(String name, String separator, String wildcard) {
        int first = name.indexOf(separator);
        int second = name.indexOf(separator, first + 1);
        return second < 0 ? name : name.substring(0, second) + wildcard;
    }

    @Test
    @DisplayName("docs/getting-started.md lists every setting with its property and variable")
    void documented() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "getting-started.md"));
        for (Setting<?> setting : Settings.all()) {
            assertThat(guide).contains("| `" + setting.property() + "` | `" + setting.environmentVariable() + "` |");
        }
    }

    @Test
    @DisplayName("a setting's value is shown masked where it must be: the URL's password")
    void urlMaskedInToString() {
        PersistenceConfig c = PersistenceConfig.builder("jdbc:postgresql://db/app?user=ops&password=s3cret").build();
        assertThat(c.toString()).contains("opstate.url=jdbc:postgresql://db/app?user=ops&password=****")
                .doesNotContain("s3cret");
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static String catchInvalid(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(InvalidInputException.class).actual().getMessage();
    }
}
