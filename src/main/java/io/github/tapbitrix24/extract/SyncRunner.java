package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.extract.children.ChildFollower;
import io.github.tapbitrix24.extract.children.DealChildrenReader;
import io.github.tapbitrix24.extract.deletions.ChildIdsOutput;
import io.github.tapbitrix24.extract.deletions.DeletionMarks;
import io.github.tapbitrix24.extract.deletions.EntitySweeper;
import io.github.tapbitrix24.extract.deletions.SweepSummary;
import io.github.tapbitrix24.extract.paging.KeysetPager;
import io.github.tapbitrix24.extract.scheduler.Scheduler;
import io.github.tapbitrix24.extract.spi.PrefetchedCalls;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.spi.StreamSummary;
import io.github.tapbitrix24.extract.spi.StreamUnavailableException;
import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.extract.state.SyncState;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.singer.Metrics;
import io.github.tapbitrix24.singer.SingerWriter;
import io.github.tapbitrix24.streams.ListApi;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Syncs every selected stream of a catalog: per stream a SCHEMA, its RECORDs and STATE messages,
 * then a final STATE. Each stream's read (with its children riding along and its deletion sweep)
 * is a lane of the {@link Scheduler}: the lanes run interleaved, one at a time, and their requests
 * share HTTP requests, so a stream paused over its operating-time budget does not hold up the
 * others (docs/scheduler.md). Lanes are in catalog order, except that the stream the incoming
 * state names ({@code currently_syncing}) comes first, and that a per-deal child stream comes with
 * its parent: read along with its read when their bookmarks allow, else in a lane that starts
 * after the parent's has ended. The small streams' first calls are sent together when the run
 * starts ({@link PrefetchedCalls}).
 *
 * <p>State stays exact with streams interleaved: a stream puts its position into the shared
 * {@link SyncState} only after writing the records it covers, and every STATE carries every
 * stream's latest position; {@code currently_syncing} names the earliest-started stream still in
 * flight.
 */
public final class SyncRunner {
    private static final Logger LOG = Logger.getLogger(SyncRunner.class.getName());

    private final Scheduler scheduler;
    private final BitrixApi api;
    private final SingerWriter writer;
    private final Clock clock;
    private final ReaderRegistry readers;
    private final Function<String, Optional<StreamSpec>> specs;
    private final TapConfig config;
    private final StreamPlanner planner;
    private final EntitySweeper sweeper;
    private final List<SweepSummary> sweeps = new ArrayList<>();
    private RunProgress progress;
    /** The outputs of the current run, for the report of values written as null at its end. */
    private final List<SingerStreamOutput> outputs = new ArrayList<>();

    /** The streams in flight, in the order they started: the first is {@code currently_syncing}. */
    private final List<String> inFlight = new ArrayList<>();

