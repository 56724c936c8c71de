package io.github.tapbitrix24.bitrix;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the tap logs under {@code io.github.tapbitrix24}, formatted as a user would read it. */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.github.tapbitrix24");
    private final Level previous;
    final List<String> lines = new CopyOnWriteArrayList<>();

    LogCapture() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        String m = r.getMessage();
        if (r.getParameters() != null) {
            m = java.text.MessageFormat.format(m, r.getParameters());
        }
        lines.add(r.getLevel() + " " + m + (r.getThrown() == null ? "" : " " + r.getThrown()));
    }

    boolean any(String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
