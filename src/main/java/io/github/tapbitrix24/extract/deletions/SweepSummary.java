package io.github.tapbitrix24.extract.deletions;

import io.github.tapbitrix24.extract.spi.StreamSummary;
import java.time.Duration;
import java.util.Locale;

/**
 * What one stream's deletion check did and cost; logged on stderr after the stream's own summary.
 *
 * @param ids           IDs the sweep (or the read of every deal's children) found
 * @param marked        records written as deleted
 * @param leftSelection of {@code marked}: deals still in the portal but in a funnel outside {@code deal_category_ids}
 * @param httpRequests  HTTP requests of the sweep (0 for children: their read is the stream's own)
 * @param outcome       {@code marked}, {@code baseline}, or why nothing was marked
 */
public record SweepSummary(String stream, long ids, long marked, long leftSelection, long httpRequests,
                           long subCommands, Duration elapsed, String outcome) {

    /** {@code deals: deletion sweep: 9,900 IDs, 4 HTTP requests (151 commands), 1.2 s; 100 marked deleted}. */
    public String line() {
        String cost = httpRequests == 0 && subCommands == 0 ? ""
                : String.format(Locale.ROOT, ", %s (%s), %.1f s", StreamSummary.count(httpRequests, "HTTP request"),
                StreamSummary.count(subCommands, "command"), elapsed.toMillis() / 1000.0);
        return String.format(Locale.ROOT, "%s: deletion check: %,d IDs%s; %s", stream, ids, cost, outcome);
    }
}
