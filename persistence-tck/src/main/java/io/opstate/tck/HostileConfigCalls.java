package io.opstate.tck;

import io.opstate.BackendNotFoundException;
import io.opstate.EnvironmentNames;
import io.opstate.InvalidInputException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.Setting;
import io.opstate.Settings;
import io.opstate.spi.DatastoreProvider;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The configuration's entry points with hostile values: {@code Builder.set} by setting and by
 * property name, {@code load} from properties and variables, and {@link Persistence#open} of a
 * configuration no backend handles. Each returns or throws {@link InvalidInputException} (naming
 * the setting when it is known), or, for open, {@link BackendNotFoundException}; nothing else.
 */
final class HostileConfigCalls {
    private static final String[] TEXT_VALUES = {"10", "-1", "0", "1001", "2147483648", "1e3", "0x10", "30s", "1h30m",
        "PT5S", "-5s", "99999999999999999999d", "7d", "500ms", "1.5s", "validate", "VALIDATE-ONLY", "full", "memory:"};

    private HostileConfigCalls() {
    }

    static Map<String, Function<HostileRecords, HostileCall>> all() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("PersistenceConfig.Builder.set(Setting, value)", r -> {
            Setting<?> setting = r.values().oneOf(Settings.all().toArray(Setting<?>[]::new));
            Hostile<?> value = valueFor(setting, r);
            return HostileCall.unvalidated("set(" + setting + ", " + value + ")",
                    s -> set(PersistenceConfig.builder("memory:"), setting, value.value()).build(),
                    Outcome.returnsOrRejected(setting.property()));
        });
        calls.put("PersistenceConfig.Builder.set(String, String)", r -> {
            boolean known = r.values().chance(70);
            Hostile<String> property = known
                    ? Hostile.of(r.values().oneOf(Settings.all().toArray(Setting<?>[]::new)).property(), "known property")
                    : r.values().text();
            Hostile<String> text = textValue(r);
            return HostileCall.unvalidated("set(" + property + ", " + text + ")",
                    s -> PersistenceConfig.builder("memory:").set(property.value(), text.value()).build(),
                    Outcome.returnsOrRejected(known ? property.value() : null));
        });
        calls.put("PersistenceConfig.load", r -> {
            Hostile<Properties> properties = properties(r);
            Hostile<Map<String, String>> environment = environment(r);
            Hostile<EnvironmentNames> names = r.values().chance(10) ? Hostile.of(null, "null names")
                    : r.values().chance(50) ? Hostile.of(EnvironmentNames.standard(), "standard names")
                    : Hostile.of(EnvironmentNames.prefix("MYAPP_"), "names under MYAPP_");
            return HostileCall.unvalidated("load(" + properties + ", " + environment + ", " + names + ")",
                    s -> PersistenceConfig.load(properties.value(), environment.value(), names.value()),
                    Outcome.returnsOrRejected(null));
        });
        calls.put("PersistenceConfig.fromProperties", r -> {
            Hostile<Properties> properties = properties(r);
            return HostileCall.unvalidated("fromProperties(" + properties + ")",
                    s -> PersistenceConfig.fromProperties(properties.value()), Outcome.returnsOrRejected(null));
        });
        calls.put("Persistence.open(no backend handles it)", r -> {
            List<DatastoreProvider> providers = Persistence.providers();
            Hostile<String> url = r.values().text().map(t -> "hostile:" + t);
            Hostile<String> backend = r.values().chance(50) ? Hostile.of(null, "no backend") : r.values().name();
            boolean handled = providers.stream().anyMatch(p -> p.accepts(url.value())
                    || (backend.value() != null && p.name().equalsIgnoreCase(backend.value().strip())));
            String chosen = handled ? null : backend.value();
            return HostileCall.unvalidated("open(url " + url + ", backend " + (handled ? "none" : backend) + ")",
                    s -> Persistence.open(PersistenceConfig.builder(url.value()).backend(chosen).build()),
                    Outcome.failsWithOneOf(Set.of(BackendNotFoundException.class, InvalidInputException.class)));
        });
        return calls;
    }

    @SuppressWarnings("unchecked")
    private static <T> PersistenceConfig.Builder set(PersistenceConfig.Builder builder, Setting<T> setting, Object value) {
        return builder.set(setting, (T) value);
    }

    /** A value of the setting's own type, at and beyond the bounds settings have. */
    private static Hostile<?> valueFor(Setting<?> setting, HostileRecords r) {
        Class<?> type = setting.type();
        if (type == Integer.class) {
            return r.values().chance(10) ? Hostile.of(null, "null")
                    : r.values().integer(0, 1, 1000, 1001, 1023, 1024, 64 << 20, (64 << 20) + 1);
        }
        if (type == Duration.class) {
            return r.values().duration();
        }
        if (type.isEnum()) {
            return choice(r, type);
        }
        return r.values().text();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Hostile<?> choice(HostileRecords r, Class<?> enumType) {
        return r.values().choice((Class) enumType);
    }

    private static Hostile<String> textValue(HostileRecords r) {
        return r.values().chance(40) ? Hostile.of(r.values().oneOf(TEXT_VALUES), "setting-like text") : r.values().text();
    }

    private static Hostile<Properties> properties(HostileRecords r) {
        if (r.values().chance(5)) {
            return Hostile.of(null, "null properties");
        }
        Properties properties = new Properties();
        StringJoiner label = new StringJoiner(", ", "{", "}");
        properties.setProperty("opstate.url", "memory:");
        int entries = r.values().random().nextInt(4);
        for (int i = 0; i < entries; i++) {
            Hostile<String> key = switch (r.values().random().nextInt(4)) {
                case 0 -> Hostile.of(r.values().oneOf(Settings.all().toArray(Setting<?>[]::new)).property(), "known key");
                case 1 -> Hostile.of("opstate." + r.values().word(5), "unknown opstate key");
                case 2 -> Hostile.of("host." + r.values().word(5), "host key");
                default -> r.values().text().map(t -> t == null ? "opstate.null" : t);
            };
            if (r.values().chance(15)) {
                properties.put(key.value(), 42);
                label.add(key.label() + "=Integer");
            } else {
                Hostile<String> value = textValue(r).map(t -> t == null ? "" : t);
                properties.put(key.value(), value.value());
                label.add(key.label() + "=" + value.label());
            }
        }
        return Hostile.of(properties, label.toString());
    }

    private static Hostile<Map<String, String>> environment(HostileRecords r) {
        if (r.values().chance(5)) {
            return Hostile.of(null, "null environment");
        }
        Map<String, String> environment = new HashMap<>();
        StringJoiner label = new StringJoiner(", ", "{", "}");
        int entries = r.values().random().nextInt(3);
        for (int i = 0; i < entries; i++) {
            Hostile<String> name = r.values().chance(60)
                    ? Hostile.of(r.values().oneOf(Settings.all().toArray(Setting<?>[]::new)).environmentVariable(), "known variable")
                    : r.values().text().map(t -> "OPSTATE_" + (t == null ? "" : t.toUpperCase(Locale.ROOT)));
            Hostile<String> value = r.values().chance(10) ? Hostile.of(null, "null") : textValue(r);
            environment.put(name.value(), value.value());
            label.add(name.label() + "=" + value.label());
        }
        return Hostile.of(environment, label.toString());
    }
}
