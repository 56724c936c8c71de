package io.github.tapbitrix24.bitrix;

import java.time.Duration;

/** Sleeping, injected so that tests of throttling, backoff and pauses run instantly. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
    };
}
