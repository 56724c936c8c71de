package io.github.tapbitrix24.bitrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The client's settings refuse values that would make it hang, spin or never retry, at the exact
 * bound, and each copy changes only what its name says.
 */
class ClientSettingsTest {
    private static final ClientSettings D = ClientSettings.defaults();

    private static ClientSettings with(double perSecond, int burst, Duration timeout, double threshold, int attempts,
                                       Duration initial, Duration max, Duration total, int waits, Duration pause,
                                       long bytes) {
        return new ClientSettings(perSecond, burst, timeout, threshold, attempts, initial, max, total, waits, pause,
                "agent", bytes);
    }

    private static void refused(String name, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run, name);
        assertTrue(e.getMessage().startsWith(name), e.getMessage());
    }

    @Test
    void theSmallestAllowedValueOfEverySettingIsAccepted() {
        ClientSettings s = with(0.001, 1, Duration.ofNanos(1), 0, 1, Duration.ofNanos(1), Duration.ofNanos(2),
                Duration.ZERO, 0, Duration.ofNanos(1), 1);
        assertEquals(1, s.requestBurst());
        assertEquals(0, s.operatingTimeThreshold());
        assertEquals(1, s.maxAttempts());
        assertEquals(Duration.ZERO, s.maxRetryTime());
        assertEquals(0, s.maxOperatingLimitWaits());
        assertEquals(1, s.maxResponseBytes());
    }

    @Test
    void everySettingJustOutsideItsRangeIsRefusedNamingIt() {
        Duration s1 = Duration.ofSeconds(1);
        Duration s2 = Duration.ofSeconds(2);
        refused("maxRequestsPerSecond", () -> with(0, 1, s1, 0, 1, s1, s2, s1, 0, s1, 1));
        refused("requestBurst", () -> with(1, 0, s1, 0, 1, s1, s2, s1, 0, s1, 1));
        refused("requestTimeout", () -> with(1, 1, Duration.ZERO, 0, 1, s1, s2, s1, 0, s1, 1));
        refused("requestTimeout", () -> with(1, 1, s1.negated(), 0, 1, s1, s2, s1, 0, s1, 1));
        refused("operatingTimeThreshold", () -> with(1, 1, s1, -0.001, 1, s1, s2, s1, 0, s1, 1));
        refused("maxAttempts", () -> with(1, 1, s1, 0, 0, s1, s2, s1, 0, s1, 1));
        refused("initialBackoff", () -> with(1, 1, s1, 0, 1, Duration.ZERO, s2, s1, 0, s1, 1));
        refused("maxBackoff", () -> with(1, 1, s1, 0, 1, s1, s1, s1, 0, s1, 1));
        refused("maxRetryTime", () -> with(1, 1, s1, 0, 1, s1, s2, Duration.ofNanos(-1), 0, s1, 1));
        refused("maxOperatingLimitWaits", () -> with(1, 1, s1, 0, 1, s1, s2, s1, -1, s1, 1));
        refused("operatingFallbackPause", () -> with(1, 1, s1, 0, 1, s1, s2, s1, 0, Duration.ZERO, 1));
        refused("maxResponseBytes", () -> with(1, 1, s1, 0, 1, s1, s2, s1, 0, s1, 0));
    }

    @Test
    void theDefaultsAreTheConfigSchemasAndTheShortFormTakesTheDefaultResponseCap() {
        assertEquals(2, D.maxRequestsPerSecond());
        assertEquals(50, D.requestBurst());
        assertEquals(Duration.ofSeconds(60), D.requestTimeout());
        assertEquals(200, D.operatingTimeThreshold());
        assertEquals(8, D.maxAttempts());
        assertEquals(ClientSettings.DEFAULT_MAX_RESPONSE_BYTES, D.maxResponseBytes());
        assertEquals(16L << 20, ClientSettings.DEFAULT_MAX_RESPONSE_BYTES);
    }

    @Test
    void eachCopyChangesOnlyWhatItsNameSays() {
        assertEquals(new ClientSettings(D.maxRequestsPerSecond(), D.requestBurst(), D.requestTimeout(),
                D.operatingTimeThreshold(), D.maxAttempts(), D.initialBackoff(), D.maxBackoff(), D.maxRetryTime(),
                D.maxOperatingLimitWaits(), D.operatingFallbackPause(), "other", D.maxResponseBytes()),
                D.withUserAgent("other"));
        assertEquals(new ClientSettings(5, 250, D.requestTimeout(), D.operatingTimeThreshold(), D.maxAttempts(),
                D.initialBackoff(), D.maxBackoff(), D.maxRetryTime(), D.maxOperatingLimitWaits(),
                D.operatingFallbackPause(), D.userAgent(), D.maxResponseBytes()), D.withThrottle(5, 250));
        assertEquals(new ClientSettings(D.maxRequestsPerSecond(), D.requestBurst(), Duration.ofSeconds(5),
                D.operatingTimeThreshold(), D.maxAttempts(), D.initialBackoff(), D.maxBackoff(), D.maxRetryTime(),
                D.maxOperatingLimitWaits(), D.operatingFallbackPause(), D.userAgent(), D.maxResponseBytes()),
                D.withRequestTimeout(Duration.ofSeconds(5)));
        assertEquals(new ClientSettings(D.maxRequestsPerSecond(), D.requestBurst(), D.requestTimeout(),
                D.operatingTimeThreshold(), 3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(7),
                D.maxOperatingLimitWaits(), D.operatingFallbackPause(), D.userAgent(), D.maxResponseBytes()),
                D.withRetries(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(7)));
        assertEquals(new ClientSettings(D.maxRequestsPerSecond(), D.requestBurst(), D.requestTimeout(), 120.5,
                D.maxAttempts(), D.initialBackoff(), D.maxBackoff(), D.maxRetryTime(), D.maxOperatingLimitWaits(),
                D.operatingFallbackPause(), D.userAgent(), D.maxResponseBytes()), D.withOperatingTimeThreshold(120.5));
        assertEquals(new ClientSettings(D.maxRequestsPerSecond(), D.requestBurst(), D.requestTimeout(),
                D.operatingTimeThreshold(), D.maxAttempts(), D.initialBackoff(), D.maxBackoff(), D.maxRetryTime(),
                D.maxOperatingLimitWaits(), D.operatingFallbackPause(), D.userAgent(), 1024), D.withMaxResponseBytes(1024));
    }

    @Test
    void fractionalSecondsAreKeptToTheNanosecond() {
        assertEquals(Duration.ofMillis(1500), ClientSettings.seconds(1.5));
        assertEquals(Duration.ofNanos(1), ClientSettings.seconds(0.000000001));
        assertEquals(Duration.ofSeconds(200), ClientSettings.seconds(200));
    }
}
