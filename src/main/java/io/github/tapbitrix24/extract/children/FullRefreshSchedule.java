package io.github.tapbitrix24.extract.children;

import io.github.tapbitrix24.extract.paging.KeysetStreamReader;
import io.github.tapbitrix24.extract.state.PortalTime;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * When a child stream re-reads the children of every parent instead of the changed ones: a new
 * timeline comment does not move its deal's {@code DATE_MODIFY} (bitrix24-api.md §6.11: no
 * "updated" timestamp, and a filter on {@code CREATED} is reported not to work), so reading the
 * comments of changed deals alone would miss it for good.
 *
 * <p>Without any extra state: time is cut into periods of {@code every} counted from the epoch,
 * and a run re-reads everything when a period boundary lies in {@code (window start, now + skew]}.
 * The windows of consecutive runs leave no gap (each starts at the previous scan's server start
 * minus the lookback, docs/incremental.md), so every boundary falls into some run's span and
 * triggers a full re-read; two runs may share one when it falls in their lookback overlap. A
 * comment written at time {@code t} is so read by the first re-read after {@code t}: within one
 * period plus one run interval.
 */
final class FullRefreshSchedule {
    private final Duration every;
    private final Clock clock;

    /** @param every the period; zero means never */
    FullRefreshSchedule(Duration every, Clock clock) {
        this.every = every;
        this.clock = clock;
    }

    static FullRefreshSchedule never(Clock clock) {
        return new FullRefreshSchedule(Duration.ZERO, clock);
    }

    /**
     * Whether a run after a scan with signpost {@code windowStart} must read everything. Given the
     * scan's signpost ({@link StreamBookmark#lastScan()}), not the committed window start, which may
     * lie far back (the newest key read) and would make every run a re-read.
     */
    boolean due(JsonNode windowStart) {
        if (every.isZero() || windowStart == null) {
            return false;
        }
        Optional<OffsetDateTime> start = PortalTime.parse(windowStart);
        if (start.isEmpty()) {
            return false; // the reader reads the whole parent stream for an unreadable bookmark anyway
        }
        // The local clock may lag the server's, which set the window start: allow for that.
        Instant now = clock.instant().plus(KeysetStreamReader.CLOCK_SKEW_ALLOWANCE);
        return period(start.get().toInstant()) != period(now);
    }

    private long period(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), every.getSeconds());
    }
}
