package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.bitrix.WebhookUrl;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The one place every byte the tap writes to stdout or stderr passes: once the config names the
 * webhook, the secret is masked here ({@link WebhookUrl#redacting}), whatever produced the text: a
 * record, a label in a SCHEMA or the catalog, a log line, an error. Records (file links the portal
 * builds for the caller carry the webhook) are masked here only; error texts are also redacted where
 * they are made, since an exception's message can travel further than stderr. A write error of the
 * underlying {@link PrintStream} (which only sets a flag) is turned back into an {@link IOException}
 * at flush, so a closed stdout still ends the run.
 */
final class SecretFilter extends OutputStream {
    private final PrintStream raw;
    private volatile OutputStream target;

    SecretFilter(PrintStream raw) {
        this.raw = raw;
        this.target = raw;
    }

    /** From now on, masks {@code webhook}'s secret. */
    synchronized void redactWith(WebhookUrl webhook) throws IOException {
        target.flush();
        target = webhook.redacting(raw);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        target.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        target.write(b, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        target.flush();
        if (raw.checkError()) {
            throw new IOException("the stream is closed");
        }
    }
}
