package io.github.tapbitrix24.extract.spi;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.extract.spi.StreamSummary;
import io.github.tapbitrix24.extract.spi.StreamUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the first call of every small stream of a run (the field lists, the dictionaries: one
 * request each, and usually their only one) together in one batch when the run starts, and answers
 * each reader's identical call from it, once. About a dozen requests per run become one, which is
 * most of an incremental run with few changes.
 *
 * <p>Only successful answers are kept: a call that failed inside the batch, or that was never
 * prefetched, goes to the portal when the reader makes it, with the usual retries and error
 * handling. A failure of the batch itself ends the run (it has had the client's retries), unless it
 * is a refusal that only skips a stream. Everything else passes straight through.
 */
public final class PrefetchedCalls implements BitrixApi {
    private static final Logger LOG = Logger.getLogger(PrefetchedCalls.class.getName());

    /** One call a reader will make, as it will make it. */
    public record Call(String method, ObjectNode params) {
        private String key() {
            return method + " " + params;
        }
    }

    private final BitrixApi inner;
    private final Map<String, Envelope> answers = new HashMap<>();

    public PrefetchedCalls(BitrixApi inner) {
        this.inner = inner;
    }

    /**
     * Sends {@code calls} in one batch (50 per HTTP request) and keeps their answers; with fewer
     * than two calls there is nothing to save and nothing is sent.
     */
    public void prefetch(List<Call> calls) {
        if (calls.size() < 2) {
            return;
        }
        List<BatchCommand> commands = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            commands.add(new BatchCommand("p" + i, calls.get(i).method(), calls.get(i).params().deepCopy()));
        }
        RequestStats before = inner.stats();
        try {
            BatchResult results = inner.batch(commands);
            for (int i = 0; i < calls.size(); i++) {
                SubResult r = results.get("p" + i);
                if (r != null && r.ok()) {
                    answers.put(calls.get(i).key(), new Envelope(r.result(), r.next(),
                            r.total() == null ? 0 : r.total(), r.time()));
                }
            }
        } catch (BitrixException e) {
            if (!StreamUnavailableException.isUnavailable(e)) {
                // Refused for the whole webhook (authentication, payment, a refused redirect) or
                // still failing after the client's retries: every stream would repeat it, each
                // with its own retries, so the run ends here, before anything was read.
                throw e;
            }
            LOG.warning(() -> "the first pages of " + calls.size() + " small streams could not be fetched together ("
                    + e.getMessage() + "); each stream calls on its own");
        }
        RequestStats after = inner.stats();
        LOG.info(() -> "first pages of " + calls.size() + " small streams: "
                + StreamSummary.count(after.httpRequests() - before.httpRequests(), "HTTP request") + " ("
                + StreamSummary.count(after.batchSubCommands() - before.batchSubCommands(), "command") + ")");
    }

    /** The kept answer to {@code call}, taken; empty when there is none (never asks the portal). */
    public Optional<Envelope> take(Call call) {
        return Optional.ofNullable(answers.remove(call.key()));
    }

    @Override
    public Envelope call(String method, ObjectNode params) {
        Envelope kept = answers.remove(new Call(method, params).key());
        return kept != null ? kept : inner.call(method, params);
    }

    @Override
    public BatchResult batch(List<BatchCommand> commands) {
        return inner.batch(commands);
    }

    @Override
    public BatchResult batchPrefix(List<BatchCommand> commands, int atLeast) {
        return inner.batchPrefix(commands, atLeast);
    }

    @Override
    public Optional<java.time.Instant> pausedUntil(String method) {
        return inner.pausedUntil(method);
    }

    @Override
    public BatchResult batch(List<BatchCommand> commands, io.github.tapbitrix24.bitrix.SubResultConsumer consumer) {
        return inner.batch(commands, consumer);
    }

    @Override
    public int affordableCalls(String method, int wanted) {
        return inner.affordableCalls(method, wanted);
    }

    @Override
    public RequestStats stats() {
        return inner.stats();
    }
}
