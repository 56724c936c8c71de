package io.github.tapbitrix24.bitrix;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body read up to a cap: one byte past it throws {@link TooLarge}. A second, movable
 * limit bounds one part of the body (a page of a batch answer, {@link BatchAnswerReader}), so no
 * single part can grow a tree of more than that many bytes.
 */
final class CappedInputStream extends FilterInputStream {
    /** The body, or the part of it being read, is longer than its cap. */
    static final class TooLarge extends IOException {
        private final boolean part;

        TooLarge(boolean part) {
            super(part ? "a part of the response larger than its cap" : "response larger than the cap");
            this.part = part;
        }

        /** Whether the part limit ({@link #limitPart}) was passed, not the whole body's cap. */
        boolean part() {
            return part;
        }
    }

    private final long cap;
    private long read;
    private long partEnd = Long.MAX_VALUE;
    private long partCap;

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

    /**
     * From here on at most {@code max} more bytes until the next call (a parser reads ahead by one
     * buffer, so the bound is approximate by that much, never unbounded).
     */
    void limitPart(long max) {
        partCap = max;
        partEnd = read + max;
    }

    /** The last limit given to {@link #limitPart}. */
    long partCap() {
        return partCap;
    }

    private void count(long n) throws TooLarge {
        read += n;
        if (read > cap) {
            throw new TooLarge(false);
        }
        if (read > partEnd) {
            throw new TooLarge(true);
        }
    }
}
