package io.github.tapbitrix24.extract.children;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.extract.paging.SubCallQueue;
import io.github.tapbitrix24.extract.scheduler.Scheduler;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.state.BookmarkValues;
import io.github.tapbitrix24.extract.state.PortalTime;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.streams.CrmStreams;
import io.github.tapbitrix24.streams.ListApi;
import io.github.tapbitrix24.streams.StreamSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the per-deal children ({@code deal_products}, {@code deal_comments}; {@link ListApi#DEAL_CHILDREN})
 * without a request per deal (docs/children.md). The product rows of leads, quotes, smart invoices
 * and smart processes are read the same way, following their own parent stream (named in the spec).
 *
 * <p>The children follow their parent deals, read as the parent's catalog entry says (the same
 * funnels; INCREMENTAL: the deals changed since the child's own bookmark, the same window rules
 * as any stream, docs/incremental.md; FULL_TABLE: every deal). Usually they ride along the
 * {@code deals} stream's own read ({@link #canFollow}, {@link #readCarrying}: one scan for the three
 * streams, the children's requests between the deal pages). Otherwise ({@link #read}) the stream
 * scans the deal IDs itself, a narrow {@code select [ID, DATE_MODIFY]} keyset scan, so it needs
 * neither the {@code deals} stream selected nor anything of its state. Either way, for each group
 * of deals the {@link DealChildFetcher} reads every child row, and only then the STATE carries the
 * position ({@link ChildrenOutput}): {@code last_id} is the last deal whose children are all
 * written. A run killed mid-stream so resumes the same parent window after that deal.
 *
 * <p>The child's bookmark has the parent's shape without a replication key (the child's records
 * have no such field): {@code replication_key_value} is the parent window the next run starts
 * from, plus {@code window_start}, {@code next_replication_key_value} and {@code last_id} while a
 * scan is in progress. Comments also re-read every deal on a {@link FullRefreshSchedule}.
 */
public final class DealChildrenReader implements StreamReader {
    private static final Logger LOG = Logger.getLogger(DealChildrenReader.class.getName());
    /**
     * Children are fetched for at least this many deals at a time (the parent scan checkpoints after
     * every page for them): the last request of each fetch is part-filled, so larger fetches keep
     * the requests full, while a STATE follows each fetch, so smaller ones keep a killed run's loss
     * small. 1,500 deals with their children are a few thousand records (about 6,000 with comments,
     * product rows and contacts on the simulator's portal).
     */
    public static final int MIN_DEALS_PER_FETCH = 1_500;

    private final StreamReader parentScan;
    private final BitrixApi api;
    private final Function<StreamSpec, DealChildFetcher> fetchers;
    private final Function<StreamSpec, FullRefreshSchedule> schedules;
    private final Scheduler scheduler;

    /**
     * @param parentScan the keyset reader that pages the parent's IDs
     * @param api        the client the children are fetched through (each counts its requests there)
     * @param fetchers   a fresh fetcher for one read of a child stream
     * @param schedules  when a child stream re-reads the children of every parent
     * @param scheduler  runs each child stream's fetch of a group of parents as a lane of its own
     */
    DealChildrenReader(StreamReader parentScan, BitrixApi api, Function<StreamSpec, DealChildFetcher> fetchers,
                       Function<StreamSpec, FullRefreshSchedule> schedules, Scheduler scheduler) {
        this.parentScan = parentScan;
        this.api = api;
        this.fetchers = fetchers;
        this.schedules = schedules;
        this.scheduler = scheduler;
    }

    /**
     * The readers the children add to the standard ones: this reader for {@link ListApi#DEAL_CHILDREN}
     * and, with {@code extract_deal_contacts}, {@code CONTACT_IDS} added to the deals of crm.deal.list
     * (replacing {@code keyset}, the standard reader of {@link ListApi#CRM_LIST}, which both wrap).
     */
    public static Map<ListApi, StreamReader> readers(StreamReader keyset, BitrixApi api, TapConfig config,
                                                     Clock clock, Sleeper sleeper, Scheduler scheduler) {
        SubCallQueue queue = new SubCallQueue(api, sleeper);
        Duration comments = Duration.ofHours(config.dealCommentsFullRefreshHours());
        // With detect_deletions, product rows gone from their deal are found by reading every deal's
        // rows again (extract/deletions): on the deletion sweep's schedule; interval 0 (every run) as
        // a one-second period, which every run's window spans.
        Duration products = !config.deletions().detect() ? Duration.ZERO
                : config.deletions().sweepIntervalHours() == 0 ? Duration.ofSeconds(1)
                : Duration.ofHours(config.deletions().sweepIntervalHours());
        Map<ListApi, StreamReader> readers = new EnumMap<>(ListApi.class);
        readers.put(ListApi.DEAL_CHILDREN, new DealChildrenReader(keyset, api,
                spec -> fetcherFor(spec, queue),
                spec -> new FullRefreshSchedule(spec.method().equals(CommentsFetcher.METHOD) ? comments : products,
                        clock), scheduler));
        if (config.extractDealContacts()) {
            readers.put(ListApi.CRM_LIST, new DealContactsEnricher(keyset, new DealContactLinks(queue)));
        }
        return readers;
    }

    private static DealChildFetcher fetcherFor(StreamSpec spec, SubCallQueue queue) {
        return switch (spec.method()) {
            case ProductRowsFetcher.METHOD -> new ProductRowsFetcher(queue, CrmStreams.ownerType(spec));
            case CommentsFetcher.METHOD -> new CommentsFetcher(queue);
            default -> throw new IllegalArgumentException("stream " + spec.name() + ": no child fetcher for "
                    + spec.method());
        };
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        StreamPlan parent = parentOf(plan);
        String key = parent.replicationKey();
        StreamBookmark parentBookmark = new StreamBookmark(key, bookmark.value(), bookmark.windowStart(),
                bookmark.nextValue(), bookmark.lastId());
        if (refreshDue(plan, bookmark)) {
            LOG.info(() -> "stream " + plan.name() + ": periodic re-read of the children of every " + parent.name()
                    + " record (the window started at " + bookmark.value() + ")");
            parentBookmark = StreamBookmark.empty(key);
        }
        StreamBookmark from = parentBookmark;
        ChildrenOutput children = new ChildrenOutput(null, List.of(follower(plan, out, () -> 0)), scheduler);
        children.scan(() -> parentScan.read(parent, from, children));
    }

    /**
     * Whether the child can ride along the parent's own read in this run instead of scanning the
     * parent's IDs itself: the parent is read by the plan the child would scan it by (same key,
     * same funnels), and that read covers every deal the child still needs. With the parent
     * starting a scan from {@code V}: the child's own window (or the one it is in the middle of)
     * starts at {@code V} or later, and no periodic re-read of every deal is due. With the parent
     * in the middle of a scan: the child is in the middle of the same scan (same window and
     * signpost), at the parent's position or past it. A child that is ahead reads the children of
     * a few deals again; one that is behind, or due for a re-read, scans on its own.
     */
    public boolean canFollow(StreamPlan childPlan, StreamBookmark child, StreamPlan parentPlan, StreamBookmark parent) {
        StreamPlan wanted = parentOf(childPlan);
        if (!wanted.name().equals(parentPlan.name())
                || !Objects.equals(wanted.replicationKey(), parentPlan.replicationKey())
                || !wanted.filter().equals(parentPlan.filter())) {
            return false;
        }
        if (parent.inProgress()) {
            return child.inProgress() && Objects.equals(child.windowStart(), parent.windowStart())
                    && Objects.equals(child.nextValue(), parent.nextValue()) && child.lastId() >= parent.lastId();
        }
        if (parentPlan.replicationKey() == null) {
            return true; // a full-table parent reads every deal
        }
        JsonNode parentStart = orStartDate(parent.value(), parentPlan);
        JsonNode childStart;
        if (refreshDue(childPlan, child)) {
            childStart = orStartDate(null, parentPlan);
        } else if (child.inProgress()) {
            childStart = child.windowStart(); // null: that scan had no lower bound
        } else {
            childStart = orStartDate(child.value(), parentPlan);
        }
        return BookmarkValues.notBefore(childStart, parentStart);
    }

    /** Where a scan without a bookmark starts: {@code start_date}, or nowhere (null: every deal). */
    private static JsonNode orStartDate(JsonNode value, StreamPlan plan) {
        return value != null ? value
                : plan.startDate().map(d -> (JsonNode) JsonNodeFactory.instance.stringNode(PortalTime.format(d))).orElse(null);
    }

    /**
     * Whether a read of the child starting from {@code child} reads the children of every parent
     * the stream selects (not only of changed ones): a first read, a periodic re-read, or a
     * FULL_TABLE parent; never a resumed read. Deletion detection compares such reads.
     */
    public boolean readsEveryParent(StreamPlan childPlan, StreamBookmark child) {
        return !child.inProgress() && (parentOf(childPlan).replicationKey() == null || child.value() == null
                || refreshDue(childPlan, child));
    }

    /** A child stream fed by a parent scan; its rows go to {@code out}, which has written {@code records}. */
    public ChildFollower follower(StreamPlan childPlan, StreamOutput out, LongSupplier records) {
        return new ChildFollower(childPlan.name(), fetchers.apply(childPlan.spec()), out, api, records);
    }

    /**
     * The parent's own read by {@code reader} into {@code parentOut}, the children of its rows written
     * by {@code children} (none: the parent's read alone).
     */
    public static void readCarrying(StreamReader reader, StreamPlan plan, StreamBookmark bookmark,
                                    StreamOutput parentOut, List<ChildFollower> children, Scheduler scheduler) {
        if (children.isEmpty()) {
            reader.read(plan, bookmark, parentOut);
            return;
        }
        ChildrenOutput out = new ChildrenOutput(parentOut, children, scheduler);
        out.scan(() -> reader.read(plan, bookmark, out));
    }

    private boolean refreshDue(StreamPlan childPlan, StreamBookmark child) {
        return parentOf(childPlan).replicationKey() != null && !child.inProgress()
                && schedules.apply(childPlan.spec()).due(child.lastScan());
    }

    private static StreamPlan parentOf(StreamPlan plan) {
        return plan.parent().orElseThrow(() -> new IllegalArgumentException(
                "stream " + plan.name() + " is read with its parent's plan, and none was given"));
    }
}
