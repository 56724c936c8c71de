package io.github.tapbitrix24.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The portal's notion of "now". {@link Mode#MANUAL} only moves when told to ({@link #advance}),
 * or by the simulated processing time of each request when the portal is configured so; tests
 * use it and never sleep. {@link Mode#REAL} follows the system clock (the demo, the benchmark).
 * Its zone is the portal's UTC offset, in which every datetime of the API is written.
 */
public final class PortalClock extends Clock {
    /** How the clock moves. */
    public enum Mode { MANUAL, REAL }

    private final Mode mode;
    private final ZoneOffset offset;
    private final AtomicLong nanos; // MANUAL only: epoch nanoseconds
    private volatile long skewNanos; // MANUAL only: how far the server's clock is off

    private PortalClock(Mode mode, ZoneOffset offset, long epochNanos) {
        this.mode = mode;
        this.offset = Objects.requireNonNull(offset, "offset");
        this.nanos = new AtomicLong(epochNanos);
    }

    public static PortalClock manual(Instant start, ZoneOffset offset) {
        return new PortalClock(Mode.MANUAL, offset, toNanos(start));
    }

    public static PortalClock real(ZoneOffset offset) {
        return new PortalClock(Mode.REAL, offset, 0);
    }

    private static long toNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    public Mode mode() {
        return mode;
    }

    public ZoneOffset offset() {
        return offset;
    }

    /** Moves a MANUAL clock forward; a REAL clock cannot be moved. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward: " + d);
        }
        requireManual();
        nanos.addAndGet(d.toNanos());
    }

    /** Moves a MANUAL clock to {@code t} unless it is already later; a REAL clock ignores it. */
    public void advanceTo(Instant t) {
        if (mode == Mode.REAL) {
            return;
        }
        long target = toNanos(t) - skewNanos; // t was read from the skewed clock
        nanos.accumulateAndGet(target, Math::max);
    }

    private void requireManual() {
        if (mode != Mode.MANUAL) {
            throw new IllegalStateException("a REAL portal clock cannot be advanced");
        }
    }

    @Override
    public Instant instant() {
        if (mode == Mode.REAL) {
            return Instant.now();
        }
        long n = nanos.get() + skewNanos;
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }

    /**
     * The server's clock goes wrong by {@code d} (a year ahead, an hour behind) until set back to zero:
     * every time it reports and every row it stamps meanwhile is off by that much. MANUAL only.
     */
    public void skew(Duration d) {
        requireManual();
        skewNanos = d.toNanos();
    }

    /** Now as unix seconds with a fractional part, as in {@code time.start}. */
    public double epochSecondsFraction() {
        Instant t = instant();
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    @Override
    public ZoneId getZone() {
        return offset;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public String toString() {
        return "PortalClock[" + mode + ", " + instant() + ", " + offset + "]";
    }
}
