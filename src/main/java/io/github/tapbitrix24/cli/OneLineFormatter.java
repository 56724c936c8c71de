package io.github.tapbitrix24.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.UnaryOperator;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code LEVEL message} on one line, for stderr. Stack traces only when the handler lets FINE
 * through (--log-level debug). Every line passes through the redactor and then
 * {@link io.github.tapbitrix24.bitrix.WebhookUrl#maskAny}: a last guard so that the webhook secret
 * cannot leak even from a message someone forgot to mask, or one logged before the config is read.
 */
final class OneLineFormatter extends Formatter {
    private final boolean traces;
    private volatile UnaryOperator<String> redactor = UnaryOperator.identity();

    OneLineFormatter(boolean traces) {
        this.traces = traces;
    }

    void redactWith(UnaryOperator<String> r) {
        redactor = r;
    }

    @Override
    public String format(LogRecord r) {
        StringBuilder line = new StringBuilder(level(r.getLevel())).append(' ').append(formatMessage(r));
        if (r.getThrown() != null) {
            if (traces) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                line.append(System.lineSeparator()).append(w.toString().stripTrailing());
            } else if (r.getThrown().getMessage() != null && !line.toString().contains(r.getThrown().getMessage())) {
                line.append(": ").append(r.getThrown().getMessage());
            }
        }
        return io.github.tapbitrix24.bitrix.WebhookUrl.maskAny(redactor.apply(line.toString())) + System.lineSeparator();
    }

    static String level(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }
}
