package io.github.tapbitrix24.bitrix;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Runs one logical request with retries. Failsafe's {@link RetryPolicy} decides what is retried
 * and how long to back off (exponential, with jitter, bounded attempts); we drive it as a
 * standalone {@link Execution} so the waiting goes through the injected {@link Sleeper} and the
 * total-time bound is measured on the injected {@link Clock} — tests then run instantly.
 * <ul>
 *   <li>Retried: rate limit, 5xx, transport failures, malformed bodies ({@link BitrixErrorKind#retryable()}),
 *       waiting at least the server's Retry-After.</li>
 *   <li>OPERATION_TIME_LIMIT is not a transient failure but a known wait: the method is held until
 *       its budget resets and the call is repeated, up to {@code maxOperatingLimitWaits} times,
 *       without using up the backoff attempts [D:limits.md].</li>
 *   <li>Everything else (authentication, scope, missing method, access, API errors) fails at once.</li>
 * </ul>
 */
final class Retrier {
    private static final Logger LOG = Logger.getLogger(BitrixClient.class.getName());

    /** One attempt; may throw {@link BitrixException}. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws InterruptedException;
    }

    private final ClientSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final OperatingBudget operatingBudget;
    private final RetryPolicy<Object> policy;
    private final AtomicLong retries = new AtomicLong();

    Retrier(ClientSettings settings, Clock clock, Sleeper sleeper, OperatingBudget operatingBudget) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.operatingBudget = operatingBudget;
        this.policy = RetryPolicy.builder()
                .handleIf(e -> e instanceof BitrixException b && b.kind().retryable())
                .withBackoff(settings.initialBackoff(), settings.maxBackoff())
                .withJitter(0.25)
                .withMaxAttempts(settings.maxAttempts())
                .build();
    }

    long retries() {
        return retries.get();
    }

    @SuppressWarnings("unchecked")
    <T> T run(String method, Collection<String> methods, Attempt<T> attempt) {
        Execution<Object> execution = Execution.of(policy);
        Instant start = clock.instant();
        int operatingWaits = 0;
        try {
            while (true) {
                try {
                    T result = attempt.run();
                    execution.recordResult(result);
                    return result;
                } catch (BitrixException e) {
                    if (e.kind() == BitrixErrorKind.OPERATING_TIME_LIMIT) {
                        // Whatever happens next, the next call to this method waits for the reset.
                        Instant until = operatingBudget.blocked(e.method(), e.retryAfter().orElse(null));
                        if (operatingWaits >= settings.maxOperatingLimitWaits()) {
                            throw e; // backoff cannot help: only the budget reset can
                        }
                        operatingWaits++;
                        retries.incrementAndGet();
                        LOG.warning(() -> e.getMessage() + "; waiting until " + until + " and trying again");
                        continue; // the pause itself happens before the next attempt, per method
                    }
                    execution.recordException(e);
                    if (execution.isComplete()) {
                        throw giveUp(e, execution.getAttemptCount());
                    }
                    Duration delay = execution.getDelay();
                    if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(delay) > 0) {
                        delay = e.retryAfter().get();
                    }
                    Duration elapsed = Duration.between(start, clock.instant());
                    if (elapsed.plus(delay).compareTo(settings.maxRetryTime()) > 0) {
                        throw giveUp(e, execution.getAttemptCount());
                    }
                    retries.incrementAndGet();
                    Duration wait = delay;
                    int next = execution.getAttemptCount() + 1;
                    LOG.warning(() -> String.format("retrying %s in %.1f s (attempt %d of %d): %s", method,
                            wait.toMillis() / 1000.0, next, settings.maxAttempts(), e.getMessage()));
                    sleeper.sleep(delay);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BitrixException(BitrixErrorKind.TRANSPORT, method, "", 0,
                    "interrupted while calling " + method, null, e);
        }
    }

    /** The last failure, with how hard we tried when that was more than once. */
    private static BitrixException giveUp(BitrixException e, int attempts) {
        if (attempts <= 1 || !e.kind().retryable()) {
            return e;
        }
        return new BitrixException(e.kind(), e.method(), e.code(), e.httpStatus(),
                e.getMessage() + " — gave up after " + attempts + " attempts", e.retryAfter().orElse(null), e);
    }
}
