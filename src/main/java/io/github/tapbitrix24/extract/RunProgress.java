package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.singer.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;

/**
 * What a run has written so far, told to a person and to an orchestrator, on stderr: every
 * {@link #PROGRESS_EVERY} a line per stream that wrote since the last one (records so far, rate),
 * and at most every {@link #COUNTERS_EVERY} the {@code record_count} counters as increments, the
 * way singer-python's {@code Counter} and the Meltano SDK emit them (Meltano adds them up). The
 * list methods are read without a count ({@code start=-1}, see README), so no total, and no work
 * remaining, is known while a stream runs. At the end, {@link Reconciliation}'s summary.
 *
 * <p>Checked once per page written, never per record, and on the injected clock, so a test's
 * clock decides when lines appear.
 */
final class RunProgress {
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    static final Duration COUNTERS_EVERY = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(RunProgress.class.getName());

    private final Clock clock;
    private final Reconciliation reconciliation = new Reconciliation();
    private final Map<String, Counter> streams = new LinkedHashMap<>();
    private Instant nextProgress;
    private Instant nextCounters;

    RunProgress(Clock clock) {
        this.clock = clock;
        Instant now = clock.instant();
        this.nextProgress = now.plus(PROGRESS_EVERY);
        this.nextCounters = now.plus(COUNTERS_EVERY);
    }

    /** The counter of one stream's records; the same one for every call with the same name. */
    Counter stream(String name) {
        return streams.computeIfAbsent(name, n -> new Counter(n, clock.instant(), reconciliation.tally(n)));
    }

    /** One stream's written records. */
    final class Counter {
        private final String stream;
        private final Instant started;
        private final Reconciliation.Tally tally;
        private long records;
        private long reported;
        private long counted;
        private boolean emitted;

        private Counter(String stream, Instant started, Reconciliation.Tally tally) {
            this.stream = stream;
            this.started = started;
            this.tally = tally;
        }

        void written(JsonNode row) {
            records++;
            if (tally != null) {
                tally.add(row);
            }
        }

        /** After a page: reports when it is time. */
        void pageWritten() {
            tick();
        }

        long records() {
            return records;
        }
    }

    private void tick() {
        Instant now = clock.instant();
        if (!now.isBefore(nextProgress)) {
            nextProgress = now.plus(PROGRESS_EVERY);
            for (Counter c : streams.values()) {
                if (c.records > c.reported) {
                    c.reported = c.records;
                    double seconds = Math.max(0.001, Duration.between(c.started, now).toMillis() / 1000.0);
                    LOG.info(() -> String.format(Locale.ROOT, "progress: %s: %,d records so far, %,.0f records/s over %.0f s",
                            c.stream, c.records, c.records / seconds, seconds));
                }
            }
        }
        if (!now.isBefore(nextCounters)) {
            nextCounters = now.plus(COUNTERS_EVERY);
            streams.values().stream().filter(c -> c.records > c.counted).forEach(RunProgress::emitCount);
        }
    }

    /** The stream ended: its last {@code record_count} increment, also when it is 0 (the stream ran). */
    void streamDone(String name) {
        Counter c = stream(name);
        if (c.records > c.counted || !c.emitted) {
            emitCount(c);
        }
    }

    private static void emitCount(Counter c) {
        long increment = c.records - c.counted;
        c.counted = c.records;
        c.emitted = true;
        LOG.info(() -> Metrics.logged(Metrics.counter("record_count", increment, Map.of("stream", c.stream))));
    }

    /** The run ended: records per stream and the deals per funnel and stage, as METRIC lines and a table. */
    void summary() {
        Map<String, Long> perStream = new LinkedHashMap<>();
        streams.forEach((name, c) -> perStream.put(name, c.records));
        reconciliation.report(perStream);
    }
}
