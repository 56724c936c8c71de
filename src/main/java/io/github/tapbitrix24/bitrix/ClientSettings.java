package io.github.tapbitrix24.bitrix;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link BitrixClient} paces, times out and retries.
 *
 * @param maxRequestsPerSecond   leaky-bucket drain rate (Bitrix24: 2, Enterprise 5) [D:limits.md]
 * @param requestBurst           leaky-bucket size (Bitrix24: 50, Enterprise 250) [D:limits.md]
 * @param requestTimeout         whole-call timeout of one HTTP request (the cloud cuts requests at 60 s)
 * @param operatingTimeThreshold seconds of {@code time.operating} above which the next call to that
 *                               method waits for {@code operating_reset_at}
 * @param maxAttempts            attempts per request, first try included, for retryable failures
 * @param initialBackoff         first retry delay; doubled on each retry, with jitter
 * @param maxBackoff             cap of one backoff delay (a longer Retry-After is still honoured)
 * @param maxRetryTime           no retry is started once this much time has passed since the first try
 * @param maxOperatingLimitWaits how many OPERATION_TIME_LIMIT answers one call waits out before failing
 * @param operatingFallbackPause pause when a method is over its budget but the server gave no reset
 *                               time: one of the ten one-minute baskets leaves the sum every minute
 * @param userAgent              sent on every request, as the docs recommend
 * @param maxResponseBytes       the largest answer read (after decompression); a bigger one is malformed
 */
public record ClientSettings(
        double maxRequestsPerSecond,
        int requestBurst,
        Duration requestTimeout,
        double operatingTimeThreshold,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryTime,
        int maxOperatingLimitWaits,
        Duration operatingFallbackPause,
        String userAgent,
        long maxResponseBytes) {

    /**
     * Default of {@link #maxResponseBytes}: 16 MB, several times the largest real answer (a batch of
     * 50 pages of wide deals), and parsed (about five times its size) well within the launcher's heap.
     */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;

    /** Every setting but the response cap, which takes its default. */
    public ClientSettings(double maxRequestsPerSecond, int requestBurst, Duration requestTimeout,
                          double operatingTimeThreshold, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                          Duration maxRetryTime, int maxOperatingLimitWaits, Duration operatingFallbackPause,
                          String userAgent) {
        this(maxRequestsPerSecond, requestBurst, requestTimeout, operatingTimeThreshold, maxAttempts, initialBackoff,
                maxBackoff, maxRetryTime, maxOperatingLimitWaits, operatingFallbackPause, userAgent,
                DEFAULT_MAX_RESPONSE_BYTES);
    }

    public ClientSettings {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryTime, "maxRetryTime");
        Objects.requireNonNull(operatingFallbackPause, "operatingFallbackPause");
        Objects.requireNonNull(userAgent, "userAgent");
        require(maxRequestsPerSecond > 0, "maxRequestsPerSecond must be > 0, was " + maxRequestsPerSecond);
        require(requestBurst >= 1, "requestBurst must be >= 1, was " + requestBurst);
        require(isPositive(requestTimeout), "requestTimeout must be > 0, was " + requestTimeout);
        require(operatingTimeThreshold >= 0, "operatingTimeThreshold must be >= 0, was " + operatingTimeThreshold);
        require(maxAttempts >= 1, "maxAttempts must be >= 1, was " + maxAttempts);
        require(isPositive(initialBackoff), "initialBackoff must be > 0, was " + initialBackoff);
        require(maxBackoff.compareTo(initialBackoff) > 0,
                "maxBackoff must be greater than initialBackoff (" + initialBackoff + "), was " + maxBackoff);
        require(!maxRetryTime.isNegative(), "maxRetryTime must be >= 0, was " + maxRetryTime);
        require(maxOperatingLimitWaits >= 0, "maxOperatingLimitWaits must be >= 0, was " + maxOperatingLimitWaits);
        require(isPositive(operatingFallbackPause), "operatingFallbackPause must be > 0, was " + operatingFallbackPause);
        require(maxResponseBytes > 0, "maxResponseBytes must be > 0, was " + maxResponseBytes);
    }

    /**
     * Settings for tests and embedders, equal to the config schema's defaults. A run of the tap takes
     * its settings from the validated config instead ({@code TapConfig.clientSettings()}), so this
     * package does not depend on the config package.
     */
    public static ClientSettings defaults() {
        return new ClientSettings(2, 50, Duration.ofSeconds(60), 200, 8, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(900), 3, Duration.ofSeconds(60), "tap-bitrix24/embedded");
    }

    /** A copy that identifies itself to the portal as {@code userAgent}. */
    public ClientSettings withUserAgent(String agent) {
        return new ClientSettings(maxRequestsPerSecond, requestBurst, requestTimeout, operatingTimeThreshold, maxAttempts,
                initialBackoff, maxBackoff, maxRetryTime, maxOperatingLimitWaits, operatingFallbackPause, agent, maxResponseBytes);
    }

    public ClientSettings withThrottle(double perSecond, int burst) {
        return new ClientSettings(perSecond, burst, requestTimeout, operatingTimeThreshold, maxAttempts,
                initialBackoff, maxBackoff, maxRetryTime, maxOperatingLimitWaits, operatingFallbackPause, userAgent,
                maxResponseBytes);
    }

    public ClientSettings withRequestTimeout(Duration timeout) {
        return new ClientSettings(maxRequestsPerSecond, requestBurst, timeout, operatingTimeThreshold, maxAttempts,
                initialBackoff, maxBackoff, maxRetryTime, maxOperatingLimitWaits, operatingFallbackPause, userAgent,
                maxResponseBytes);
    }

    public ClientSettings withRetries(int attempts, Duration initial, Duration max, Duration total) {
        return new ClientSettings(maxRequestsPerSecond, requestBurst, requestTimeout, operatingTimeThreshold,
                attempts, initial, max, total, maxOperatingLimitWaits, operatingFallbackPause, userAgent, maxResponseBytes);
    }

    public ClientSettings withOperatingTimeThreshold(double threshold) {
        return new ClientSettings(maxRequestsPerSecond, requestBurst, requestTimeout, threshold, maxAttempts,
                initialBackoff, maxBackoff, maxRetryTime, maxOperatingLimitWaits, operatingFallbackPause, userAgent,
                maxResponseBytes);
    }

    public ClientSettings withMaxResponseBytes(long bytes) {
        return new ClientSettings(maxRequestsPerSecond, requestBurst, requestTimeout, operatingTimeThreshold, maxAttempts,
                initialBackoff, maxBackoff, maxRetryTime, maxOperatingLimitWaits, operatingFallbackPause, userAgent, bytes);
    }

    /** Fractional seconds (as configured) as a Duration, to the nanosecond. */
    public static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1_000_000_000L));
    }

    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
