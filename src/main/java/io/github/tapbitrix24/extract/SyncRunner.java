package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.singer.SingerWriter;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Syncs every selected stream of a catalog: per stream a SCHEMA, its RECORDs and STATE messages,
 * then a final STATE. Streams run one after another in catalog order, except that a stream the
 * incoming state was in the middle of ({@code currently_syncing}) goes first, so a killed run
 * resumes where it stopped before anything else.
 */
public final class SyncRunner {
    private static final Logger LOG = Logger.getLogger(SyncRunner.class.getName());

    private final BitrixApi api;
    private final SingerWriter writer;
    private final Clock clock;
    private final ReaderRegistry readers;
    private final Function<String, Optional<StreamSpec>> specs;
    private final StreamPlanner planner;
    private final SecretScrubber scrubber;

    /**
     * @param specs   resolves a catalog's tap_stream_id to the stream's declaration
     * @param readers the reader of each API family
     */
    public SyncRunner(BitrixApi api, TapConfig config, SingerWriter writer, Clock clock, ReaderRegistry readers,
                      Function<String, Optional<StreamSpec>> specs) {
        this.api = Objects.requireNonNull(api, "api");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.specs = Objects.requireNonNull(specs, "specs");
        this.planner = new StreamPlanner(config);
        this.scrubber = new SecretScrubber(config.webhookUrl());
    }

    /** The standard runner: streams from {@link StreamRegistry}, the standard readers. */
    public static SyncRunner create(BitrixApi api, TapConfig config, SingerWriter writer, Clock clock,
                                    Sleeper sleeper) {
        return new SyncRunner(api, config, writer, clock,
                DealChildrenReader.install(ReaderRegistry.standard(api, clock, sleeper), api, config, clock, sleeper),
                name -> StreamRegistry.forName(name, config));
    }

    /** What a run did: the state written last and a summary per stream. */
    public record Result(ObjectNode finalState, List<StreamSummary> streams) {
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
        PortalOffset portalOffset = new PortalOffset();
        List<StreamSummary> summaries = new ArrayList<>();
        for (CatalogEntry entry : order(catalog.selected(), syncState.currentlySyncing())) {
            StreamSummary summary = syncStream(entry, catalog, syncState, portalOffset);
            if (summary.completed()) {
                LOG.info(summary::line);
            } else {
                LOG.warning(summary::line);
            }
            summaries.add(summary);
        }
        syncState.currentlySyncing(null);
        ObjectNode finalState = syncState.toJson();
        writer.writeState(finalState);
        return new Result(finalState, List.copyOf(summaries));
    }

    private static List<CatalogEntry> order(List<CatalogEntry> selected, Optional<String> interrupted) {
        List<CatalogEntry> ordered = new ArrayList<>(selected.size());
        interrupted.flatMap(name -> selected.stream().filter(e -> e.tapStreamId().equals(name)).findFirst())
                .ifPresent(ordered::add);
        selected.stream().filter(e -> !ordered.contains(e)).forEach(ordered::add);
        return ordered;
    }

    private StreamSummary syncStream(CatalogEntry entry, Catalog catalog, SyncState state, PortalOffset portalOffset) {
        String name = entry.tapStreamId();
        Optional<StreamSpec> spec = specs.apply(name);
        if (spec.isEmpty()) {
            return skipped(name, "not a stream of this tap");
        }
        Optional<StreamReader> reader = readers.forApi(spec.get().api());
        if (reader.isEmpty()) {
            return skipped(name, "no reader for " + spec.get().api() + " streams in this build");
        }
        StreamPlan own = planner.plan(entry, spec.get(), reader.get());
        StreamPlan plan = planner.parentPlan(spec.get(), catalog).map(own::withParent).orElse(own);
        ObjectNode schema = StreamPlanner.schema(entry, plan);
        writer.writeSchema(name, schema, StreamPlanner.keyProperties(entry, spec.get()),
                plan.replicationKey() == null ? List.of() : List.of(plan.replicationKey()));

        StreamBookmark stored = state.bookmark(name);
        StreamBookmark bookmark = stored;
        if (!Objects.equals(stored.replicationKey(), plan.replicationKey())) {
            if (stored.value() != null || stored.inProgress()) {
                LOG.info(() -> "stream " + name + ": the bookmark was kept for replication key "
                        + stored.replicationKey() + ", now " + plan.replicationKey() + "; starting over");
            }
            bookmark = StreamBookmark.empty(plan.replicationKey());
        }
        state.currentlySyncing(name);
        SingerStreamOutput out = new SingerStreamOutput(name, schema, writer, state, portalOffset, clock, scrubber);
        RequestStats before = api.stats();
        Instant started = clock.instant();
        String skipped = null;
        try {
            reader.get().read(plan, bookmark, out);
        } catch (StreamUnavailableException e) {
            skipped = e.reason();
        }
        state.currentlySyncing(null);
        writer.writeState(state.toJson());
        RequestStats after = api.stats();
        return new StreamSummary(name, out.records(), after.httpRequests() - before.httpRequests(),
                after.batchSubCommands() - before.batchSubCommands(), Duration.between(started, clock.instant()),
                skipped);
    }

    private StreamSummary skipped(String name, String why) {
        return new StreamSummary(name, 0, 0, 0, Duration.ZERO, why);
    }
}
