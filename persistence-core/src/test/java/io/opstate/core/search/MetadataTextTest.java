package io.opstate.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class MetadataTextTest {
    @Test
    void stringValuesInKeyOrderOnePerLine() {
        assertThat(MetadataText.of("{\"b\": \"second\", \"a\": \"first\", \"c\": \"third\"}"))
                .isEqualTo("first\nsecond\nthird");
    }

    @Test
    void keyOrderOfTheDocumentDoesNotMatter() {
        String one = "{\"owner\": \"Zoë\", \"env\": \"prod\", \"nested\": {\"y\": \"why\", \"x\": \"ex\"}}";
        String other = "{\"nested\":{\"x\":\"ex\",\"y\":\"why\"},\"env\":\"prod\",\"owner\":\"Zoë\"}";
        assertThat(MetadataText.of(one)).isEqualTo(MetadataText.of(other)).isEqualTo("prod\nex\nwhy\nZoë");
    }

    @Test
    void nestedObjectsAndArraysAtAnyDepth() {
        assertThat(MetadataText.of("{\"tags\": [\"a\", [\"b\", {\"k\": \"c\"}], \"d\"], \"o\": {\"p\": {\"q\": \"e\"}}}"))
                .as("key o before key tags").isEqualTo("e\na\nb\nc\nd");
    }

    @Test
    void keysNumbersBooleansAndNullsAreNotText() {
        assertThat(MetadataText.of("{\"key\": 42, \"flag\": true, \"none\": null, \"pi\": 3.14, \"list\": [1, false]}"))
                .isEmpty();
        assertThat(MetadataText.of("{\"key\": \"value\"}")).doesNotContain("key");
    }

    @Test
    void escapesAreDecodedAndADuplicateKeyKeepsItsLastValue() {
        assertThat(MetadataText.of("{\"a\": \"caf\\u00e9 \\\"q\\\"\\nline\"}")).isEqualTo("café \"q\"\nline");
        assertThat(MetadataText.of("{\"a\": \"old\", \"a\": \"new\"}")).isEqualTo("new");
    }

    @Test
    void nullAndEmptyHoldNoText() {
        assertThat(MetadataText.of(null)).isEmpty();
        assertThat(MetadataText.of("{}")).isEmpty();
        assertThat(MetadataText.of("{\"a\": \"\"}")).isEmpty();
    }

    @Test
    void brokenJsonIsABug() {
        assertThatThrownBy(() -> MetadataText.of("{\"a\": ")).isInstanceOf(UncheckedIOException.class);
    }
}
