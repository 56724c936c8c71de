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
    SLOW,
    /** HTTP 200 whose list result (every sub-result of a batch) is a string instead of rows. */
    PAGE_AS_STRING,
    /** HTTP 200 whose list result is an object where rows are due ({@code crm.item.list} without {@code items}). */
    PAGE_AS_OBJECT,
    /** HTTP 200 whose {@code next} (every {@code result_next} of a batch) is 50, whatever the offset asked. */
    NEXT_STUCK,
    /** HTTP 200 whose {@code next} and {@code total} are far beyond int range. */
    NEXT_HUGE,
    /** HTTP 200 announcing a 500 MB JSON body (Content-Length), sent until the client hangs up. */
    HUGE_BODY,
    /** HTTP 200 with a chunked JSON body that never ends. */
    ENDLESS_BODY,
    /** HTTP 200, {@code Content-Encoding: gzip}: 200 KB on the wire that inflate to 200 MB of JSON. */
    GZIP_BOMB,
    /** HTTP 302 to the same path (secret included) on {@code localhost}: another host than the portal's 127.0.0.1. */
    REDIRECT_AWAY
}
