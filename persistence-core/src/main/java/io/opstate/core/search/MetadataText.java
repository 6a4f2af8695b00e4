package io.opstate.core.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The searchable text of a construct's metadata: its string values at any depth, one per line.
 * Keys and other values are not searched. Objects are read in key order, so the text is the same
 * whether the JSON comes from the host or back from a database that reorders keys (PostgreSQL's
 * jsonb), and so are the positions of its words.
 */
public final class MetadataText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private MetadataText() {
    }

    /** The text of {@code json}, a valid JSON document; empty for null. */
    public static String of(String json) {
        if (json == null) {
            return "";
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            List<String> strings = new ArrayList<>();
            parser.nextToken();
            collect(parser, strings);
            return String.join("\n", strings);
        } catch (IOException e) {
            throw new UncheckedIOException("stored metadata is not JSON", e);
        }
    }

    /** Adds the strings of the value at the parser's current token, objects in key order. */
    private static void collect(JsonParser parser, List<String> strings) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            strings.add(parser.getText());
        } else if (token == JsonToken.START_ARRAY) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                collect(parser, strings);
            }
        } else if (token == JsonToken.START_OBJECT) {
            Map<String, List<String>> byKey = new TreeMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                List<String> values = new ArrayList<>();
                collect(parser, values);
                // a key given twice keeps its last value, as JSON readers (and jsonb) do
                byKey.put(key, values);
            }
            byKey.values().forEach(strings::addAll);
        }
    }
}
