package io.github.tapbitrix24.portal;

/** A transport or server failure the portal can inject into an HTTP response. */
public enum Fault {
    /** HTTP 500 {@code INTERNAL_SERVER_ERROR} JSON. */
    HTTP_500,
    /** HTTP 503 {@code QUERY_LIMIT_EXCEEDED}, as if the rate limit had been hit. */
    HTTP_503_RATE,
    /** HTTP 502 with an nginx HTML page instead of JSON. */
    HTML_502,
    /** HTTP 200 whose JSON body is cut in half. */
    TRUNCATED,
    /** The connection is closed without any response. */
    RESET,
    /** The real response, held back by {@link PortalOptions#slowDelay()} (a real wait, longer than a client timeout). */
    SLOW
}
