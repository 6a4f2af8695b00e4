package io.opstate;

import io.opstate.internal.Blanks;
import io.opstate.internal.UserText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One setting of a {@link PersistenceConfig}, declared once in {@link Settings}: its property name
 * ({@code opstate.pool.max-size}), the environment variable derived from it
 * ({@code OPSTATE_POOL_MAX_SIZE}), how its text is read, its default, the values it allows, an
 * example and a one-line description. Reading properties and environment variables, validation,
 * {@code toString} and the lists of known names in error messages all follow from these
 * declarations, so a new setting needs nothing but its declaration.
 *
 * <p>Immutable and thread-safe. Only {@link Settings} declares settings, and each declaration is
 * the one instance of its setting: settings are equal only when they are the same instance.
 *
 * @param <T> the type of the setting's value
 */
public final class Setting<T> {
    private static final Pattern PROPERTY_NAME = Pattern.compile("opstate\\.[a-z0-9]+(?:[.-][a-z0-9]+)*");
    private static final String VARIABLE_PREFIX = "OPSTATE_";

    private final String property;
    private final String description;
    private final ValueType<T> type;
    private final T defaultValue;
    private final boolean required;
    private final List<Constraint<T>> constraints;
    private final UnaryOperator<String> redaction;
    private final String example;

    private Setting(Declaration<T> declaration) {
        this.property = declaration.property;
        this.description = declaration.description;
        this.type = declaration.type;
        this.defaultValue = declaration.defaultValue;
        this.required = declaration.required || declaration.defaultValue != null;
        this.constraints = List.copyOf(declaration.constraints);
        this.redaction = declaration.redaction;
        this.example = declaration.example;
    }

    static Declaration<String> text(String property, String description) {
        return new Declaration<>(property, description, ValueType.TEXT);
    }

    static Declaration<Integer> integer(String property, String description) {
        return new Declaration<>(property, description, ValueType.INTEGER);
    }

    static Declaration<Duration> duration(String property, String description) {
        return new Declaration<>(property, description, ValueType.DURATION);
    }

    static Declaration<Boolean> flag(String property, String description) {
        return new Declaration<>(property, description, ValueType.FLAG);
    }

    static <E extends Enum<E>> Declaration<E> choice(String property, Class<E> type, String description) {
        return new Declaration<>(property, description, ValueType.choice(type));
    }

