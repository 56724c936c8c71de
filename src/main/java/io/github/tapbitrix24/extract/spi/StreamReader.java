package io.github.tapbitrix24.extract.spi;

import io.github.tapbitrix24.extract.spi.PrefetchedCalls;
import io.github.tapbitrix24.extract.state.StreamBookmark;


/**
 * Reads one stream of one API family (see {@link ReaderRegistry}). Readers are generic over
 * streams: the family's paging lives here, what to read comes from the {@link StreamPlan}.
 * Extension point: per-deal children (ListApi.DEAL_CHILDREN) plug in a reader of their own.
 */
public interface StreamReader {
    /**
     * Reads the stream from where {@code bookmark} says (its replication key already matches the
     * plan's; an empty bookmark means "from the start"), calling {@link StreamOutput#checkpoint}
     * as it goes and {@link StreamOutput#complete} once at the end.
     *
     * @throws StreamUnavailableException when the portal will not serve the stream to this webhook
     */
    void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out);

    /**
     * Whether the family can filter by a replication key; if not, the stream is read as FULL_TABLE.
     * Most families cannot, so that is the default.
     */
    default boolean supportsIncremental() {
        return false;
    }

    /**
     * The call this reader makes first for {@code spec}, when that call is plain (no parameter
     * depends on state or on an earlier answer), so the runner can send it ahead, together with
     * other streams' ({@link PrefetchedCalls}). Empty by default.
     */
    default java.util.Optional<PrefetchedCalls.Call> firstCall(io.github.tapbitrix24.streams.StreamSpec spec) {
        return java.util.Optional.empty();
    }
}
