package io.opstate.core.backup;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Authenticated encryption of a stream of any length in bounded memory: AES-256-GCM over 1 MiB
 * segments. The JDK's GCM buffers a whole message before it releases a byte of it on decryption
 * (it must check the tag first), so a large file is cut into segments, each its own GCM message.
 *
 * <p>Layout: the header {@code "OPSGCM1\0"}, the segment size (4 bytes, big-endian) and a random
 * 8-byte nonce prefix; then the segments, each its ciphertext and 16-byte tag. A segment's nonce is
 * the prefix followed by its index (4 bytes), and its associated data is the header plus one byte
 * saying whether it is the last segment. So segments cannot be reordered, dropped, or cut off at a
 * segment boundary without the next read failing, and a stream is never shorter than its writer
 * wrote without notice. An empty stream is one empty, last segment.
 */
public final class SegmentedAesGcm {
    static final byte[] MAGIC = "OPSGCM1\0".getBytes(StandardCharsets.US_ASCII);
    static final int SEGMENT = 1 << 20;
    private static final int TAG_BYTES = 16;
    private static final int HEADER_BYTES = MAGIC.length + 4 + 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SegmentedAesGcm() {
    }

    /** Encrypts what is written to the result into {@code out}; closing the result closes {@code out}. */
    public static OutputStream encrypting(OutputStream out, BackupKey key) throws IOException {
        byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(SEGMENT).putLong(RANDOM.nextLong()).array();
        out.write(header);
        return new Encrypting(out, key, header);
    }

    /** Whether {@code in} begins with the header of an encrypted file (reads at most 8 bytes of it). */
    public static boolean startsEncrypted(InputStream in) throws IOException {
        return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    }

    /**
     * Decrypts {@code in}, which {@link #encrypting} wrote under {@code key}.
     *
     * @throws IOException (while reading) when the stream was written under another key, changed,
     *     reordered, or cut short; never returns bytes of a segment that failed its check
     */
    public static InputStream decrypting(InputStream in, BackupKey key) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        DataInputStream data = new DataInputStream(in);
        try {
            data.readFully(header);
        } catch (EOFException e) {
            throw new IOException("not an encrypted OpState file: shorter than its header");
        }
        if (!Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new IOException("not an encrypted OpState file (no OPSGCM1 header)");
        }
        int segment = ByteBuffer.wrap(header, MAGIC.length, 4).getInt();
        if (segment <= 0 || segment > 64 * SEGMENT) {
            throw new IOException("an encrypted OpState file with an impossible segment size " + segment);
        }
        return new Decrypting(data, key, header, segment);
    }

    private static Cipher cipher(int mode, BackupKey key, byte[] header, long index, boolean last) throws IOException {
        if (index > 0xFFFF_FFFFL) {
            throw new IOException("too many segments for one encrypted file");
        }
        byte[] nonce = ByteBuffer.allocate(12).put(header, MAGIC.length + 4, 8).putInt((int) index).array();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.secretKey(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(header);
            cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    private static final class Encrypting extends FilterOutputStream {
        private final BackupKey key;
        private final byte[] header;
        private final byte[] buffer = new byte[SEGMENT];
        private int filled;
        private long index;
        private boolean closed;

        Encrypting(OutputStream out, BackupKey key, byte[] header) {
            super(out);
            this.key = key;
            this.header = header;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (filled == SEGMENT) {
                    seal(false); // only once more bytes come is a full segment known not to be the last
                }
                int n = Math.min(length, SEGMENT - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                out.write(cipher(Cipher.ENCRYPT_MODE, key, header, index++, last).doFinal(buffer, 0, filled));
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encrypt: " + e.getMessage(), e);
            }
            filled = 0;
        }

        @Override
        public void flush() throws IOException {
            out.flush(); // a partial segment waits: sealing it early would mark the wrong one as last
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                seal(true);
                out.flush();
            } finally {
                out.close();
            }
        }
    }

    private static final class Decrypting extends InputStream {
        private final DataInputStream in;
        private final BackupKey key;
        private final byte[] header;
        private byte[] current;
        private byte[] lookahead;
        private int lookaheadLength;
        private byte[] plain = new byte[0];
        private int position;
        private long index;
        private boolean done;

        Decrypting(DataInputStream in, BackupKey key, byte[] header, int segment) throws IOException {
            this.in = in;
            this.key = key;
            this.header = header;
            this.current = new byte[segment + TAG_BYTES];
            this.lookahead = new byte[segment + TAG_BYTES];
            this.lookaheadLength = readSegment(lookahead);
        }

        /** Reads one sealed segment into {@code target}: its length, short only for the last; -1 at the end. */
        private int readSegment(byte[] target) throws IOException {
            int total = 0;
            while (total < target.length) {
                int n = in.read(target, total, target.length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total == 0 ? -1 : total;
        }

        /** Decrypts the next segment once the last one is used up; false at the end. */
        private boolean fill() throws IOException {
            while (position == plain.length) {
                if (done) {
                    return false;
                }
                if (lookaheadLength < 0) {
                    throw new IOException("encrypted file cut short: its last segment is missing");
                }
                byte[] swap = current;
                current = lookahead;
                lookahead = swap;
                int length = lookaheadLength;
                // Only a full segment can have another after it; whether one follows decides "last".
                lookaheadLength = length == current.length ? readSegment(lookahead) : -1;
                boolean last = lookaheadLength < 0;
                try {
                    plain = cipher(Cipher.DECRYPT_MODE, key, header, index++, last).doFinal(current, 0, length);
                } catch (GeneralSecurityException e) {
                    throw new IOException("encrypted file fails its check at segment " + (index - 1) + ": written"
                            + " under another key, changed, or cut short", e);
                }
                position = 0;
                done = last;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? plain[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
