package io.github.tapbitrix24.extract.deletions;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.config.DeletionSettings;
import io.github.tapbitrix24.extract.paging.KeysetPager;
import io.github.tapbitrix24.extract.paging.ListDialect;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamUnavailableException;
import io.github.tapbitrix24.extract.state.PortalTime;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.extract.state.SyncState;
import io.github.tapbitrix24.streams.StreamSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deletion sweep of an incremental entity stream, run right after the stream's own read:
 * an ID-only keyset read ({@code select} the ID, {@code start=-1}, 50 chained pages per request:
 * 2,500 IDs per HTTP request; {@link KeysetPager}) of every record the stream selects (its
 * funnels; rows before {@code start_date} are left out, as the stream's reads leave them out),
 * compared with the previous complete sweep ({@link SweepLedger}, {@link Vanished}).
 *
 * <p>Nothing is marked unless the sweep and the check below completed: a refusal (scope, rights),
 * a fault the retries did not cure, or a kill leaves the previous IDs in STATE, and the next run
 * sweeps again. Vanished IDs are looked up once more by ID without the stream's filter (one sub-call
 * per 50 IDs): one still there is not deleted (not marked) unless the stream is filtered by
 * {@code deal_category_ids}, where it is a deal moved to a funnel outside the selection, which the
 * warehouse of those funnels no longer holds either, so it is marked and counted apart.
 */
