package io.github.tapbitrix24.bitrix;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Client-side copy of Bitrix24's leaky bucket [D:limits.md]: every request adds one to a level
 * that drains at {@code perSecond}; a request that would push the level past {@code burst} waits
 * until enough has drained. Staying inside the server's own bucket means a healthy run never sees
 * QUERY_LIMIT_EXCEEDED. The wait is computed, not polled, so a test clock that does not move still
 * gets exact spacing.
 *
 * <p>The level is kept {@link #EDGE_MARGIN}'s worth of drain below {@code burst}, not at it: the
 * server counts a request when it arrives, this copy when the request leaves, and the time between
 * the two varies (the request's own preparation, the network), so a request sent at the exact edge
 * is sometimes seen a hair early and refused. The margin costs its 50 ms each time the bucket fills
 * up (the request that would reach the edge waits it); while it stays full, requests are spaced by
 * the drain rate exactly, the margin carried along.
 */
public final class RequestBudget {
    private static final Logger LOG = Logger.getLogger(RequestBudget.class.getName());
    /** Shorter waits are the steady pacing of every request past the burst, not a pause worth a line. */
    private static final Duration WORTH_SAYING = Duration.ofSeconds(2);
    /** How far below the server's edge the level stays, as drain time: more than the jitter between leaving and arriving. */
    static final Duration EDGE_MARGIN = Duration.ofMillis(50);
    private final double perSecond;
    private final int burst;
    private final Clock clock;
    private final Sleeper sleeper;
    /** The highest level at which a request may go without waiting: a margin below {@code burst - 1} (never below 0). */
    private final double goLevel;
    private double level;
    private Instant updatedAt;

    public RequestBudget(double perSecond, int burst, Clock clock, Sleeper sleeper) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("need perSecond > 0 and burst >= 1, got " + perSecond + ", " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
        this.sleeper = sleeper;
        this.goLevel = Math.max(0, burst - 1 - EDGE_MARGIN.toNanos() / 1e9 * perSecond);
    }

    /** Blocks until one more request fits in the bucket, then counts it. Returns how long it waited. */
    public synchronized Duration acquire() throws InterruptedException {
        Instant now = clock.instant();
        drainUntil(now);
        double excess = level - goLevel;
        Duration wait = Duration.ZERO;
        if (excess > 0) {
            wait = ClientSettings.seconds(excess / perSecond);
            if (wait.compareTo(WORTH_SAYING) >= 0) {
                Duration w = wait;
                LOG.info(() -> String.format(java.util.Locale.ROOT, "pausing %.1f s: the request rate limit (%s requests/s,"
                        + " burst %d) is used up", w.toMillis() / 1000.0, perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond), burst));
            }
            sleeper.sleep(wait);
            Instant after = now.plus(wait);
            drainUntil(after.isAfter(clock.instant()) ? after : clock.instant());
        }
        level += 1;
        return wait;
    }

    /**
     * The server just answered QUERY_LIMIT_EXCEEDED: its bucket is full. The bucket is per portal and
     * IP [D:limits.md], so another process (an earlier --discover, another tap) may have filled it
     * while ours looked empty; from now on our copy starts full, so the requests after the back-off
     * are paced at the drain rate instead of bursting into the limit again.
     */
    public synchronized void serverFull() {
        Instant now = clock.instant();
        drainUntil(now);
        level = Math.max(level, burst);
    }

    private void drainUntil(Instant t) {
        if (updatedAt != null && t.isAfter(updatedAt)) {
            double elapsed = Duration.between(updatedAt, t).toNanos() / 1e9;
            level = Math.max(0, level - elapsed * perSecond);
        }
        if (updatedAt == null || t.isAfter(updatedAt)) {
            updatedAt = t;
        }
    }
}
