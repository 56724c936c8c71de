package io.github.tapbitrix24.bitrix;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A response body read up to a cap: one byte past it throws {@link TooLarge}. */
final class CappedInputStream extends FilterInputStream {
    /** The body is longer than the cap. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("response larger than the cap");
        }
    }

    private final long cap;
    private long read;

    CappedInputStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws TooLarge {
        read += n;
        if (read > cap) {
            throw new TooLarge();
        }
    }
}
