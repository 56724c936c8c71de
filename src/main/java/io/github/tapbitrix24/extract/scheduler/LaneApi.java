package io.github.tapbitrix24.extract.scheduler;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.SubResultConsumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API as the readers see it: called from a lane, a request parks the lane until the
 * scheduler has sent it (shared with other lanes' requests); called from outside a lane (discovery,
 * the small streams' shared first calls before the lanes start) it goes straight to the client.
 * {@link #stats()} inside a lane counts that lane's own share: its sub-calls, and the HTTP
 * requests that carried any of them.
 */
final class LaneApi implements BitrixApi {
    private final Scheduler scheduler;
    private final BitrixApi inner;

    LaneApi(Scheduler scheduler, BitrixApi inner) {
        this.scheduler = scheduler;
        this.inner = inner;
    }

    @Override
    public Envelope call(String method, ObjectNode params) {
        Lane lane = scheduler.current();
        if (lane == null) {
            return inner.call(method, params);
        }
        return (Envelope) scheduler.park(lane, new LaneRequest.Call(method, params));
    }

    /** Every command, 50 per shared request, each chunk whole (the caller may not expect a cut). */
    @Override
    public BatchResult batch(List<BatchCommand> commands) {
        Lane lane = scheduler.current();
        if (lane == null) {
            return inner.batch(commands);
        }
        List<SubResult> all = new ArrayList<>(commands.size());
        for (int from = 0; from < commands.size(); from += SharedBatch.MAX_COMMANDS) {
            List<BatchCommand> chunk = commands.subList(from, Math.min(commands.size(), from + SharedBatch.MAX_COMMANDS));
            BatchResult r = (BatchResult) scheduler.park(lane, new LaneRequest.Batch(List.copyOf(chunk), chunk.size()));
            all.addAll(r.results());
        }
        return new BatchResult(List.copyOf(all));
    }

    /**
     * Page by page: a request that goes alone is sent by the lane itself (the scheduler's
     * {@link Scheduler#SEND_ALONE}), the answer streamed to {@code consumer} on the lane's thread;
     * one shared with other lanes comes back whole and is handed to {@code consumer} afterwards.
     * Either way the consumer runs in its own lane (it may write a STATE, or fetch children).
     * A request sent alone counts for the lane as the client counted it, each retry included.
     */
    @Override
    public BatchResult batch(List<BatchCommand> commands, SubResultConsumer consumer) {
        Lane lane = scheduler.current();
        if (lane == null) {
            return inner.batch(commands, consumer);
        }
        if (commands.size() > SharedBatch.MAX_COMMANDS) {
            throw new IllegalArgumentException("a streamed batch holds at most " + SharedBatch.MAX_COMMANDS
                    + " commands, got " + commands.size());
        }
        Object answer = scheduler.park(lane, new LaneRequest.Batch(List.copyOf(commands), commands.size(), true));
        if (answer == Scheduler.SEND_ALONE) {
            // What the client counts meanwhile is this request with every retry of it, plus what
            // other lanes sent while the answer's reader had this lane parked (attributed to them).
            RequestStats before = inner.stats();
            long otherRequests = scheduler.attributedRequests;
            long otherSubCalls = scheduler.attributedSubCalls;
            try {
                return inner.batch(commands, consumer);
            } finally {
                RequestStats after = inner.stats();
                scheduler.attribute(lane,
                        after.httpRequests() - before.httpRequests() - (scheduler.attributedRequests - otherRequests),
                        after.batchSubCommands() - before.batchSubCommands()
                                - (scheduler.attributedSubCalls - otherSubCalls));
            }
        }
        return ((BatchResult) answer).handTo(consumer);
    }

    @Override
    public BatchResult batchPrefix(List<BatchCommand> commands, int atLeast) {
        Lane lane = scheduler.current();
        if (lane == null) {
            return inner.batchPrefix(commands, atLeast);
        }
        List<BatchCommand> upTo50 = List.copyOf(commands.subList(0, Math.min(commands.size(), SharedBatch.MAX_COMMANDS)));
        return (BatchResult) scheduler.park(lane, new LaneRequest.Batch(upTo50, Math.min(atLeast, upTo50.size())));
    }

    @Override
    public Optional<Instant> pausedUntil(String method) {
        return inner.pausedUntil(method);
    }

    @Override
    public int affordableCalls(String method, int wanted) {
        return inner.affordableCalls(method, wanted);
    }

    @Override
    public RequestStats stats() {
        Lane lane = scheduler.current();
        return lane == null ? inner.stats() : lane.stats(inner.stats().retries());
    }
}
