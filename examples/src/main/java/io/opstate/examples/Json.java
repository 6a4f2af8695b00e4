package io.opstate.examples;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON for the example's flat payloads, to keep it free of dependencies. OpState
 * stores and returns JSON as text (a PostgreSQL store may reorder keys and whitespace); a real
 * host would read and write it with its JSON library, e.g. Jackson.
 */
public final class Json {
    private Json() {
    }

    /** A JSON string literal for {@code text}. */
    public static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /** A flat JSON object of strings, numbers, booleans and nulls, in the map's order. */
    public static String object(Map<String, ?> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append(quote(key)).append(": ")
                    .append(value instanceof String text ? quote(text) : String.valueOf(value));
        });
        return json.append('}').toString();
    }

    /** The value of a top-level string or number field of a flat JSON object, or {@code fallback}. */
    static String field(String json, String name, String fallback) {
        if (json == null) {
            return fallback;
        }
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(?:\"([^\"]*)\"|(-?[0-9.]+))")
                .matcher(json);
        if (!m.find()) {
            return fallback;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
