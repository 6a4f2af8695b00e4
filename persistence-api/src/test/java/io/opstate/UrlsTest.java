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
    @DisplayName("URLs without a password are unchanged; null stays null")
    void nothingToMask() {
        assertThat(Urls.mask("jdbc:sqlite:data/app.db")).isEqualTo("jdbc:sqlite:data/app.db");
        assertThat(Urls.mask("memory:")).isEqualTo("memory:");
        assertThat(Urls.mask("jdbc:postgresql://db:5432/app?user=ops")).isEqualTo("jdbc:postgresql://db:5432/app?user=ops");
        assertThat(Urls.mask(null)).isNull();
    }
}
