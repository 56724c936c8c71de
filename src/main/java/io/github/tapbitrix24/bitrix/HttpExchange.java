package io.github.tapbitrix24.bitrix;

import java.time.Duration;

/**
 * One HTTP exchange with the portal as it happened, for timing metrics: the REST method it called
 * (the endpoint; {@code batch} for a batch, never the URL, which holds the secret), the HTTP status
 * (0 when no answer came: timeout, reset) and how long it took.
 */
public record HttpExchange(String endpoint, int httpStatus, Duration duration) {

    /** A 2xx answer: the exchange itself worked, whatever the envelope says. */
    public boolean succeeded() {
        return httpStatus >= 200 && httpStatus < 300;
    }
}
