package io.opstate.core.archives;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line of an archive entry: a record of the API as a JSON object whose fields are the
 * record's components, by name and in order. Instants are ISO-8601 strings in UTC, enums their
 * names, zones their ids; JSON documents a record holds (payloads, metadata) stay JSON text in a
 * string, byte for byte, so a host's document is never re-encoded. Reading refuses a missing
 * field, an unknown one, or a value of the wrong kind with {@link LineException}.
 */
final class RecordCodec<T extends Record> {
    private final Class<T> type;
    private final RecordComponent[] components;
    private final Constructor<T> constructor;
    /** The components' names and generic types, looked up once rather than per line. */
    private final Set<String> names = new LinkedHashSet<>();
    private final Type[] types;

    RecordCodec(Class<T> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.types = new Type[components.length];
        for (int i = 0; i < components.length; i++) {
            names.add(components[i].getName());
            types[i] = components[i].getGenericType();
        }
        Class<?>[] parameters = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameters[i] = components[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no canonical constructor of " + type, e);
        }
    }

    /** The names of the fields of a line, in order. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : components) {
            names.add(component.getName());
        }
        return names;
    }

    void write(JsonGenerator json, T record) throws IOException {
        json.writeStartObject();
        for (RecordComponent component : components) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
            json.writeFieldName(component.getName());
            writeValue(json, value);
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Instant || value instanceof ZoneId || value instanceof Enum<?>) {
            json.writeString(value instanceof Enum<?> constant ? constant.name() : value.toString());
        } else if (value instanceof Set<?> set) {
            json.writeStartArray();
            for (Object element : set) {
                writeValue(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(entry.getKey().toString());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else {
            throw new IllegalStateException("no archive form for " + value.getClass());
        }
    }

    /** {@code record} with the component {@code name} set to {@code value}, every other kept. */
    T with(T record, String name, Object value) {
        Object[] values = new Object[components.length];
        boolean found = false;
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                values[i] = value;
                found = true;
            } else {
                try {
                    values[i] = components[i].getAccessor().invoke(record);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + components[i], e);
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no component " + name);
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot build " + type, e);
        }
    }

    T read(JsonNode line) {
        if (!line.isObject()) {
            throw new LineException("must be a JSON object");
        }
        Iterator<String> fields = line.fieldNames();
        while (fields.hasNext()) {
            String name = fields.next();
            if (!names.contains(name)) {
                throw new LineException("has the unknown field " + name + " (a " + type.getSimpleName()
                        + " has " + fieldNames() + ")");
            }
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            if (!line.has(component.getName())) {
                throw new LineException("lacks the field " + component.getName());
            }
            try {
                values[i] = readValue(line.get(component.getName()), types[i]);
            } catch (RuntimeException e) {
                throw new LineException("field " + component.getName() + ": " + e.getMessage());
            }
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new LineException("is not a valid " + type.getSimpleName() + ": " + e.getCause().getMessage());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot build " + type, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readValue(JsonNode node, Type type) {
        Class<?> raw = type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        if (node.isNull()) {
            if (raw.isPrimitive()) {
                throw new IllegalArgumentException("must not be null");
            }
            return null;
        }
        if (raw == String.class) {
            return requireText(node);
        }
        if (raw == long.class || raw == Long.class) {
            if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
                throw new IllegalArgumentException("must be a whole number, got " + node);
            }
            return node.longValue();
        }
        if (raw == int.class || raw == Integer.class) {
            if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
                throw new IllegalArgumentException("must be a whole number in int range, got " + node);
            }
            return node.intValue();
        }
        if (raw == double.class || raw == Double.class) {
            if (!node.isNumber()) {
                throw new IllegalArgumentException("must be a number, got " + node);
            }
            return node.doubleValue();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (!node.isBoolean()) {
                throw new IllegalArgumentException("must be true or false, got " + node);
            }
            return node.booleanValue();
        }
        if (raw == Instant.class) {
            return Instant.parse(requireText(node));
        }
        if (raw == ZoneId.class) {
            return ZoneId.of(requireText(node));
        }
        if (raw.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) raw, requireText(node));
        }
        Type[] arguments = type instanceof ParameterizedType parameterized
                ? parameterized.getActualTypeArguments() : new Type[0];
        if (raw == Set.class) {
            if (!node.isArray()) {
                throw new IllegalArgumentException("must be an array, got " + node);
            }
            Set<Object> set = new LinkedHashSet<>();
            for (JsonNode element : node) {
                set.add(readValue(element, arguments[0]));
            }
            return set;
        }
        if (raw == Map.class) {
            if (!node.isObject()) {
                throw new IllegalArgumentException("must be an object, got " + node);
            }
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                map.put(field.getKey(), readValue(field.getValue(), arguments[1]));
            }
            return map;
        }
        throw new IllegalStateException("no archive form for " + type);
    }

    private static String requireText(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("must be a string, got " + node.getNodeType());
        }
        return node.textValue();
    }
}
