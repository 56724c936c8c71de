package io.github.tapbitrix24.extract.children;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.extract.StreamOutput;
import java.util.List;

/**
 * One child stream ({@code deal_products}, {@code deal_comments}) fed with the parent IDs of a scan:
 * its fetcher, its output, and what its fetches cost (its requests are interleaved with the
 * parent's when it rides along the parent's own read, so the runner cannot count them by stream).
 */
public final class ChildFollower {
    private final String stream;
    private final DealChildFetcher fetcher;
    private final StreamOutput out;
    private final BitrixApi api;
    private long httpRequests;
    private long subCommands;
    private long nanos;
    private String skipped;

    /** @param api the client the fetcher calls through, read for the requests it counts */
    ChildFollower(String stream, DealChildFetcher fetcher, StreamOutput out, BitrixApi api) {
        this.stream = stream;
        this.fetcher = fetcher;
        this.out = out;
        this.api = api;
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
}
