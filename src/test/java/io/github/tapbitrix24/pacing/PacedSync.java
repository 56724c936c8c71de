package io.github.tapbitrix24.pacing;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.SubResultConsumer;
import io.github.tapbitrix24.bitrix.TimeInfo;
import io.github.tapbitrix24.config.ConfigException;
import io.github.tapbitrix24.config.ConfigLoader;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.discover.Discovery;
import io.github.tapbitrix24.extract.SyncRunner;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.singer.SingerWriter;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tap, in this JVM, against a simulated portal on one {@link VirtualTime}: discovery, then a full
 * sync of the selected streams, wired as the command line wires them (the tap's client with the
 * config's own pacing, {@link Discovery}, {@link SyncRunner}) except that the clock and the sleeper
 * are virtual. Each call the tap makes is written down with the REST methods of its sub-calls, the
 * processing time the portal charged for each, and the virtual time since the previous call ended,
 * split by cause; stdout is counted and dropped.
 */
public final class PacedSync {
    /**
     * One sub-call: its REST method, the stream it was made for ({@link CallStreams}), and the
     * processing seconds the portal reported (0 when it failed).
     */
    public record Sub(String method, String stream, double processing) {
    }

    /**
     * One call of the tap ({@code call} or {@code batch}; a batch of more than 50 commands is several
     * HTTP requests) and the virtual time from the end of the previous call to the end of this one.
     */
    public record Call(String endpoint, List<Sub> subs, VirtualTime.Account span) {
    }

    /**
     * What a paced run did.
     *
     * @param discovery the virtual time from the making of {@code time} to the end of discovery (config loading included)
     * @param config    the tap's config as loaded
     * @param sync      the virtual time of the sync
     * @param syncSpan  virtual nanoseconds from the sync's first request going out to its last answer
     * @param calls     the sync's calls in order
     * @param result    the runner's own result (records and requests per stream)
     * @param stdoutBytes bytes the tap wrote to stdout
     */
    public record Result(TapConfig config, VirtualTime.Account discovery, VirtualTime.Account sync, long syncSpan, List<Call> calls,
                         SyncRunner.Result result, long stdoutBytes) {
    }

    /** A wait's end and a pause's end this close are the same instant (both computed to the nanosecond). */
    private static final long SAME_INSTANT_NANOS = 1_000_000;

    private PacedSync() {
    }

    /**
     * Runs discovery and a full sync on a thread of {@code time}'s {@link TapThreads} (the calling thread waits),
     * so every thread the tap starts is charged too.
     *
     * @param config the tap's config as JSON; its {@code webhook_url} is set to the simulator's
     * @param only   the streams to select (null: every stream)
     */
    public static Result run(PortalSimulator sim, VirtualTime time, ObjectNode config, Set<String> only) {
        return run(sim, time, config, only, null);
    }

    /**
     * As {@link #run(PortalSimulator, VirtualTime, ObjectNode, Set)}, with the sync's requests taking the
     * given server times (see {@link VirtualTime#replayServerTimes}) when {@code syncServerNanos} is not null.
     */
    public static Result run(PortalSimulator sim, VirtualTime time, ObjectNode config, Set<String> only,
                             long[] syncServerNanos) {
        return time.threads().run(() -> runHere(sim, time, config, only, syncServerNanos));
    }

    private static Result runHere(PortalSimulator sim, VirtualTime time, ObjectNode config, Set<String> only,
                                  long[] syncServerNanos) {
        ObjectNode c = config.deepCopy();
        c.put("webhook_url", sim.webhookUrl());
        TapConfig tapConfig;
        try {
            tapConfig = new ConfigLoader().toConfig(c);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad config: " + e.getMessage(), e);
        }
        sim.onRequest(r -> time.served(r.httpStatus()));
        BitrixClient client = new BitrixClient(tapConfig.webhookUrl(), tapConfig.clientSettings(), time.tapClock(), time.sleeper());
        Catalog discovered = new Discovery(client, tapConfig).discover();
        VirtualTime.Account afterDiscovery = time.account();
        List<CatalogEntry> selected = new ArrayList<>();
        for (CatalogEntry e : discovered.streams()) {
            e.streamMetadata().put("selected", only == null || only.contains(e.tapStreamId()));
            selected.add(e);
        }
        if (syncServerNanos != null) {
            time.replayServerTimes(syncServerNanos);
        }
        time.markSpan();
        CallStreams streams = CallStreams.of(selected.stream().map(CatalogEntry::tapStreamId)
                .filter(n -> only == null || only.contains(n)).toList(), tapConfig);
        Recording api = new Recording(client, time, streams);
        // a scheduler's wait (every stream waiting) is a pause when it ends as a method's operating-time pause does
        time.schedulerWaits(until -> api.methods.stream().map(client::pausedUntil).flatMap(java.util.Optional::stream)
                .anyMatch(end -> Math.abs(java.time.Duration.between(end, until).toNanos()) <= SAME_INSTANT_NANOS));
        Counting out = new Counting();
        SyncRunner.Result result;
        try (SingerWriter writer = new SingerWriter(out)) {
            result = SyncRunner.create(api, tapConfig, writer, time.tapClock(), time.sleeper()).run(new Catalog(selected), null);
        }
        VirtualTime.Account end = time.account();
        return new Result(tapConfig, afterDiscovery, end.minus(afterDiscovery), time.span(), api.calls, result, out.bytes);
    }

    /** The tap's client, writing down each call with the virtual time it took. */
    private static final class Recording implements BitrixApi {
        private final BitrixApi inner;
        private final VirtualTime time;
        private final CallStreams streams;
        private final List<Call> calls = new ArrayList<>();
        /** Every REST method called so far. */
        private final Set<String> methods = new java.util.TreeSet<>();
        private VirtualTime.Account last;

        Recording(BitrixApi inner, VirtualTime time, CallStreams streams) {
            this.inner = inner;
            this.time = time;
            this.streams = streams;
            this.last = time.account();
        }

        private String streamOf(String method, ObjectNode params) {
            return streams.of(method, params);
        }

        @Override
        public Envelope call(String method, ObjectNode params) {
            Envelope e = null;
            try {
                e = inner.call(method, params);
                return e;
            } finally {
                record(method, List.of(new Sub(method, streamOf(method, params), processing(e == null ? null : e.time()))));
            }
        }

        @Override
        public BatchResult batch(List<BatchCommand> commands) {
            BatchResult r = null;
            try {
                r = inner.batch(commands);
                return r;
            } finally {
                recordBatch(commands, r);
            }
        }

        /** The streaming form the tap's pager uses: forwarded as is, so the tap's own parse path is what is timed. */
        @Override
        public BatchResult batch(List<BatchCommand> commands, SubResultConsumer consumer) {
            BatchResult r = null;
            try {
                r = inner.batch(commands, consumer);
                return r;
            } finally {
                recordBatch(commands, r);
            }
        }

        private void recordBatch(List<BatchCommand> commands, BatchResult r) {
            Map<String, BatchCommand> byKey = new HashMap<>();
            commands.forEach(cmd -> byKey.put(cmd.key(), cmd));
            List<Sub> subs = new ArrayList<>();
            if (r != null) {
                for (SubResult s : r.results()) {
                    BatchCommand cmd = byKey.get(s.key());
                    subs.add(new Sub(s.method(), cmd == null ? "(" + s.method() + ")" : streamOf(cmd.method(), cmd.params()),
                            processing(s.time())));
                }
            } else {
                commands.forEach(cmd -> subs.add(new Sub(cmd.method(), streamOf(cmd.method(), cmd.params()), 0)));
            }
            record("batch", subs);
        }

        private void record(String endpoint, List<Sub> subs) {
            subs.forEach(sub -> methods.add(sub.method()));
            VirtualTime.Account now = time.account();
            calls.add(new Call(endpoint, List.copyOf(subs), now.minus(last)));
            last = now;
        }

        private static double processing(TimeInfo t) {
            return t == null || t.processing() == null ? 0 : t.processing();
        }

        @Override
        public int affordableCalls(String method, int wanted) {
            return inner.affordableCalls(method, wanted);
        }

        /** The scheduler asks which methods are paused, to send the others meanwhile (docs/scheduler.md). */
        @Override
        public java.util.Optional<java.time.Instant> pausedUntil(String method) {
            return inner.pausedUntil(method);
        }

        @Override
        public RequestStats stats() {
            return inner.stats();
        }
    }

    /** stdout: its bytes counted, nothing kept (a real run writes them to a pipe). */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
