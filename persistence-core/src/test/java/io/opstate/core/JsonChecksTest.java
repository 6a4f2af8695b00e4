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

    /** At the edges of what PostgreSQL's numeric holds: 131,072 digits before the point, 16,383 after. */
    @ParameterizedTest
    @ValueSource(strings = {"1e131071", "-9.99e131071", "99e131070", "0.1e131072", "0.001e131074", "1e-16383",
            "-12345e-16383", "0e131072", "0e1073741822", "-0.0e-16382", "1E+1000", "[1.5e300, {\"n\": -2E-300}]"})
    void acceptsNumbersEveryBackendStores(String json) {
        assertThat(JsonChecks.required("payload", json, LIMIT)).isSameAs(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "-1e999999", "1e-999999", "-1e-999999", "1e131072", "99e131071", "10e131071",
            "1e-16384", "0.5e-16383", "1.0e-16383", "0e-16384", "0e1073741823", "1e99999999999999999999999",
            "{\"a\": [0, {\"b\": 1e999999}]}", "[1e-999999]"})
    void refusesNumbersBeyondWhatEveryBackendStores(String json) {
        assertThatThrownBy(() -> JsonChecks.required("payload", json, LIMIT))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("payload");
                    assertThat(e.problem()).contains("number");
                });
    }

    @Test
    void refusesNestingDeeperThanAThousandLevels() {
        String deepest = "[".repeat(1000) + "]".repeat(1000);
        assertThat(JsonChecks.required("steps", deepest, 1 << 20)).isSameAs(deepest);
        assertRefused(() -> JsonChecks.required("steps", "[" + deepest + "]", 1 << 20), "steps");
    }

    @Test
    void quotesTheParsersMessageEscapedAndCut() {
        String forged = "nope" + "x".repeat(100_000) + "\n2026-01-01 INFO forged";
        assertThatThrownBy(() -> JsonChecks.required("payload", forged, 1 << 20))
                .isInstanceOf(InvalidInputException.class)
                .message().hasSizeLessThan(500).doesNotContain("\n");
        assertThatThrownBy(() -> JsonChecks.required("payload", "[\u2028]", LIMIT))
                .isInstanceOf(InvalidInputException.class)
                .message().doesNotContain("\u2028");
    }

    private static void assertRefused(Runnable check, String field) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
