package io.opstate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UserTextTest {

    @Test
    @DisplayName("line breaks, control and invisible formatting characters are escaped; the rest is kept")
    void escaped() {
        assertThat(UserText.escaped("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
        assertThat(UserText.escaped("\u001B[31mred\u0000")).isEqualTo("\\u001B[31mred\\u0000");
        assertThat(UserText.escaped("x\u2028y\u2029z\u0085")).isEqualTo("x\\u2028y\\u2029z\\u0085");
        assertThat(UserText.escaped("evil\u202Etxt.exe\u200B")).isEqualTo("evil\\u202Etxt.exe\\u200B");
        assertThat(UserText.escaped("C:\\data\\app.db, µs, ü, 日本")).isEqualTo("C:\\data\\app.db, µs, ü, 日本");
        assertThat(UserText.escaped(null)).isEqualTo("null");
    }

    @Test
    @DisplayName("shown cuts after 100 characters and says how many were left out")
    void shownCuts() {
        assertThat(UserText.shown("a".repeat(100))).isEqualTo("a".repeat(100));
        assertThat(UserText.shown("a".repeat(101))).isEqualTo("a".repeat(100) + "... (1 more characters)");
        assertThat(UserText.shown("\n".repeat(150))).isEqualTo("\\n".repeat(100) + "... (50 more characters)");
    }

    @Test
    @DisplayName("an unpaired surrogate is escaped; a pair is kept as the character it makes")
    void unpairedSurrogates() {
        assertThat(UserText.escaped("a\uD800b\uDC00c")).isEqualTo("a\\uD800b\\uDC00c");
        assertThat(UserText.escaped("\uDC00\uD800")).isEqualTo("\\uDC00\\uD800");
        assertThat(UserText.escaped("end\uD83D")).isEqualTo("end\\uD83D");
        assertThat(UserText.escaped("😀")).isEqualTo("😀");
    }

    @Test
    @DisplayName("shown with a length cuts there, and at zero shows only the note")
    void shownWithALength() {
        assertThat(UserText.shown("abcdef", 3)).isEqualTo("abc... (3 more characters)");
        assertThat(UserText.shown("a\nb", 3)).isEqualTo("a\\nb");
        assertThat(UserText.shown("abc", 0)).isEqualTo("... (3 more characters)");
    }

    @Test
    @DisplayName("a cut never splits a character made of two chars")
    void cutKeepsSurrogatePairs() {
        String text = "a".repeat(99) + "😀" + "b";
        assertThat(UserText.shown(text)).isEqualTo("a".repeat(99) + "... (3 more characters)");
    }

    @Test
    @DisplayName("quoted puts the shown text in single quotes")
    void quoted() {
        assertThat(UserText.quoted("x\ny")).isEqualTo("'x\\ny'");
        assertThat(UserText.quoted(null)).isEqualTo("'null'");
    }
}