    /**
     * @param api     the API the readers use: the scheduler's, or a wrapper around it
     * @param specs   resolves a catalog's tap_stream_id to the stream's declaration
     * @param readers the reader of each API family
     * @param sleeper the scheduler's sleeper (a back-off inside a lane lets the others run)
     */
    SyncRunner(Scheduler scheduler, BitrixApi api, TapConfig config, SingerWriter writer, Clock clock,
               ReaderRegistry readers, Function<String, Optional<StreamSpec>> specs, Sleeper sleeper) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.api = Objects.requireNonNull(api, "api");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.specs = Objects.requireNonNull(specs, "specs");
        this.config = Objects.requireNonNull(config, "config");
        this.planner = new StreamPlanner(config);
        this.sweeper = new EntitySweeper(api, new KeysetPager(api, sleeper), clock, config.deletions());
    }

    /** The standard runner: streams from {@link StreamRegistry}, the standard readers. */
    public static SyncRunner create(BitrixApi api, TapConfig config, SingerWriter writer, Clock clock,
                                    Sleeper sleeper) {
        Scheduler scheduler = new Scheduler(api, clock, sleeper);
        PrefetchedCalls prefetching = new PrefetchedCalls(scheduler.api());
        Sleeper inLane = scheduler.sleeper();
        return new SyncRunner(scheduler, prefetching, config, writer, clock, 
                ReaderRegistry.standard(prefetching, clock, inLane).withChildren(prefetching, config, clock, inLane,
                        scheduler),
                name -> StreamRegistry.forName(name, config), inLane);
    }

    /** What a run did: the state written last, a summary per stream and per deletion check (detect_deletions). */
    public record Result(ObjectNode finalState, List<StreamSummary> streams, List<SweepSummary> sweeps) {
        public Optional<StreamSummary> stream(String name) {
            return streams.stream().filter(s -> s.stream().equals(name)).findFirst();
        }
    }

    /**
     * Syncs the selected streams.
     *
     * @param state the incoming state (null or {@code {}} for a first run)
     */
    public Result run(Catalog catalog, JsonNode state) {
        SyncState syncState = SyncState.from(state);
        sweeps.clear();
        progress = new RunProgress(clock);
        outputs.clear();
        PortalOffset portalOffset = syncState.portalOffset();
        List<StreamSummary> summaries = new ArrayList<>();
        Set<String> synced = new HashSet<>();
        List<CatalogEntry> ordered = order(catalog.selected(), syncState.currentlySyncing());
        prefetchSmallStreams(ordered);
        inFlight.clear();
        Map<String, Scheduler.Handle> lanes = new HashMap<>();
        for (CatalogEntry entry : ordered) {
            String name = entry.tapStreamId();
            // A child stream not riding along its parent scans the parents itself, after the parent's
            // read: its bookmark then does not lag the parent's, and next time it can ride along.
            Scheduler.Handle parent = specs.apply(name).map(StreamSpec::parent).map(lanes::get).orElse(null);
            lanes.put(name, scheduler.lane(name, parent, () -> {
                if (synced.contains(name)) {
                    return; // read along with its parent
                }
                for (StreamSummary summary : syncStream(entry, catalog, syncState, portalOffset, synced)) {
                    if (summary.completed()) {
                        LOG.info(summary::line);
                    } else {
                        LOG.warning(summary::line);
                    }
                    metrics(summary);
                    summaries.add(summary);
                }
            }));
        }
        scheduler.run();
        reportNulledValues();
        syncState.currentlySyncing(null);
        ObjectNode finalState = syncState.toJson();
        writer.writeState(finalState);
        progress.summary();
        return new Result(finalState, List.copyOf(summaries), List.copyOf(sweeps));
    }

    /**
     * The small streams' first calls in one shared request ({@link PrefetchedCalls}), with the deal
     * funnel list when {@code deal_category_ids} is set ({@link FunnelCheck}).
     */
    private void prefetchSmallStreams(List<CatalogEntry> ordered) {
        if (!(api instanceof PrefetchedCalls prefetching)) {
            return;
        }
        List<PrefetchedCalls.Call> calls = firstCalls(ordered);
        boolean checkFunnels = !calls.isEmpty() && !config.dealCategoryIds().isEmpty();
        if (checkFunnels) {
            calls.add(FunnelCheck.call());
        }
        prefetching.prefetch(calls);
        if (checkFunnels) {
            prefetching.take(FunnelCheck.call()).flatMap(e -> FunnelCheck.warning(config.dealCategoryIds(), e.result()))
                    .ifPresent(LOG::warning);
        }
    }

    /**
     * Non-empty values that arrived in a form the field's type cannot hold were written as null
     * (RecordCoercer logs each field once when it happens); the totals per stream and field, on
     * stderr and as a METRIC, so that no data loss goes unseen at the end of a run.
     */
    private void reportNulledValues() {
        for (SingerStreamOutput out : outputs) {
            out.nulledValues().forEach((field, n) -> {
                LOG.warning(() -> "stream " + out.stream() + ", field " + field + ": " + StreamSummary.count(n, "value")
                        + " could not be converted to the field's type and " + (n == 1 ? "was" : "were")
                        + " written as null");
                LOG.info(() -> Metrics.logged(Metrics.counter("nulled_value_count", n,
                        Map.of("stream", out.stream(), "field", field))));
            });
        }
        outputs.clear();
    }

    /** The stream's Singer METRIC lines on stderr: records (the last increment), HTTP requests, duration. */
    private void metrics(StreamSummary s) {
        Map<String, String> stream = Map.of("stream", s.stream());
        progress.streamDone(s.stream());
        LOG.info(() -> Metrics.logged(Metrics.counter("http_request_count", s.httpRequests(), stream)));
        LOG.info(() -> Metrics.logged(Metrics.timer("sync_duration", s.elapsed().toNanos() / 1e9,
                Map.of("stream", s.stream(), "status", s.completed() ? "succeeded" : "skipped"))));
    }

    /**
     * Catalog order, except: the stream the incoming state was in the middle of goes first, and a
     * child stream whose parent is selected comes after its parent. A child read on its own
     * then ends no earlier than its parent, so in the next run its bookmark does not lag the
     * parent's and it can ride along the parent's read ({@link DealChildrenReader#canFollow}).
     */
    private List<CatalogEntry> order(List<CatalogEntry> selected, Optional<String> interrupted) {
        Map<String, String> parents = new HashMap<>(); // selected stream → its parent stream, or null
        selected.forEach(e -> parents.put(e.tapStreamId(),
                specs.apply(e.tapStreamId()).map(StreamSpec::parent).orElse(null)));
        Set<CatalogEntry> ordered = new LinkedHashSet<>(selected.size());
        interrupted.flatMap(name -> selected.stream().filter(e -> e.tapStreamId().equals(name)).findFirst())
                .ifPresent(ordered::add);
        for (CatalogEntry entry : selected) {
            if (parents.containsKey(parents.get(entry.tapStreamId()))) {
                continue; // comes with its parent
            }
            ordered.add(entry);
            selected.stream().filter(c -> entry.tapStreamId().equals(parents.get(c.tapStreamId())))
                    .forEach(ordered::add);
        }
        return new ArrayList<>(ordered);
    }

    /** The plain first call of each stream whose reader has one, to be sent together. */
    private List<PrefetchedCalls.Call> firstCalls(List<CatalogEntry> entries) {
        List<PrefetchedCalls.Call> calls = new ArrayList<>();
        for (CatalogEntry entry : entries) {
            specs.apply(entry.tapStreamId()).ifPresent(spec -> readers.forApi(spec.api())
                    .flatMap(reader -> reader.firstCall(spec)).ifPresent(calls::add));
        }
        return calls;
    }

    /** Syncs one stream, and the child streams that ride along its read; marks each synced. */
    private List<StreamSummary> syncStream(CatalogEntry entry, Catalog catalog, SyncState state,
                                           PortalOffset portalOffset, Set<String> synced) {
        String name = entry.tapStreamId();
        synced.add(name);
        Optional<StreamSpec> spec = specs.apply(name);
        if (spec.isEmpty()) {
            return List.of(skipped(name, "not a stream of this tap"));
        }
        Optional<StreamReader> reader = readers.forApi(spec.get().api());
        if (reader.isEmpty()) {
            return List.of(skipped(name, "no reader for " + spec.get().api() + " streams in this build"));
        }
        StreamPlan plan = plan(entry, spec.get(), reader.get(), catalog);
        ObjectNode schema = writeSchema(entry, plan);
        StreamBookmark bookmark = bookmark(state, name, plan);
        inFlight.add(name);
        state.currentlySyncing(inFlight.get(0));
        SingerStreamOutput out = output(plan, schema, state, portalOffset);
        List<ChildFollower> followers = followers(name, plan, bookmark, catalog, state, portalOffset, synced);
        RequestStats before = api.stats();
        Instant started = clock.instant();
        String skipped = null;
        try {
            StreamOutput own = childDeletions(plan, bookmark, reader.get(), out, state);
            DealChildrenReader.readCarrying(reader.get(), plan, bookmark, own, followers, scheduler);
        } catch (StreamUnavailableException e) {
            skipped = e.reason();
        }
        inFlight.remove(name);
        state.currentlySyncing(inFlight.isEmpty() ? null : inFlight.get(0));
        writer.writeState(state.toJson());
        RequestStats after = api.stats();
        List<StreamSummary> summaries = new ArrayList<>();
        // The riders' requests are their own lanes' (Scheduler.start): not in the parent's count.
        summaries.add(new StreamSummary(name, out.records(), after.httpRequests() - before.httpRequests(),
                after.batchSubCommands() - before.batchSubCommands(), Duration.between(started, clock.instant()),
                skipped));
        for (ChildFollower f : followers) {
            summaries.add(f.summary(name, skipped));
        }
        if (skipped == null) {
            sweeper.afterRead(plan, out, state).ifPresent(sweep -> {
                sweepDone(sweep);
                writer.writeState(state.toJson());
            });
        }
        return summaries;
    }

    private StreamPlan plan(CatalogEntry entry, StreamSpec spec, StreamReader reader, Catalog catalog) {
        StreamPlan own = planner.plan(entry, spec, reader);
        return planner.parentPlan(spec, catalog).map(own::withParent).orElse(own);
    }

    private ObjectNode writeSchema(CatalogEntry entry, StreamPlan plan) {
        ObjectNode schema = StreamPlanner.schema(entry, plan);
        if (sweeper.marks(plan) || marksChildren(plan)) {
            DeletionMarks.addColumn(schema);
        }
        writer.writeSchema(entry.tapStreamId(), schema, StreamPlanner.keyProperties(entry, plan.spec()),
                plan.replicationKey() == null ? List.of() : List.of(plan.replicationKey()));
        return schema;
    }

    /** The stream's bookmark, or an empty one when it was kept for another replication key. */
    private static StreamBookmark bookmark(SyncState state, String name, StreamPlan plan) {
        StreamBookmark stored = state.bookmark(name);
        if (Objects.equals(stored.replicationKey(), plan.replicationKey())) {
            return stored;
        }
        if (stored.value() != null || stored.inProgress()) {
            LOG.info(() -> "stream " + name + ": the bookmark was kept for replication key "
                    + stored.replicationKey() + ", now " + plan.replicationKey() + "; starting over");
        }
        return StreamBookmark.empty(plan.replicationKey());
    }

    private SingerStreamOutput output(StreamPlan plan, ObjectNode schema, SyncState state, PortalOffset portalOffset) {
        SingerStreamOutput out = new SingerStreamOutput(plan.name(), schema, writer, state, portalOffset, clock,
                config.emitActivateVersion() && readsEverything(plan), progress.stream(plan.name()));
        outputs.add(out);
        return out;
    }

    /** A FULL_TABLE read: the stream's own, or a child's whose parent is read FULL_TABLE. */
    private static boolean readsEverything(StreamPlan plan) {
        return plan.replicationKey() == null && plan.parent().map(p -> p.replicationKey() == null).orElse(true);
    }

    /**
     * The selected child streams of {@code parent} (named so in their spec) not synced yet whose
     * children can be read along with the parent's own read: each is fed the parent keys the
     * parent's scan reads (one scan instead of one per stream, and the children's short requests
     * between the parent's long ones). The others are read on their own after it.
     */
    private List<ChildFollower> followers(String parent, StreamPlan parentPlan, StreamBookmark parentBookmark,
                                          Catalog catalog, SyncState state, PortalOffset portalOffset,
                                          Set<String> synced) {
        List<ChildFollower> followers = new ArrayList<>();
        for (CatalogEntry child : catalog.selected()) {
            String name = child.tapStreamId();
            Optional<StreamSpec> spec = specs.apply(name);
            if (synced.contains(name) || spec.isEmpty() || !parent.equals(spec.get().parent())
                    || !(readers.forApi(spec.get().api()).orElse(null) instanceof DealChildrenReader children)) {
                continue;
            }
            StreamPlan plan = plan(child, spec.get(), children, catalog);
            if (!children.canFollow(plan, bookmark(state, name, plan), parentPlan, parentBookmark)) {
                LOG.info(() -> "stream " + name + ": its bookmark is behind " + parent
                        + "'s or a re-read of every deal is due; it scans the " + parent + " on its own");
                continue;
            }
            LOG.info(() -> "stream " + name + ": read along with " + parent);
            SingerStreamOutput out = output(plan, writeSchema(child, plan), state, portalOffset);
            followers.add(children.follower(plan, childDeletions(plan, bookmark(state, name, plan), children, out,
                    state), out::records));
            synced.add(name);
        }
        return followers;
    }

    /** detect_deletions: a deal child stream's rows are compared by ID (extract/deletions). */
    private boolean marksChildren(StreamPlan plan) {
        return config.deletions().detect() && plan.spec().api() == ListApi.DEAL_CHILDREN;
    }

    /**
     * The output a child stream's read writes to: with detect_deletions, a read of every deal's
     * children also collects their IDs and marks the rows gone since the previous such read.
     */
    private StreamOutput childDeletions(StreamPlan plan, StreamBookmark bookmark, StreamReader reader,
                                        StreamOutput out, SyncState state) {
        if (!marksChildren(plan) || !(reader instanceof DealChildrenReader children)
                || !children.readsEveryParent(plan, bookmark)) {
            return out;
        }
        return new ChildIdsOutput(out, plan.name(), plan.spec().idField(), state, clock, config.deletions(),
                this::sweepDone);
    }

    /** A deletion check's summary line, and its METRIC lines: records marked deleted, the sweep's HTTP requests. */
    private void sweepDone(SweepSummary sweep) {
        sweeps.add(sweep);
        LOG.info(sweep::line);
        Map<String, String> tags = Map.of("stream", sweep.stream());
        LOG.info(() -> Metrics.logged(Metrics.counter("deleted_record_count", sweep.marked(), tags)));
        LOG.info(() -> Metrics.logged(Metrics.counter("deletion_sweep_http_request_count", sweep.httpRequests(), tags)));
    }

    private StreamSummary skipped(String name, String why) {
        return new StreamSummary(name, 0, 0, 0, Duration.ZERO, why);
    }
}
