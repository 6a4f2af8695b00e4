package io.opstate.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SegmentedAesGcmTest {
    private static final BackupKey KEY = BackupKey.parse(Base64.getEncoder().encodeToString(bytes(32, 1)));
    private static final BackupKey OTHER = BackupKey.parse(Base64.getEncoder().encodeToString(bytes(32, 2)));
    private static final int SEGMENT = SegmentedAesGcm.SEGMENT;

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] encrypt(byte[] plain, BackupKey key) throws IOException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = SegmentedAesGcm.encrypting(sealed, key)) {
            // in uneven pieces, as a copy loop writes
            for (int i = 0; i < plain.length; i += 70_001) {
                out.write(plain, i, Math.min(70_001, plain.length - i));
            }
        }
        return sealed.toByteArray();
    }

    private static byte[] decrypt(byte[] sealed, BackupKey key) throws IOException {
        try (InputStream in = SegmentedAesGcm.decrypting(new ByteArrayInputStream(sealed), key)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 17})
    void whatIsEncryptedDecryptsToTheSameBytes(int size) throws IOException {
        byte[] plain = bytes(size, size);
        byte[] sealed = encrypt(plain, KEY);
        assertThat(decrypt(sealed, KEY)).isEqualTo(plain);
        if (size > 64) {
            assertThat(new String(sealed, 0, Math.min(sealed.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String(plain, 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void anotherKeyIsRefused() throws IOException {
        byte[] sealed = encrypt(bytes(5000, 3), KEY);
        assertThatThrownBy(() -> decrypt(sealed, OTHER)).isInstanceOf(IOException.class).hasMessageContaining("another key");
    }

    @Test
    void aChangedByteIsRefused() throws IOException {
        byte[] sealed = encrypt(bytes(2 * SEGMENT, 4), KEY);
        sealed[sealed.length / 2] ^= 1;
        assertThatThrownBy(() -> decrypt(sealed, KEY)).isInstanceOf(IOException.class);
    }

    @Test
    void aStreamCutAtASegmentBoundaryIsRefused() throws IOException {
        byte[] sealed = encrypt(bytes(2 * SEGMENT + 10, 5), KEY);
        int header = 8 + 4 + 8;
        byte[] firstTwoSegments = Arrays.copyOf(sealed, header + 2 * (SEGMENT + 16));
        assertThatThrownBy(() -> decrypt(firstTwoSegments, KEY)).isInstanceOf(IOException.class);
        byte[] headerOnly = Arrays.copyOf(sealed, header);
        assertThatThrownBy(() -> decrypt(headerOnly, KEY)).isInstanceOf(IOException.class).hasMessageContaining("cut short");
    }

    @Test
    void twoEncryptionsOfTheSameBytesDiffer() throws IOException {
        byte[] plain = bytes(100, 6);
        assertThat(encrypt(plain, KEY)).isNotEqualTo(encrypt(plain, KEY));
    }

    @Test
    void aKeyMustBe256BitsOfBase64AndIsNeverShown() {
        assertThatThrownBy(() -> BackupKey.parse("not base64!")).hasMessageContaining("opstate.backup-key");
        assertThatThrownBy(() -> BackupKey.parse(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThat(KEY.toString()).doesNotContain(Base64.getEncoder().encodeToString(bytes(32, 1)))
                .contains(KEY.fingerprint());
        assertThat(KEY.fingerprint()).hasSize(16).isNotEqualTo(OTHER.fingerprint());
    }
}
