package io.github.tapbitrix24.extract.children;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamSummary;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One follower stream fed with the parent IDs of a scan (a child stream whose spec names the parent:
 * {@code deal_products}, {@code deal_comments}, the product rows of leads, quotes, smart invoices and
 * smart processes): its fetcher, its output, and what its fetches cost and wrote, for its summary
 * (its fetches are lanes of their own, so the parent's count does not hold them).
 */
public final class ChildFollower {
    private final String stream;
    private final DealChildFetcher fetcher;
    private final StreamOutput out;
    private final BitrixApi api;
    private final LongSupplier records;
    private long httpRequests;
    private long subCommands;
    private long nanos;
    private String skipped;

    /**
     * @param api     the client the fetcher calls through, read for the requests it counts
     * @param records the records the stream's output has written, for its summary
     */
    ChildFollower(String stream, DealChildFetcher fetcher, StreamOutput out, BitrixApi api, LongSupplier records) {
        this.stream = stream;
        this.fetcher = fetcher;
        this.out = out;
        this.api = api;
        this.records = records;
    }

    /** Writes every child row of {@code parentIds}, counting the requests it took. */
    void fetch(List<Long> parentIds) {
        RequestStats before = api.stats();
        long started = System.nanoTime();
        try {
            fetcher.fetch(stream, parentIds, rows -> out.rows(rows, r -> true));
        } finally {
            RequestStats after = api.stats();
            httpRequests += after.httpRequests() - before.httpRequests();
            subCommands += after.batchSubCommands() - before.batchSubCommands();
            nanos += System.nanoTime() - started;
        }
    }

    /** The child will not be fed any more: the portal does not serve it to this webhook. */
    void skip(String why) {
        skipped = why;
    }

    public String stream() {
        return stream;
    }

    StreamOutput out() {
        return out;
    }

    public long httpRequests() {
        return httpRequests;
    }

    public long subCommands() {
        return subCommands;
    }

    public long nanos() {
        return nanos;
    }

    /** Why the child stopped being fed, or null. */
    public String skipped() {
        return skipped;
    }

    /** What the stream cost, read along with {@code parent} (skipped for {@code parentSkipped}, or null). */
    public StreamSummary summary(String parent, String parentSkipped) {
        String why = skipped != null ? skipped
                : parentSkipped != null ? "read along with " + parent + ", which was skipped: " + parentSkipped
                : null;
        return new StreamSummary(stream, records.getAsLong(), httpRequests, subCommands, Duration.ofNanos(nanos), why);
    }
}
