package io.github.tapbitrix24.extract.spi;

import java.time.Duration;

/**
 * What one stream cost in a run; logged on stderr and returned to callers (tests, benchmark).
 *
 * @param httpRequests HTTP requests the client sent while the stream ran
 * @param skipped      why the stream was skipped (scope, module off, unknown stream), else null
 */
public record StreamSummary(String stream, long records, long httpRequests, long subCommands, Duration elapsed,
                           String skipped) {

    public boolean completed() {
        return skipped == null;
    }

    /** {@code deals: 100000 records, 41 HTTP requests (2001 commands), 3.2 s}. */
    public String line() {
        if (skipped != null) {
            return stream + ": skipped (" + skipped + ")";
        }
        return String.format(java.util.Locale.ROOT, "%s: %s, %s (%s), %.1f s", stream, count(records, "record"),
                count(httpRequests, "HTTP request"), count(subCommands, "command"), elapsed.toMillis() / 1000.0);
    }

    /** {@code 1 record}, {@code 2 records}, {@code 0 records}. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
