package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RunProgressTest {
    private static final JsonMapper M = JsonMapper.shared();

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The lines RunProgress logs, as messages. */
    private static final class Lines extends java.util.logging.Handler implements AutoCloseable {
        private final java.util.logging.Logger logger = java.util.logging.Logger.getLogger(RunProgress.class.getName());
        final List<String> messages = new java.util.ArrayList<>();

        Lines() {
            logger.addHandler(this);
        }

        @Override
        public void publish(java.util.logging.LogRecord r) {
            messages.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }

        List<String> messages() {
            return messages;
        }
    }

    private static void write(RunProgress.Counter c, int rows) {
        for (int i = 0; i < rows; i++) {
            c.written(M.createObjectNode().put("ID", i));
        }
        c.pageWritten();
    }

    @Test
    void recordCountsAreEmittedAtMostEveryMinuteAsIncrementsThatAddUpToTheTotal() {
        Moving clock = new Moving();
        try (Lines log = new Lines()) {
            RunProgress p = new RunProgress(clock);
            RunProgress.Counter deals = p.stream("deals");
            for (int page = 0; page < 30; page++) {  // a page every 5 s for 150 s
                write(deals, 100);
                clock.now = clock.now.plus(Duration.ofSeconds(5));
            }
            p.streamDone("deals");
            List<Long> increments = log.messages().stream().filter(l -> l.contains("\"record_count\""))
                    .map(l -> M.readTree(l.substring(l.indexOf('{'))).get("value").asLong()).toList();
            assertEquals(3, increments.size(), "at 60 s, 120 s and the end: " + increments);
            assertEquals(3000, increments.stream().mapToLong(Long::longValue).sum());
            long progressLines = log.messages().stream().filter(l -> l.startsWith("progress: deals:")).count();
            assertTrue(progressLines >= 14 && progressLines <= 15, "about one per 10 s: " + progressLines);
            assertTrue(log.messages().stream().anyMatch(l -> l.contains("3,000 records so far") || l.contains("2,900 records so far")));
        }
    }

    @Test
    void aStreamWithNoRecordsStillReportsItsZeroOnce() {
        try (Lines log = new Lines()) {
            RunProgress p = new RunProgress(new Moving());
            p.stream("users");
            p.streamDone("users");
            p.streamDone("users");
            assertEquals(1, log.messages().stream().filter(l -> l.contains("\"value\":0")).count());
        }
    }
}
