package io.github.tapbitrix24.bitrix;

import java.util.List;
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
