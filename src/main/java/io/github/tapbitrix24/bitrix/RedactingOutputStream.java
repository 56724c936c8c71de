package io.github.tapbitrix24.bitrix;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes on their way out with every occurrence of the secret replaced by {@code ***}, whatever wrote
 * them (records, SCHEMA labels, the catalog, log lines, error messages). A secret split across two
 * writes is still caught: the tail of the buffer that could begin the secret is held back until the
 * next write shows whether it does; on flush only such a tail is held back (a line ending in a
 * newline never is), so STATE messages still reach the target when flushed.
 */
final class RedactingOutputStream extends FilterOutputStream {
    private static final byte[] MASK = "***".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;
    /** Boyer-Moore-Horspool: how far the window may move when its last byte is this one. */
    private final int[] shift = new int[256];
    private final byte[] buf = new byte[1 << 16];
    private int count;

    RedactingOutputStream(OutputStream out, String secret) {
        super(out);
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        int m = this.secret.length;
        Arrays.fill(shift, m);
        for (int i = 0; i < m - 1; i++) {
            shift[this.secret[i] & 0xff] = m - 1 - i;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buf.length - count);
            System.arraycopy(b, off, buf, count, n);
            count += n;
            off += n;
            len -= n;
            if (count == buf.length) {
                drain();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        drain();
        out.write(buf, 0, count); // what is held back cannot be the whole secret
        count = 0;
        out.close();
    }

    /**
     * Writes the buffer with the secret masked, keeping back a tail that may begin the secret. Every
     * byte of stdout passes here: the search skips by the window's last byte (Boyer-Moore-Horspool),
     * so it looks at about one byte in {@code secret.length} instead of every byte.
     */
    private void drain() throws IOException {
        int start = 0;
        int i = 0;
        int m = secret.length;
        int last = count - m;
        byte lastOfSecret = secret[m - 1];
        while (i <= last) {
            byte b = buf[i + m - 1];
            if (b == lastOfSecret && Arrays.equals(buf, i, i + m, secret, 0, m)) {
                out.write(buf, start, i - start);
                out.write(MASK);
                i += m;
                start = i;
            } else {
                i += shift[b & 0xff];
            }
        }
        int keep = heldBack(start);
        out.write(buf, start, count - keep - start);
        System.arraycopy(buf, count - keep, buf, 0, keep);
        count = keep;
    }

    /** The longest tail of the buffer after {@code from} that is a proper prefix of the secret. */
    private int heldBack(int from) {
        for (int k = Math.min(secret.length - 1, count - from); k > 0; k--) {
            if (Arrays.equals(buf, count - k, count, secret, 0, k)) {
                return k;
            }
        }
        return 0;
    }
}
