package io.github.tapbitrix24.bitrix;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Per-method operating time [D:limits.md; bitrix24-api.md §4.2]: the server sums each method's
 * execution time per webhook over ten one-minute baskets, reports the sum as {@code time.operating}
 * and blocks the method with OPERATION_TIME_LIMIT past its budget. Fed from every {@code time}
 * object (for a batch, each sub-call's {@code result_time[key]}), this pauses only the method that
 * is over the threshold, until {@code operating_reset_at}; other methods go on.
 */
public final class OperatingBudget {
    private static final Logger LOG = Logger.getLogger(OperatingBudget.class.getName());
    /** The window is ten minutes, so no honest reset is further away; guards against garbage. */
    private static final Duration MAX_PAUSE = Duration.ofMinutes(10);

    private final double threshold;
    private final Duration fallbackPause;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Instant> pausedUntil = new HashMap<>();
    private final Map<String, Instant> lastResetAt = new HashMap<>();
    /** The last {@code time.operating} each method reported, and the limit each refusal revealed. */
    private final Map<String, Double> lastOperating = new HashMap<>();
    private final Map<String, Double> learnedLimit = new HashMap<>();
    /** Seconds one call of each method added to its operating time, smoothed. */
    private final Map<String, Double> costPerCall = new HashMap<>();
    /** Pause this far below a limit learned from a refusal: the next call's own time must still fit. */
    private static final double LEARNED_MARGIN = 0.8;

    public OperatingBudget(double threshold, Duration fallbackPause, Clock clock, Sleeper sleeper) {
        this.threshold = threshold;
        this.fallbackPause = fallbackPause;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Records what a response said about {@code method}'s budget. */
    public synchronized void observe(String method, TimeInfo time) {
        if (time == null) {
            return;
        }
        Instant now = clock.instant();
        Instant reset = resetInstant(time, now);
        if (reset != null) {
            lastResetAt.put(method, reset);
        }
        if (time.operating() != null) {
            Double before = lastOperating.put(method, time.operating());
            double cost = time.operating() - (before == null ? 0 : before);
            if (cost > 0) { // a drop is a basket leaving the sum, not a call's cost
                costPerCall.merge(method, cost, (old, latest) -> 0.7 * old + 0.3 * latest);
            }
        }
        double limit = learnedLimit.containsKey(method)
                ? Math.min(threshold, learnedLimit.get(method) * LEARNED_MARGIN) : threshold;
        if (time.operating() != null && time.operating() > limit) {
            if (reset != null && !reset.isAfter(now)) {
                return; // the oldest basket has already left the sum
            }
            Instant until = reset != null ? reset : now.plus(fallbackPause);
            pausedUntil.merge(method, until, (a, b) -> a.isAfter(b) ? a : b);
            LOG.info(() -> String.format("%s has used %.1f s of server time in the last 10 minutes (threshold %.0f s);"
                    + " its next call waits until %s", method, time.operating(), limit, until));
        }
    }

    /**
     * The server answered OPERATION_TIME_LIMIT for {@code method}: hold it until the reset the last
     * successful response announced, or the server's Retry-After, or one basket (a minute) later.
     * Returns when the method may be called again.
     */
    public synchronized Instant blocked(String method, Duration retryAfter) {
        Instant now = clock.instant();
        // The portal's limit is below this method's last reported use (its limit is "set by
        // configuration", and may be far below our threshold): from now on pause before reaching it.
        Double used = lastOperating.get(method);
        if (used != null && used > 0) {
            learnedLimit.merge(method, used, Math::min);
        }
        Instant until;
        if (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) {
            until = now.plus(min(retryAfter, MAX_PAUSE));
        } else {
            Instant known = lastResetAt.get(method);
            until = known != null && known.isAfter(now) ? known : now.plus(fallbackPause);
        }
        pausedUntil.merge(method, until, (a, b) -> a.isAfter(b) ? a : b);
        return until;
    }

    /**
     * How many of {@code wanted} calls fit under the method's pause line (the threshold, or below
     * a limit a refusal revealed) at their learned cost; at least one. A method close to its line
     * so gets a few sub-calls per request instead of fifty that would overshoot it (and, past the
     * portal's own limit, be refused): a scheduler fills the rest of the request with other methods.
     */
    public synchronized int affordable(String method, int wanted) {
        Double learned = learnedLimit.get(method);
        Double used = lastOperating.get(method);
        Double cost = costPerCall.get(method);
        if (used == null || cost == null || cost <= 0) {
            return wanted;
        }
        double line = learned == null ? threshold : Math.min(threshold, learned * LEARNED_MARGIN);
        double room = line - used;
        return (int) Math.max(1, Math.min(wanted, Math.floor(room / cost)));
    }

    /** When {@code method} may be called again, if it is paused now; does not consume the pause. */
    public synchronized Optional<Instant> pausedUntil(String method) {
        Instant until = pausedUntil.get(method);
        return until != null && until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }

    /** Waits while any of {@code methods} is paused; logs each pause. */
    public void awaitAllowed(Collection<String> methods) throws InterruptedException {
        for (String method : methods) {
            Duration wait = takePause(method);
            if (!wait.isZero()) {
                LOG.info(() -> String.format("pausing %.1f s before calling %s: its operating-time budget resets then",
                        wait.toMillis() / 1000.0, method));
                sleeper.sleep(wait);
            }
        }
    }

    private synchronized Duration takePause(String method) {
        Instant until = pausedUntil.remove(method);
        if (until == null) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(clock.instant(), until);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * {@code operating_reset_at} is server time; the client clock may be off. When the response
     * also says when it finished, use the server-side distance (reset − finish) from now instead.
     */
    private static Instant resetInstant(TimeInfo time, Instant now) {
        Long reset = time.operatingResetAt();
        if (reset == null) {
            return null;
        }
        Double serverNow = time.finish() != null ? time.finish() : time.start();
        // Rounded up to the millisecond: the difference of two doubles near 1.7e9 is off by a few
        // hundred nanoseconds, and a call that arrives that much before the reset is refused again.
        Duration ahead = serverNow != null
                ? ClientSettings.seconds(reset - serverNow).plusNanos(999_999).truncatedTo(ChronoUnit.MILLIS)
                : Duration.between(now, Instant.ofEpochSecond(reset));
        if (ahead.isNegative()) {
            return now;
        }
        return now.plus(min(ahead, MAX_PAUSE));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
