package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.extract.paging.KeysetPager;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.SingerWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link SyncHarness} with every child option on, the portal's clock as the tap's clock (the
 * comments' full-refresh schedule reads it), and HTTP requests counted per REST method: a batch
 * request counts for the method of its first command (the tap never mixes the methods of two
 * streams in one request).
 */
final class ChildrenHarness implements AutoCloseable {
    final SyncHarness h;
    final Counting api;

    ChildrenHarness(PortalOptions options, int commentsFullRefreshHours) {
        this(options, commentsFullRefreshHours, List.of());
    }

    ChildrenHarness(PortalOptions options, int commentsFullRefreshHours, List<Integer> dealCategoryIds) {
        this(options, commentsFullRefreshHours, dealCategoryIds, c -> c);
    }

    /** @param more further settings on top of the children options */
    ChildrenHarness(PortalOptions options, int commentsFullRefreshHours, List<Integer> dealCategoryIds,
                    java.util.function.UnaryOperator<TapConfig> more) {
        h = new SyncHarness(options, c -> more.apply(new TapConfig(c.webhookUrl(), c.startDate(), true, true, true,
                c.operatingTimeThreshold(), dealCategoryIds, c.maxRequestsPerSecond(), c.requestBurst(),
                c.requestTimeoutSeconds(), c.retryMaxAttempts(), c.retryInitialDelaySeconds(),
                c.retryMaxDelaySeconds(), c.retryMaxTotalSeconds(), commentsFullRefreshHours)));
        api = new Counting(h.client);
    }

    Catalog catalog(String... streams) {
        return h.catalog(streams);
    }

    SyncHarness.Run sync(Catalog catalog, JsonNode state) {
        return sync(catalog, state, Long.MAX_VALUE);
    }

    /** As {@link SyncHarness#sync(Catalog, JsonNode, long)}, through the counting API and the portal's clock. */
    SyncHarness.Run sync(Catalog catalog, JsonNode state, long killAfterLines) {
        SyncHarness.LineLimitedOutput out = new SyncHarness.LineLimitedOutput(killAfterLines);
        long before = api.stats().httpRequests();
        SyncRunner.Result result = null;
        boolean killed = false;
        SingerWriter writer = new SingerWriter(out);
        try {
            result = SyncRunner.create(api, h.config, writer, h.sim.clock(), d -> { }).run(catalog, state);
            writer.close();
        } catch (RuntimeException e) {
            if (!out.broken) {
                throw e;
            }
            killed = true;
        }
        List<JsonNode> messages = new ArrayList<>();
        for (String line : out.bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                messages.add(SyncHarness.JSON.readTree(line));
            }
        }
        return new SyncHarness.Run(messages, result, killed, api.stats().httpRequests() - before);
    }

    @Override
    public void close() {
        h.close();
    }

    /** Counts HTTP requests per method; delegates everything. */
    static final class Counting implements BitrixApi {
        private final BitrixApi inner;
        final Map<String, Long> requests = new ConcurrentHashMap<>();
        /** The method of every HTTP request, in the order they were sent. */
        final List<String> sequence = java.util.Collections.synchronizedList(new ArrayList<>());

        Counting(BitrixApi inner) {
            this.inner = inner;
        }

        @Override
        public Envelope call(String method, ObjectNode params) {
            requests.merge(method, 1L, Long::sum);
            sequence.add(method);
            return inner.call(method, params);
        }

        @Override
        public BatchResult batch(List<BatchCommand> commands) {
            for (int i = 0; i < commands.size(); i += KeysetPager.MAX_COMMANDS) {
                requests.merge(commands.get(i).method(), 1L, Long::sum);
                sequence.add(commands.get(i).method());
            }
            return inner.batch(commands);
        }

        @Override
        public RequestStats stats() {
            return inner.stats();
        }

        long of(String method) {
            return requests.getOrDefault(method, 0L);
        }

        void reset() {
            requests.clear();
            sequence.clear();
        }
    }
}
