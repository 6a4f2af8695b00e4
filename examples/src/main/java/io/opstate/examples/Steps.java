package io.opstate.examples;

import java.util.ArrayList;
import java.util.List;

/** The steps of one execution so far, rendered as the JSON stored with it. Not thread-safe. */
final class Steps {
    private final List<String> entries = new ArrayList<>();

    void done(String stage) {
        entries.add(entry(stage, "done"));
    }

    void failed(String stage) {
        entries.add(entry(stage, "failed"));
    }

    String toJson() {
        return "[" + String.join(", ", entries) + "]";
    }

    private static String entry(String stage, String status) {
        return "{\"step\": " + Json.quote(stage) + ", \"status\": " + Json.quote(status) + "}";
    }
}
