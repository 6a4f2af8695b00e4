package io.opstate.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenSecretsTest {
    private static final String ID = "019a8f3e-6f2a-7c41-9d2e-5b7f0c1a2b3c";

    @Test
    void secretsCarryTheIdAnd256RandomBits() {
        TokenSecrets secrets = TokenSecrets.withPepper(null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = secrets.newSecret(ID);
            assertThat(secret).hasSize(TokenSecrets.SECRET_LENGTH).startsWith("ost_" + ID + "_");
            assertThat(TokenSecrets.idOf(secret)).contains(ID);
            assertThat(seen.add(secret)).isTrue();
        }
    }

    @Test
    void theHashNeverEqualsOrContainsTheSecret() {
        for (TokenSecrets secrets : new TokenSecrets[] {TokenSecrets.withPepper(null), TokenSecrets.withPepper("p")}) {
            for (int i = 0; i < 200; i++) {
                String secret = secrets.newSecret(ID);
                String hash = secrets.hash(secret);
                String random = secret.substring(("ost_" + ID + "_").length());
                assertThat(random).hasSize(43);
                assertThat(hash).hasSize(64).matches("[0-9a-f]{64}").isNotEqualTo(secret)
                        .doesNotContain(secret).doesNotContain(random).doesNotContain(ID);
            }
        }
    }

    @Test
    void withoutPepperSha256WithPepperHmac() throws Exception {
        String secret = TokenSecrets.withPepper(null).newSecret(ID);
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        assertThat(TokenSecrets.withPepper(null).hash(secret))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("pepper".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(TokenSecrets.withPepper("pepper").hash(secret)).isEqualTo(HexFormat.of().formatHex(mac.doFinal(bytes)));
        assertThat(TokenSecrets.withPepper("other").hash(secret)).isNotEqualTo(TokenSecrets.withPepper("pepper").hash(secret));
        assertThat(TokenSecrets.withPepper("s3cr3t-value").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void thePeppersFingerprintIsAnHmacOfAFixedLabel() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("pepper".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(
                "opstate token pepper fingerprint v1".getBytes(StandardCharsets.UTF_8)));

        assertThat(TokenSecrets.withPepper("pepper").pepperFingerprint()).contains(expected);
        assertThat(TokenSecrets.withPepper("other").pepperFingerprint()).isNotEqualTo(Optional.of(expected));
        assertThat(TokenSecrets.withPepper(null).pepperFingerprint()).isEmpty();
    }

    @Test
    void thePepperIsNeverShownInTheConfiguration() {
        PersistenceConfig config = PersistenceConfig.builder("memory:").set(Settings.TOKEN_PEPPER, "s3cr3t-value").build();
        assertThat(config.toString()).contains("opstate.token-pepper").doesNotContain("s3cr3t");
        assertThat(TokenSecrets.from(config).hash("x")).isEqualTo(TokenSecrets.withPepper("s3cr3t-value").hash("x"));
    }

    @Test
    void malformedSecretsNameNoId() {
        String secret = TokenSecrets.withPepper(null).newSecret(ID);
        assertThat(TokenSecrets.idOf(secret.substring(1))).isEmpty();
        assertThat(TokenSecrets.idOf("")).isEmpty();
        assertThat(TokenSecrets.idOf("xst_" + secret.substring(4))).isEmpty();
        assertThat(TokenSecrets.idOf(secret.replace(ID + "_", ID + "-"))).isEmpty();
    }

    @Test
    void hashesCompareByEveryByte() {
        String hash = TokenSecrets.withPepper(null).hash("a");
        assertThat(TokenSecrets.sameHash(hash, hash)).isTrue();
        assertThat(TokenSecrets.sameHash(hash, hash.substring(0, 63) + (hash.charAt(63) == '0' ? '1' : '0'))).isFalse();
        assertThat(TokenSecrets.sameHash(hash, TokenSecrets.withPepper(null).hash("b"))).isFalse();
    }
}
