package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextChecksTest {
    @Test
    void namesCountCodePointsUpTo200() {
        assertThat(TextChecks.name("type", "a".repeat(200))).hasSize(200);
        assertThat(TextChecks.name("type", "😀".repeat(200))).hasSize(400);
        assertRefused(() -> TextChecks.name("type", "😀".repeat(201)), "type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "a\nb", "a\u007fb", "a\u0085b", "a\u0000b", "\ud800"})
    void refusesBlankOrControlOrBrokenNames(String value) {
        assertRefused(() -> TextChecks.name("workerId", value), "workerId");
    }

    @Test
    void nullNamesOnlyWhereOptional() {
        assertThat(TextChecks.optionalName("stage", null)).isNull();
        assertRefused(() -> TextChecks.name("event", null), "event");
        assertThat(TextChecks.names("types", null)).isEmpty();
        assertThat(TextChecks.names("types", Arrays.asList("a", "b"))).isEqualTo(Set.of("a", "b"));
        assertRefused(() -> TextChecks.names("types", Arrays.asList("a", null)), "types");
    }

    @Test
    void freeTextAllowsLineBreaksButNotNul() {
        assertThat(TextChecks.text("message", "line 1\nline 2\ttab")).contains("\n");
        assertThat(TextChecks.text("message", "x".repeat(10_000))).hasSize(10_000);
        assertRefused(() -> TextChecks.text("message", "x".repeat(10_001)), "message");
        assertRefused(() -> TextChecks.text("message", "a\u0000"), "message");
        assertRefused(() -> TextChecks.requiredText("error", ""), "error");
    }

    @Test
    void sizedTextCountsUtf8Bytes() {
        assertThat(TextChecks.sizedText("detail", "é".repeat(512), 1024)).hasSize(512);
        assertRefused(() -> TextChecks.sizedText("detail", "é".repeat(513), 1024), "detail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ascii", "é", "€", "😀", "mixed é € 😀 text", "\ud800 lone"})
    void utf8LengthMatchesTheEncoderForValidText(String value) {
        long expected = value.contains("\ud800") ? value.length() + 2 : value.getBytes(StandardCharsets.UTF_8).length;

        assertThat(TextChecks.utf8Length(value)).isEqualTo(expected);
    }

    @Test
    void utf8LengthOfARangeCountsOnlyItsCharactersAndKeepsAPairAtItsEndWhole() {
        String value = "aé€😀b";
        assertThat(TextChecks.utf8Length(value, 1, 3)).isEqualTo(5);
        assertThat(TextChecks.utf8Length(value, 3, 5)).as("the pair inside the range").isEqualTo(4);
        assertThat(TextChecks.utf8Length(value, 3, 4)).as("half a pair at the range's end").isEqualTo(3);
        assertThat(TextChecks.utf8Length(value, 2, 2)).isZero();
    }

    private static void assertRefused(Runnable check, String field) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
