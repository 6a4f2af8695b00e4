package io.opstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.spi.Urls;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    @DisplayName("query-string passwords are masked, in any case and position")
    void queryPasswords() {
        assertThat(Urls.mask("jdbc:postgresql://db/app?user=ops&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/app?user=ops&password=****&ssl=true");
        assertThat(Urls.mask("jdbc:postgresql://db/app?PASSWORD=s3cret")).isEqualTo("jdbc:postgresql://db/app?PASSWORD=****");
        assertThat(Urls.mask("jdbc:x://h/d;pwd=abc;user=u")).isEqualTo("jdbc:x://h/d;pwd=****;user=u");
        assertThat(Urls.mask("jdbc:postgresql://h/d?sslpassword=k&pass=p"))
                .doesNotContain("=k").doesNotContain("=p").contains("sslpassword=****", "pass=****");
    }

    @Test
    @DisplayName("user-info passwords are masked; the user name stays")
    void userInfoPassword() {
        assertThat(Urls.mask("postgresql://ops:s3cret@db:5432/app")).isEqualTo("postgresql://ops:****@db:5432/app");
        assertThat(Urls.mask("jdbc:postgresql://ops:s3cret@db/app?password=other"))
                .doesNotContain("s3cret").doesNotContain("other").contains("ops:****@db");
    }

    @Test
    @DisplayName("a percent-encoded parameter name is recognised; a percent-encoded password is masked whole")
    void percentEncoded() {
        assertThat(Urls.mask("jdbc:postgresql://db/app?user=ops&pass%77ord=s3cret"))
                .isEqualTo("jdbc:postgresql://db/app?user=ops&pass%77ord=****");
        assertThat(Urls.mask("jdbc:postgresql://db/app?%50ASSWORD=s3cret&x=1")).isEqualTo("jdbc:postgresql://db/app?%50ASSWORD=****&x=1");
        assertThat(Urls.mask("jdbc:postgresql://db/app?password=s%33cr%26t&x=1")).isEqualTo("jdbc:postgresql://db/app?password=****&x=1");
        assertThat(Urls.mask("jdbc:postgresql://db/app?pass%zzword=s3cret")).isEqualTo("jdbc:postgresql://db/app?pass%zzword=s3cret");
    }

    @Test
    @DisplayName("a user-info password holding raw delimiters is masked up to the last @")
    void userInfoWithRawDelimiters() {
        assertThat(Urls.mask("jdbc:postgresql://ops:s3/cr?e#t@db:5432/app?x=1")).isEqualTo("jdbc:postgresql://ops:****@db:5432/app?x=1");
        assertThat(Urls.mask("jdbc:postgresql://ops:p@ss@db/app")).isEqualTo("jdbc:postgresql://ops:****@db/app");
        assertThat(Urls.mask("jdbc:postgresql://ops:secret/x@db/app")).doesNotContain("secret");
    }

    @Test
    @DisplayName("an @ in the parameters of a URL with ports, several hosts or IPv6 is no user-info")
    void atSignInParameters() {
        assertThat(Urls.mask("jdbc:postgresql://db:5432/app?user=me@corp")).isEqualTo("jdbc:postgresql://db:5432/app?user=me@corp");
        assertThat(Urls.mask("jdbc:postgresql://h1:5432,h2:5433/app?user=me@corp"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/app?user=me@corp");
        assertThat(Urls.mask("jdbc:postgresql://[::1]:5432/app?user=me@corp")).isEqualTo("jdbc:postgresql://[::1]:5432/app?user=me@corp");
    }

    @Test
    @DisplayName("shown masks, escapes line breaks and control characters, and cuts")
    void shown() {
        assertThat(Urls.shown("jdbc:postgresql://db/app?password=s3cret\nINFO forged")).isEqualTo(
                "jdbc:postgresql://db/app?password=****");
        assertThat(Urls.shown("jdbc:x://db/app?user=a\nINFO forged")).isEqualTo("jdbc:x://db/app?user=a\\nINFO forged");
        assertThat(Urls.shown("memory:" + "x".repeat(1_000_000))).hasSizeLessThan(Urls.MAX_SHOWN + 40);
        assertThat(Urls.shown(null)).isEqualTo("null");
    }

    @Test
    @DisplayName("URLs without a password are unchanged; null stays null")
    void nothingToMask() {
        assertThat(Urls.mask("jdbc:sqlite:data/app.db")).isEqualTo("jdbc:sqlite:data/app.db");
        assertThat(Urls.mask("memory:")).isEqualTo("memory:");
        assertThat(Urls.mask("jdbc:postgresql://db:5432/app?user=ops")).isEqualTo("jdbc:postgresql://db:5432/app?user=ops");
        assertThat(Urls.mask(null)).isNull();
    }
}
