package io.github.tapbitrix24.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * stdout for Singer messages. {@link PrintStream} swallows write errors (it only sets a flag), so
 * a tap whose reader has gone ({@code | head}, a crashed target: EPIPE) would go on extracting the
 * whole portal into nothing. This stream turns the flag back into an {@link IOException} at the
 * first failed write, which ends the run (exit 1, one line on stderr).
 */
final class CheckedOutput extends OutputStream {
    private final PrintStream out;

    private CheckedOutput(PrintStream out) {
        this.out = out;
    }

    /** {@code out} itself unless it is a PrintStream. */
    static OutputStream of(OutputStream out) {
        return out instanceof PrintStream ps ? new CheckedOutput(ps) : out;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        check();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        check();
    }

    @Override
    public void flush() throws IOException {
        check(); // checkError() flushes
    }

    private void check() throws IOException {
        if (out.checkError()) {
            throw new IOException("stdout is closed");
        }
    }
}