public final class EntitySweeper {
    private static final Logger LOG = Logger.getLogger(EntitySweeper.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int IDS_PER_LOOKUP = ListDialect.PAGE_SIZE;

    private final BitrixApi api;
    private final KeysetPager pager;
    private final Clock clock;
    private final DeletionSettings settings;

    public EntitySweeper(BitrixApi api, KeysetPager pager, Clock clock, DeletionSettings settings) {
        this.api = api;
        this.pager = pager;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * The streams swept: read INCREMENTAL by a key other than their ID (entity tables, not
     * append-only ones), not children, by a keyset family that can {@code select} the ID alone.
     */
    public static boolean sweeps(StreamPlan plan) {
        StreamSpec s = plan.spec();
        return plan.incremental() && s.parent() == null && s.idField() != null
                && !plan.replicationKey().equals(s.idField()) && s.creationTimeField().isEmpty()
                && ListDialect.forApi(s.api(), s.idField()).map(d -> d.selectParam() != null).orElse(false);
    }

    /** Whether this run adds {@code _sdc_deleted_at} to the stream's SCHEMA. */
    public boolean marks(StreamPlan plan) {
        return settings.detect() && sweeps(plan);
    }

    /** Sweeps the stream when it is due and writes its deletion RECORDs to {@code out}; the caller writes STATE. */
    public Optional<SweepSummary> afterRead(StreamPlan plan, StreamOutput out, SyncState state) {
        if (!marks(plan)) {
            return Optional.empty();
        }
        String stream = plan.name();
        Optional<SweepLedger.Entry> last = SweepLedger.read(state, stream);
        if (!SweepLedger.due(last, settings.sweepIntervalHours(), clock.instant())) {
            LOG.fine(() -> "stream " + stream + ": deletion sweep not due (last at " + last.get().sweptAt() + ")");
            return Optional.empty();
        }
        RequestStats before = api.stats();
        Instant started = clock.instant();
        ListDialect dialect = ListDialect.forApi(plan.spec().api(), plan.spec().idField()).orElseThrow();
        IdSet current;
        IdSet vanished;
        IdSet stillThere;
        try {
            current = sweep(plan, dialect);
            vanished = last.map(l -> l.ids().minus(current)).orElse(IdSet.empty());
            stillThere = vanished.isEmpty() ? IdSet.empty() : lookUp(plan, dialect, vanished.toArray());
        } catch (StreamUnavailableException e) {
            return Optional.of(summary(stream, 0, 0, 0, before, started,
                    warn(stream, "refused (" + e.reason() + ")")));
        } catch (BitrixException | IllegalStateException e) {
            return Optional.of(summary(stream, 0, 0, 0, before, started, warn(stream, "failed (" + e.getMessage() + ")")));
        }
        boolean filtered = !plan.filter().isEmpty();
        IdSet gone = filtered ? vanished : vanished.minus(stillThere);
        if (!filtered && !stillThere.isEmpty()) {
            LOG.warning(() -> "stream " + stream + ": " + stillThere.size() + " IDs missing from the deletion sweep"
                    + " are still there when asked by ID; they are not marked deleted");
        }
        Vanished.Decision d = Vanished.decide(stream, last.map(SweepLedger.Entry::ids), gone, settings);
        long leftSelection = filtered && d.verdict() == Vanished.Verdict.MARK ? stillThere.size() : 0;
        if (d.verdict() != Vanished.Verdict.HELD_BACK) {
            Instant now = clock.instant();
            DeletionMarks.write(out, plan.spec().idField(), d.gone(), now);
            SweepLedger.write(state, stream, now, filtered ? current : current.union(stillThere));
        }
        return Optional.of(summary(stream, current.size(), d.verdict() == Vanished.Verdict.MARK ? gone.size() : 0,
                leftSelection, before, started, d.outcome(leftSelection)));
    }

    private static String warn(String stream, String what) {
        String outcome = what + "; nothing marked, the next run sweeps again";
        LOG.warning(() -> "stream " + stream + ": deletion sweep " + outcome);
        return outcome;
    }

    private SweepSummary summary(String stream, long ids, long marked, long leftSelection, RequestStats before,
                                 Instant started, String outcome) {
        RequestStats after = api.stats();
        return new SweepSummary(stream, ids, marked, leftSelection, after.httpRequests() - before.httpRequests(),
                after.batchSubCommands() - before.batchSubCommands(), Duration.between(started, clock.instant()),
                outcome);
    }

    /** Every ID the stream selects now; a row whose key is before {@code start_date} is left out. */
    private IdSet sweep(StreamPlan plan, ListDialect dialect) {
        String idField = plan.spec().idField();
        Optional<OffsetDateTime> start = plan.startDate();
        List<String> select = new ArrayList<>(List.of(idField));
        start.ifPresent(s -> select.add(plan.replicationKey()));
        KeysetPager.Scan scan = new KeysetPager.Scan(plan.name(), plan.spec().method(), dialect.forSelect(select),
                plan.spec().fixedParams(), select, plan.filter());
        IdSet.Builder ids = new IdSet.Builder();
        pager.scan(scan, 0, null, new KeysetPager.Sink() {
            @Override
            public void rows(JsonNode rows) {
                for (JsonNode row : rows) {
                    if (start.isEmpty() || !before(row, plan.replicationKey(), start.get())) {
                        ids.add(RowIds.of(row, idField));
                    }
                }
            }

            @Override
            public void checkpoint(long lastId) {
                // the sweep keeps no position: a killed sweep starts again
            }
        });
        return ids.build();
    }

    private static boolean before(JsonNode row, String key, OffsetDateTime start) {
        return PortalTime.parse(row.get(key)).map(v -> v.isBefore(start)).orElse(false);
    }

    /** Which of {@code ids} the list method still returns when asked by ID, without the stream's filter. */
    private IdSet lookUp(StreamPlan plan, ListDialect family, long[] ids) {
        String idField = plan.spec().idField();
        ListDialect dialect = family.forSelect(List.of(idField));
        List<BatchCommand> commands = new ArrayList<>();
        for (int from = 0; from < ids.length; from += IDS_PER_LOOKUP) {
            ObjectNode filter = F.objectNode();
            ArrayNode in = filter.putArray("@" + idField);
            for (int i = from; i < Math.min(ids.length, from + IDS_PER_LOOKUP); i++) {
                in.add(ids[i]);
            }
            commands.add(new BatchCommand("d" + commands.size(), plan.spec().method(),
                    dialect.params(plan.spec().fixedParams(), List.of(idField), filter, idField, true)));
        }
        BatchResult result;
        try {
            result = api.batch(commands);
        } catch (BitrixException e) {
            throw StreamUnavailableException.isUnavailable(e) ? new StreamUnavailableException(plan.name(), e) : e;
        }
        List<Long> found = new ArrayList<>();
        for (SubResult r : result.results()) {
            if (!r.ok()) {
                throw new IllegalStateException(r.method() + " failed when the vanished IDs were looked up"
                        + (r.error() == null ? "" : ": " + r.error().getMessage()));
            }
            dialect.rows(r.result()).forEach(row -> found.add(RowIds.of(row, idField)));
        }
        return IdSet.of(found.stream().mapToLong(Long::longValue).toArray());
    }
}
