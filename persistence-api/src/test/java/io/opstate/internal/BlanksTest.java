package io.opstate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BlanksTest {

    @Test
    @DisplayName("spaces, tabs and line breaks around the text go; inside it they stay")
    void stripsBlanks() {
        assertThat(Blanks.strip(" \t\r\n a b \n\r\t ")).isEqualTo("a b");
        assertThat(Blanks.strip(" \n ")).isEmpty();
        assertThat(Blanks.strip("")).isEmpty();
        assertThat(Blanks.strip(null)).isNull();
    }

    @Test
    @DisplayName("NUL, other control characters and other spaces are never removed")
    void keepsEverythingElse() {
        assertThat(Blanks.strip("running\u0000")).isEqualTo("running\u0000");
        assertThat(Blanks.strip("\u0000 x")).isEqualTo("\u0000 x");
        assertThat(Blanks.strip("x\u001F")).isEqualTo("x\u001F");
        assertThat(Blanks.strip("\u000Bx\u000C")).isEqualTo("\u000Bx\u000C");
        assertThat(Blanks.strip("\u00A0x\u2028")).isEqualTo("\u00A0x\u2028");
    }
}
