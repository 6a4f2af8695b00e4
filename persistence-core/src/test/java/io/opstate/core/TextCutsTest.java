package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextCutsTest {
    @Test
    void textWithinTheLimitIsKeptAsItIs() {
        assertThat(TextCuts.toChars(null, 100)).isNull();
        assertThat(TextCuts.toChars("x".repeat(100), 100)).isEqualTo("x".repeat(100));
        assertThat(TextCuts.toUtf8Bytes(null, 100)).isNull();
        assertThat(TextCuts.toUtf8Bytes("é".repeat(50), 100)).isEqualTo("é".repeat(50));
    }

    @Test
    void longTextKeepsItsHeadAndSaysHowMuchWasCut() {
        String cut = TextCuts.toChars("x".repeat(101), 100);
        int kept = 100 - TextCuts.noteOf(101).length();
        assertThat(cut).isEqualTo("x".repeat(kept) + "\u2026 [cut: " + (101 - kept) + " characters omitted]");
        assertThat(cut.length()).isLessThanOrEqualTo(100);
    }

    @Test
    void charactersCountCodePointsAndPairsStayWhole() {
        String cut = TextCuts.toChars("\uD83D\uDE00".repeat(200), 100);
        assertThat(cut.codePointCount(0, cut.length())).isLessThanOrEqualTo(100);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.indexOf('\u2026') - 1))).isFalse();
    }

    @Test
    void bytesCountUtf8AndPairsStayWhole() {
        String value = "a\uD83D\uDE00".repeat(1000);
        String cut = TextCuts.toUtf8Bytes(value, 1024);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024).isGreaterThan(1024 - 5);
        String head = cut.substring(0, cut.indexOf('\u2026'));
        assertThat(value).startsWith(head);
        long omitted = value.codePointCount(0, value.length()) - head.codePointCount(0, head.length());
        assertThat(cut).endsWith("[cut: " + omitted + " characters omitted]");
    }
}
