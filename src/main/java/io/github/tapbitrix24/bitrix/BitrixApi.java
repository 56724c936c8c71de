package io.github.tapbitrix24.bitrix;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the rest of the tap needs from Bitrix24: one method call, or many in a batch.
 * Implementations own throttling, retries, operating-time pauses and error typing; callers
 * see either a parsed envelope or a {@link BitrixException}.
 */
public interface BitrixApi {

    /** Calls one REST method with a JSON body. Never returns an error envelope: throws instead. */
    Envelope call(String method, ObjectNode params);

    /**
     * Runs the commands through {@code batch} with {@code halt=0}, 50 per HTTP request (more are
     * split into several requests, in order). Sub-command failures do not throw: they come back
     * in {@link SubResult#error()}. Only whole-request failures throw.
     */
    BatchResult batch(List<BatchCommand> commands);

    /**
     * Runs a prefix of {@code commands} (all by default), at least the first {@code atLeast}, for
     * callers whose commands may be cut from the end (a keyset chain, independent sub-calls): a
     * scheduler sharing one HTTP request among several streams sends only what fits and answers
     * the rest later. The result holds the sent prefix's sub-results, in order; a command not in
     * it was not sent (not a failure).
     */
    default BatchResult batchPrefix(List<BatchCommand> commands, int atLeast) {
        return batch(commands);
    }

    /**
     * When {@code method} may be called again, while it is paused over its operating-time budget
     * [bitrix24-api.md §4.2]; empty when it may be called now. Lets a scheduler send other methods
     * meanwhile instead of waiting in the client.
     */
    default Optional<Instant> pausedUntil(String method) {
        return Optional.empty();
    }

    /**
     * One {@code batch} request (1 to 50 commands, {@code halt=0}) whose successful results are handed
     * to {@code consumer} one by one, in order, each whole, as the answer is parsed, so that no tree of
     * the whole answer need be built. The returned result holds every sub-call's next/total/time/error as
     * {@link #batch(List)} does. A failure before any result was handed out is retried as usual; one
     * after that is not (it would hand results out twice): it comes back as the error of every sub-call
     * not handed out (the results handed out before it stay ok, as a missing node). This default reads
     * the answer whole and then hands the results out.
     */
    default BatchResult batch(List<BatchCommand> commands, SubResultConsumer consumer) {
        return batch(commands).handTo(consumer);
    }

    /**
     * How many of {@code wanted} calls to {@code method} fit in its operating-time budget now, at
     * least one: after the portal refused the method with OPERATION_TIME_LIMIT, a batch of fifty
     * chained calls would have most of them refused again, each costing a sub-call for nothing.
     */
    default int affordableCalls(String method, int wanted) {
        return wanted;
    }

    /** Counters since this client was created (HTTP requests sent, batch sub-commands sent). */
    RequestStats stats();
}
