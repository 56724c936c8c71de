package io.github.tapbitrix24.bitrix;

import java.time.Duration;
import java.util.Optional;

/**
 * A typed Bitrix24 failure. The message never contains the webhook token: build it from the
 * method name, the error code and the description, never from the URL.
 */
public class BitrixException extends RuntimeException {
    private final BitrixErrorKind kind;
    private final String method;
    private final String code;
    private final int httpStatus;
    private final Duration retryAfter;

    public BitrixException(BitrixErrorKind kind, String method, String code, int httpStatus,
                           String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.method = method;
        this.code = code;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public BitrixErrorKind kind() {
        return kind;
    }

    /** The REST method that failed (for batch sub-calls, the sub-call's method). */
    public String method() {
        return method;
    }

    /** The {@code error} code as the server sent it; may be empty (CRM errors often are). */
    public String code() {
        return code;
    }

    /** HTTP status, or 0 when no response arrived (transport failure) or inside a batch. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the server asked us to wait (Retry-After, or operating_reset_at), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
