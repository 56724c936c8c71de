package io.github.tapbitrix24.bitrix;

/** How the tap must react to a failure; see bitrix24-api.md §4.3 for the code → kind table. */
public enum BitrixErrorKind {
    /** NO_AUTH_FOUND, INVALID_CREDENTIALS, invalid/expired webhook: fail fast, never retried. */
    AUTHENTICATION(false),
    /** PAYMENT_REQUIRED (HTTP 402), REST only on commercial plans: the portal's plan, not the webhook; fail. */
    SUBSCRIPTION(false),
    /** insufficient_scope: the webhook lacks a scope; skip the stream and say which scope. */
    INSUFFICIENT_SCOPE(false),
    /** ERROR_METHOD_NOT_FOUND: module off or method unknown; skip the stream. */
    METHOD_NOT_FOUND(false),
    /** ACCESS_DENIED, "Access denied." (HTTP 400, CRM permissions): the webhook user lacks rights. */
    ACCESS_DENIED(false),
    /** QUERY_LIMIT_EXCEEDED (HTTP 503 now, 429 on older portals). */
    RATE_LIMIT(true),
    /** OPERATION_TIME_LIMIT (HTTP 429): this method's time budget is spent until the reset. */
    OPERATING_TIME_LIMIT(true),
    /** 5xx, INTERNAL_SERVER_ERROR, ERROR_UNEXPECTED_ANSWER. */
    SERVER(true),
    /** Timeouts, connection resets, DNS failures. */
    TRANSPORT(true),
    /** Non-JSON, HTML error pages, truncated bodies, JSON without result or error. */
    MALFORMED_RESPONSE(true),
    /** Anything else the API answered with an error (INVALID_ARG_VALUE, NOT_FOUND, OVERLOAD_LIMIT, ...). */
    API(false);

    private final boolean retryable;

    BitrixErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Refused for the whole webhook or portal, not for one method: no stream can be read, the run fails. */
    public boolean refusesEverything() {
        return this == AUTHENTICATION || this == SUBSCRIPTION;
    }
}
