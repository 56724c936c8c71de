package io.github.tapbitrix24.cli;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** Routes java.util.logging to stderr, one line per record, at the level of --log-level. */
final class LogSetup {
    enum LogLevel {
        debug(Level.FINE), info(Level.INFO), warning(Level.WARNING), error(Level.SEVERE);

        final Level level;

        LogLevel(Level level) {
            this.level = level;
        }
    }

    private LogSetup() {
    }

    /** Replaces the root handlers (the JDK's two-line console format) with ours; returns its formatter. */
    static OneLineFormatter install(PrintStream err, LogLevel level) {
        OneLineFormatter formatter = new OneLineFormatter(level == LogLevel.debug);
        Handler handler = new StreamHandler(err, formatter) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush(); // a log line must appear before whatever fails next
            }
        };
        handler.setLevel(level.level);
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(handler);
        root.setLevel(level.level);
        // Keep libraries quiet at debug: only our own packages go below INFO.
        Logger.getLogger("io.github.tapbitrix24").setLevel(level.level);
        if (level == LogLevel.debug) {
            root.setLevel(Level.INFO);
        }
        return formatter;
    }
}
