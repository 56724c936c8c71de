package io.github.tapbitrix24.extract.paging;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.bitrix.SubResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs many independent sub-calls (one per group of parents, or per deal) packed 50 to a
 * {@code batch} request (D:settings/how-to-call-rest-api/batch.md; bitrix24-api.md §3, §8 steps 4-5).
 * A sub-call may ask for a follow-up (its next page); follow-ups go into the next request
 * together with fresh sub-calls, so every request stays full until the queue is empty.
 *
 * <p>Sub-calls never reference each other ({@code $result[..]}): what the server does with a
 * reference into a short page is undocumented (bitrix24-api.md §3.4), and independent calls need none.
 * A sub-call that failed with a retryable error is sent again after a back-off; one that keeps
 * failing, or fails for good, ends the stream.
 */
public final class SubCallQueue {

    /** One sub-call and what to do with its answer. */
    public interface Call {
        String method();

        ObjectNode params();

        /**
         * Whether a successful answer has the shape of a page; one that does not is a malformed
         * answer, retried like a failure (never read as "no rows").
         */
        default boolean isPage(JsonNode result) {
            return true;
        }

        /** Handles a successful answer; returns the follow-up calls (the next page), if any. */
        List<Call> done(SubResult result);

        /**
         * Handles a failed answer by replacing the call (another form of the same request), or
         * returns null to have it retried when the failure is retryable and to fail otherwise.
         */
        default List<Call> failed(SubResult result) {
            return null;
        }
    }

    private final BitrixApi api;
    private final Sleeper sleeper;

    public SubCallQueue(BitrixApi api, Sleeper sleeper) {
        this.api = api;
        this.sleeper = sleeper;
    }

    /** Runs {@code calls} and every follow-up they ask for; returns when all have been answered. */
    public void run(String stream, Collection<? extends Call> calls) {
        Deque<Call> queue = new ArrayDeque<>(calls);
        int attempts = 0;
        while (!queue.isEmpty()) {
            List<Call> sent = new ArrayList<>(KeysetPager.MAX_COMMANDS);
            List<BatchCommand> commands = new ArrayList<>(KeysetPager.MAX_COMMANDS);
            while (!queue.isEmpty() && sent.size() < KeysetPager.MAX_COMMANDS) {
                Call c = queue.pollFirst();
                commands.add(new BatchCommand("c" + sent.size(), c.method(), c.params()));
                sent.add(c);
            }
            // Calls are independent: a shared request may carry only some of them (the scheduler
            // fits other streams in); the others were not sent, and go first into the next request.
            BatchResult result = StreamCalls.batchPrefix(api, stream, commands, 1);
            List<Call> retry = new ArrayList<>();
            List<Call> followUps = new ArrayList<>();
            SubResult failure = null;
            int answered = result.results().size();
            for (int i = sent.size() - 1; i >= answered; i--) {
                queue.addFirst(sent.get(i));
            }
            for (int i = 0; i < answered; i++) {
                SubResult r = result.get("c" + i);
                if (r.ok() && !sent.get(i).isPage(r.result())) {
                    r = StreamCalls.malformed(r, "a page that is not a list of rows");
                }
                if (r.ok()) {
                    followUps.addAll(sent.get(i).done(r));
                    continue;
                }
                List<Call> replaced = sent.get(i).failed(r);
                if (replaced != null) {
                    followUps.addAll(replaced);
                } else {
                    retry.add(sent.get(i));
                    failure = r;
                }
            }
            // Follow-ups first: a deal's pages are then finished before new deals start.
            for (int i = followUps.size() - 1; i >= 0; i--) {
                queue.addFirst(followUps.get(i));
            }
            if (failure != null) {
                attempts = StreamCalls.backOff(sleeper, stream, failure, retry.size() < answered ? 0 : attempts,
                        "sending it again");
                for (int i = retry.size() - 1; i >= 0; i--) {
                    queue.addFirst(retry.get(i));
                }
            } else {
                attempts = 0;
            }
        }
    }
}
