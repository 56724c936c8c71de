package io.github.tapbitrix24.extract.paging;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.SubResultConsumer;
import io.github.tapbitrix24.extract.spi.StreamUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stream's calls to the API, as every reader makes them: a failure that means "this stream is
 * not available to the webhook" (scope, module, rights; for a stream's own call also NOT_FOUND)
 * becomes a {@link StreamUnavailableException}
 * (the runner skips the stream), any other fails the run; and the back-off before a failed
 * sub-call of a batch is sent again (the client retries whole HTTP requests, not sub-calls).
 */
public final class StreamCalls {
    private static final Logger LOG = Logger.getLogger(StreamCalls.class.getName());

    /** Consecutive failed attempts of the same sub-call before the stream gives up. */
    public static final int MAX_ATTEMPTS = 6;
    /** Budget resets one sub-call may wait for in a row (each up to ten minutes) before the stream gives up. */
    static final int MAX_OPERATING_LIMIT_WAITS = 12;

    private StreamCalls() {
    }

    public static Envelope call(BitrixApi api, String stream, String method, ObjectNode params) {
        try {
            return api.call(method, params);
        } catch (BitrixException e) {
            throw StreamUnavailableException.wrapIfGoneOrUnavailable(stream, e);
        }
    }

    public static BatchResult batch(BitrixApi api, String stream, List<BatchCommand> commands) {
        try {
            return api.batch(commands);
        } catch (BitrixException e) {
            throw StreamUnavailableException.wrapIfUnavailable(stream, e);
        }
    }

    /** {@link BitrixApi#batchPrefix}: a prefix of {@code commands}, at least {@code atLeast}, may be sent. */
    static BatchResult batchPrefix(BitrixApi api, String stream, List<BatchCommand> commands, int atLeast) {
        try {
            return api.batchPrefix(commands, atLeast);
        } catch (BitrixException e) {
            throw StreamUnavailableException.wrapIfUnavailable(stream, e);
        }
    }

    /** {@link #batch(BitrixApi, String, List)} with each result handed to {@code consumer} as it is read. */
    static BatchResult batch(BitrixApi api, String stream, List<BatchCommand> commands, SubResultConsumer consumer) {
        try {
            return api.batch(commands, consumer);
        } catch (BitrixException e) {
            throw StreamUnavailableException.wrapIfUnavailable(stream, e);
        }
    }

    /**
     * The sub-call {@code page} as failed with a malformed answer: retried like any malformed
     * response, then the run fails naming the method.
     */
    static SubResult malformed(SubResult page, String what) {
        BitrixException error = new BitrixException(BitrixErrorKind.MALFORMED_RESPONSE, page.method(), "", 0,
                "unreadable answer to " + page.method() + ": " + what, null, null);
        return new SubResult(page.key(), page.method(), null, page.next(), page.total(), page.time(), error);
    }

    /**
     * Sleeps before a failed sub-call is sent again, or throws when it must not (a non-retryable
     * error) or cannot (the {@link #MAX_ATTEMPTS}th failure in a row) be.
     *
     * @param attempts failed attempts in a row so far
     * @param retry    what happens next, for the log line ("retrying from the last ID")
     * @return the failed attempts in a row, this one included
     */
    public static int backOff(Sleeper sleeper, String stream, SubResult failed, int attempts, String retry) {
        BitrixException error = failed.error();
        if (error != null && !error.kind().retryable()) {
            throw StreamUnavailableException.wrapIfUnavailable(stream, error);
        }
        int attempt = attempts + 1;
        boolean budget = error != null && error.kind() == BitrixErrorKind.OPERATING_TIME_LIMIT;
        if (attempt >= (budget ? MAX_OPERATING_LIMIT_WAITS : MAX_ATTEMPTS)) {
            String why = error == null ? "the server skipped the command" : error.getMessage();
            throw new BitrixException(error == null ? BitrixErrorKind.SERVER : error.kind(), failed.method(),
                    error == null ? "" : error.code(), 0, "stream " + stream + ": " + failed.method()
                    + " kept failing inside batch after " + attempt + " attempts: " + why, null, error);
        }
        if (budget) {
            // The client holds the method until its budget resets (OperatingBudget); no backoff on top.
            LOG.info(() -> "stream " + stream + ": " + failed.method() + " is over its operating-time budget; " + retry
                    + " once it resets");
            return attempt;
        }
        Duration wait = error == null || error.retryAfter().isEmpty()
                ? Duration.ofMillis(500L << Math.min(attempt, 6)) : error.retryAfter().get();
        LOG.warning(() -> "stream " + stream + ": " + failed.method() + " failed inside batch ("
                + (error == null ? "no result" : error.kind() + " " + error.getMessage()) + "); " + retry + " in "
                + wait.toMillis() + " ms");
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry " + failed.method(), e);
        }
        return attempt;
    }
}
