package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.streams.ListApi;
import io.github.tapbitrix24.streams.StreamSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;

/**
 * Reads the per-deal children ({@code deal_products}, {@code deal_comments}; {@link ListApi#DEAL_CHILDREN})
 * without a request per deal (docs/children.md).
 *
 * <p>The children follow their parent deals: the stream scans the deal IDs itself, a narrow
 * {@code select [ID, DATE_MODIFY]} keyset scan of the parent as its catalog entry says (the same
 * funnels; INCREMENTAL: the deals changed since the child's own bookmark, the same window rules
 * as any stream, docs/incremental.md; FULL_TABLE: every deal), so it needs neither the
 * {@code deals} stream selected nor anything of its state. For the up-to-2,500 deal IDs of each
 * scan request, the {@link DealChildFetcher} reads every child row, and only then the STATE
 * carries the position: {@code last_id} is the last deal whose children are all written. A run
 * killed mid-stream so resumes the same parent window after that deal.
 *
 * <p>The child's bookmark has the parent's shape without a replication key (the child's records
 * have no such field): {@code replication_key_value} is the parent window the next run starts
 * from, plus {@code window_start}, {@code next_replication_key_value} and {@code last_id} while a
 * scan is in progress. Comments also re-read every deal on a {@link FullRefreshSchedule}.
 */
public final class DealChildrenReader implements StreamReader {
    private static final Logger LOG = Logger.getLogger(DealChildrenReader.class.getName());
    /**
     * Children are fetched for at least this many deals at a time (two requests of the parent
     * scan): the last request of each fetch is part-filled, so fewer, larger fetches keep the
     * requests full. STATE follows each fetch.
     */
    static final int MIN_DEALS_PER_FETCH = 5_000;

    private final StreamReader parentScan;
    private final Function<StreamSpec, DealChildFetcher> fetchers;
    private final Function<StreamSpec, FullRefreshSchedule> schedules;

    /**
     * @param parentScan the keyset reader that pages the parent's IDs
     * @param fetchers   a fresh fetcher for one read of a child stream
     * @param schedules  when a child stream re-reads the children of every parent
     */
    DealChildrenReader(StreamReader parentScan, Function<StreamSpec, DealChildFetcher> fetchers,
                       Function<StreamSpec, FullRefreshSchedule> schedules) {
        this.parentScan = parentScan;
        this.fetchers = fetchers;
        this.schedules = schedules;
    }

    /**
     * The standard registry with the children reader for {@link ListApi#DEAL_CHILDREN} and, with
     * {@code extract_deal_contacts}, {@code CONTACT_IDS} added to the deals of crm.deal.list.
     */
    public static ReaderRegistry install(ReaderRegistry standard, BitrixApi api, TapConfig config, Clock clock,
                                         Sleeper sleeper) {
        StreamReader keyset = standard.forApi(ListApi.CRM_LIST).orElseThrow(
                () -> new IllegalStateException("the standard registry has no reader for " + ListApi.CRM_LIST));
        SubCallQueue queue = new SubCallQueue(api, sleeper);
        Duration comments = Duration.ofHours(config.dealCommentsFullRefreshHours());
        ReaderRegistry registry = standard.with(ListApi.DEAL_CHILDREN, new DealChildrenReader(keyset,
                spec -> fetcherFor(spec, queue),
                spec -> spec.method().equals(CommentsFetcher.METHOD)
                        ? new FullRefreshSchedule(comments, clock) : FullRefreshSchedule.never(clock)));
        if (config.extractDealContacts()) {
            registry = registry.with(ListApi.CRM_LIST, new DealContactsEnricher(keyset, new DealContactLinks(queue)));
        }
        return registry;
    }

    private static DealChildFetcher fetcherFor(StreamSpec spec, SubCallQueue queue) {
        return switch (spec.method()) {
            case ProductRowsFetcher.METHOD -> new ProductRowsFetcher(queue);
            case CommentsFetcher.METHOD -> new CommentsFetcher(queue);
            default -> throw new IllegalArgumentException("stream " + spec.name() + ": no child fetcher for "
                    + spec.method());
        };
    }

    /** The child's own replication mode follows its parent's; it has no key of its own. */

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        StreamPlan parent = plan.parent().orElseThrow(() -> new IllegalArgumentException(
                "stream " + plan.name() + " is read with its parent's plan, and none was given"));
        String key = parent.replicationKey();
        StreamBookmark parentBookmark = new StreamBookmark(key, bookmark.value(), bookmark.windowStart(),
                bookmark.nextValue(), bookmark.lastId());
        if (key != null && !bookmark.inProgress() && schedules.apply(plan.spec()).due(bookmark.value())) {
            LOG.info(() -> "stream " + plan.name() + ": periodic re-read of the children of every " + parent.name()
                    + " record (the window started at " + bookmark.value() + ")");
            parentBookmark = StreamBookmark.empty(key);
        }
        parentScan.read(parent, parentBookmark, new ChildOutput(plan.name(), fetchers.apply(plan.spec()), out));
    }

    /** Takes the parent scan's rows as IDs and, at each of its checkpoints, writes their children first. */
    private static final class ChildOutput implements StreamOutput {
        private final String stream;
        private final DealChildFetcher fetcher;
        private final StreamOutput out;
        private final List<Long> pending = new ArrayList<>();
        private String idField;

        ChildOutput(String stream, DealChildFetcher fetcher, StreamOutput out) {
            this.stream = stream;
            this.fetcher = fetcher;
            this.out = out;
        }

        @Override
        public void rows(JsonNode rows, Predicate<JsonNode> keep) {
            for (JsonNode row : rows) {
                if (keep.test(row)) {
                    if (idField == null) {
                        idField = row.has("ID") ? "ID" : "id";
                    }
                    pending.add(RowIds.of(row, idField));
                }
            }
        }

        @Override
        public void checkpoint(StreamBookmark parentBookmark) {
            // Until enough deals are pending, the position is not written: a run killed now resumes
            // from the previous STATE, before these deals, and loses nothing.
            if (pending.size() >= MIN_DEALS_PER_FETCH) {
                flush();
                out.checkpoint(own(parentBookmark));
            }
        }

        @Override
        public void complete(StreamBookmark parentBookmark) {
            flush();
            out.complete(parentBookmark == null ? null : own(parentBookmark));
        }

        @Override
        public PortalOffset portalOffset() {
            return out.portalOffset();
        }

        private void flush() {
            if (!pending.isEmpty()) {
                fetcher.fetch(stream, List.copyOf(pending), rows -> out.rows(rows, r -> true));
                pending.clear();
            }
        }

        /** The parent's position, kept under the child's name without the parent's key. */
        private static StreamBookmark own(StreamBookmark parent) {
            return new StreamBookmark(null, parent.value(), parent.windowStart(), parent.nextValue(), parent.lastId());
        }
    }
}