    /** The environment variable that carries {@code property}: upper case, dots and dashes become underscores. */
    static String variableFor(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The property name, e.g. {@code opstate.pool.max-size}. */
    public String property() {
        return property;
    }

    /** The standard environment variable, e.g. {@code OPSTATE_POOL_MAX_SIZE}. */
    public String environmentVariable() {
        return variableFor(property);
    }

    /**
     * The variable under a host's own prefix: {@code environmentVariable("MYAPP_DB_")} is
     * {@code MYAPP_DB_POOL_MAX_SIZE}. See {@link EnvironmentNames#prefix(String)}.
     *
     * @throws InvalidInputException naming {@code prefix} when it is null
     */
    public String environmentVariable(String prefix) {
        return Arguments.required("prefix", prefix) + environmentVariable().substring(VARIABLE_PREFIX.length());
    }

    /** The type of the value: {@code Integer}, {@code Duration}, {@code String} or an enum. */
    public Class<T> type() {
        return type.javaType();
    }

    /** The value a configuration has unless it sets one; empty for a setting that is unset by default. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether every configuration has a value for it: it has a default, or must be given (the URL). */
    public boolean required() {
        return required;
    }

    /** A valid value other than the default, as text, as a property file would spell it, e.g. {@code 20}. */
    public String example() {
        return example;
    }

    /** What the setting means, in one line. */
    public String description() {
        return description;
    }

    /** The property name. */
    @Override
    public String toString() {
        return property;
    }

    /**
     * The value {@code text} spells, or {@code null} for "no value": {@code text} is null, or
     * blank for a setting without a default. Surrounding spaces, tabs and line breaks are ignored;
     * nothing else is removed, so a NUL makes the text invalid rather than disappear.
     *
     * @param origin the name the text was found under, for the error message
     * @throws InvalidInputException naming {@code origin} when the text is not such a value
     */
    T parse(String text, String origin) {
        if (text == null) {
            return null;
        }
        String trimmed = Blanks.strip(text);
        if (trimmed.isEmpty() && defaultValue == null) {
            return null;
        }
        try {
            return normalized(type.parse(trimmed));
        } catch (RuntimeException e) {
            // No cause: the parser's message repeats the text unescaped and uncut ("For input string: ...").
            throw rejected(origin, "must be " + type.expected() + ", got " + quoted(trimmed), null);
        }
    }

    /** {@code value} as stored: blank text is no value. */
    T normalized(T value) {
        boolean blankText = type.blankIsAbsent() && value != null && value.toString().isBlank();
        return blankText ? null : value;
    }

    /**
     * Checks that {@code value} (possibly {@code null}: unset) is allowed, given the other
     * settings' {@code values}.
     *
     * @param origin the name the value was given under, for the error message
     * @throws InvalidInputException naming {@code origin} when it is not
     */
    void check(T value, String origin, Function<Setting<?>, Object> values) {
        if (value == null) {
            if (required) {
                throw rejected(origin, "is required, e.g. " + example, null);
            }
            return;
        }
        for (Constraint<T> constraint : constraints) {
            String requirement = constraint.failedRequirement(value, values);
            if (requirement != null) {
                throw rejected(origin, requirement + ", got " + quoted(String.valueOf(value)), null);
            }
        }
    }

    /** {@code value} as {@code toString} of a configuration shows it: masked if need be, escaped, never cut. */
    String shown(Object value) {
        return UserText.escaped(redaction.apply(String.valueOf(value)));
    }

    /** An error about a value given under {@code origin}; if that is not the property, the message names it too. */
    InvalidInputException rejected(String origin, String problem, Throwable cause) {
        String settingNamed = origin.equals(property) ? "" : " (sets " + property + ")";
        return new InvalidInputException(origin, problem + settingNamed, cause);
    }

    /** {@code text} quoted for an error message: masked if need be, escaped and cut. */
    String quoted(String text) {
        return UserText.quoted(redaction.apply(text));
    }

    /**
     * A setting being declared; {@link Settings} turns it into the {@link Setting}. Checks what
     * can be wrong in a declaration at once, so a bad one fails when {@link Settings} loads.
     */
    static final class Declaration<T> {
        private final String property;
        private final String description;
        private final ValueType<T> type;
        private final List<Constraint<T>> constraints = new ArrayList<>();
        private T defaultValue;
        private boolean required;
        private UnaryOperator<String> redaction = UnaryOperator.identity();
        private String example;

        private Declaration(String property, String description, ValueType<T> type) {
            if (!PROPERTY_NAME.matcher(property).matches()) {
                throw new IllegalArgumentException("'" + property + "' is not a lower-case opstate.* property name");
            }
            this.property = property;
            this.description = Objects.requireNonNull(description, "description");
            this.type = type;
        }

        /** The value when none is given; without one the setting is unset by default. */
        Declaration<T> byDefault(T value) {
            this.defaultValue = Objects.requireNonNull(value, "default");
            return this;
        }

        /** A value must be given although there is no default. */
        Declaration<T> required() {
            this.required = true;
            return this;
        }

        Declaration<T> allowing(Constraint<T> constraint) {
            constraints.add(constraint);
            return this;
        }

        /** How values appear in messages and {@code toString}, e.g. with a password masked. */
        Declaration<T> shownAs(UnaryOperator<String> redaction) {
            this.redaction = redaction;
            return this;
        }

        /** A valid value other than the default, as text. */
        Declaration<T> example(String example) {
            this.example = example;
            return this;
        }

        Setting<T> toSetting() {
            if (example == null) {
                throw new IllegalStateException(property + " has no example");
            }
            Setting<T> setting = new Setting<>(this);
            setting.parse(example, property);
            return setting;
        }
    }
}
