package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonChecksTest {
    private static final int LIMIT = 1024;

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "null", "true", "0", "-1.5e10", "\"text\"", " {\"a\": [1, {\"b\": null}]}\n",
            "\"é😀\"", "\"\\n\\u00e9\\ud83d\\ude00\"", "[[[[[[[[[[1]]]]]]]]]]", "{\"a\":{\"a\":1}}"})
    void acceptsOneWellFormedValueUnchanged(String json) {
        assertThat(JsonChecks.required("payload", json, LIMIT)).isSameAs(json);
    }

    @Test
    void optionalLetsNullThroughAndRequiredDoesNot() {
        assertThat(JsonChecks.optional("payload", null, LIMIT)).isNull();
        assertRefused(() -> JsonChecks.required("config", null, LIMIT), "config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "}", "{\"a\":}", "[1,]", "'single'", "NaN", "{a:1}", "// c\n{}",
            "{\"a\" 1}", "tru", "01", "\"unterminated", "\"raw\ttab\""})
    void refusesMalformedJson(String json) {
        assertRefused(() -> JsonChecks.required("payload", json, LIMIT), "payload");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} x", "{}}", "1 2", "{}{}", "[] []", "null,"})
    void refusesAnythingAfterTheValue(String json) {
        assertRefused(() -> JsonChecks.required("result", json, LIMIT), "result");
    }

    @Test
    void refusesDuplicateKeysBecauseJsonbWouldDropOne() {
        assertRefused(() -> JsonChecks.required("config", "{\"a\":1,\"b\":{},\"a\":2}", LIMIT), "config");
    }

    @Test
    void countsUtf8BytesAgainstTheLimit() {
        assertThat(JsonChecks.required("payload", "\"12345678\"", 10)).isNotNull();
        assertRefused(() -> JsonChecks.required("payload", "\"123456789\"", 10), "payload");
        // Four two-byte characters and two quotes: 10 bytes in 6 characters.
        assertThat(JsonChecks.required("payload", "\"éééé\"", 10)).isNotNull();
        assertRefused(() -> JsonChecks.required("payload", "\"ééééé\"", 10), "payload");
        assertRefused(() -> JsonChecks.required("payload", "\"😀😀😀\"", 10), "payload");
    }

    @Test
    void checksTheSizeBeforeParsing() {
        String hugeAndBroken = "{" + " ".repeat(2000);

        assertThatThrownBy(() -> JsonChecks.required("payload", hugeAndBroken, LIMIT))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problem()).contains("bytes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\u0000\"", "\"a\u0000b\"", "{\"k\\u0000\":1}", "[\"ok\", {\"x\": \"\\u0000\"}]", "\"\\ud800\"",
            "\"\\udc00x\""})
    void refusesNulAndUnpairedSurrogatesRawOrEscaped(String json) {
        assertRefused(() -> JsonChecks.required("metadata", json, LIMIT), "metadata");
    }

    @Test
    void namesTheProblem() {
        assertThatThrownBy(() -> JsonChecks.required("payload", "\"\\u0000\"", LIMIT))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problem()).contains("NUL"));
        assertThatThrownBy(() -> JsonChecks.required("payload", "1 2", LIMIT))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problem()).contains("exactly one JSON value"));
    }

    private static void assertRefused(Runnable check, String field) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
