package io.github.tapbitrix24.extract.paging;

import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.state.Lookback;
import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.PortalTime;
import io.github.tapbitrix24.extract.state.SettledIdBookmark;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a keyset-pageable stream (crm.*.list, crm.item.list, crm.stagehistory.list, user.get,
 * voximplant.statistic.get, tasks.task.list, task.elapseditem.getlist, sonet_group.get) in one of three modes:
 *
 * <ul>
 *   <li>FULL_TABLE: every row, resumable by {@code last_id}; the entry is removed at the end.</li>
 *   <li>INCREMENTAL on the ID itself (append-only tables): rows after the bookmarked ID.</li>
 *   <li>INCREMENTAL on a datetime: rows with key {@code >=} the window start (never {@code >}), paged
 *       by ID; the next bookmark is a signpost, the server's time when the scan began minus a
 *       {@link Lookback}, never the largest key seen (docs/incremental.md).</li>
 * </ul>
 */
public final class KeysetStreamReader implements StreamReader {
    private static final Logger LOG = Logger.getLogger(KeysetStreamReader.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** When no server time came back, the local clock may be this far ahead of the portal's. */
    public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(10);
    /** A start date in an offset the portal may not share is widened by this before it is sent. */
    static final Duration UNKNOWN_OFFSET_WIDENING = Duration.ofDays(1);

    private final KeysetPager pager;
    private final Clock clock;

    public KeysetStreamReader(KeysetPager pager, Clock clock) {
        this.pager = pager;
        this.clock = clock;
    }

    @Override
    public boolean supportsIncremental() {
        return true;
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        ListDialect dialect = ListDialect.forApi(plan.spec().api(), plan.spec().idField())
                .orElseThrow(() -> new IllegalArgumentException(plan.spec().api() + " is not keyset-pageable"))
                .forSelect(plan.select());
        KeysetPager.Scan scan = new KeysetPager.Scan(plan.name(), plan.spec().method(), dialect,
                plan.spec().fixedParams(), plan.select(), plan.filter());
        if (!plan.incremental()) {
            readFullTable(scan, bookmark, out);
        } else if (plan.replicationKey().equals(dialect.idField())) {
            readAfterId(plan, scan, bookmark, out);
        } else {
            readWindow(plan, scan, bookmark, out);
        }
    }

    private void readFullTable(KeysetPager.Scan scan, StreamBookmark bookmark, StreamOutput out) {
        long after = bookmark.inProgress() ? bookmark.lastId() : 0;
        StreamBookmark none = StreamBookmark.empty(null);
        pager.scan(scan, after, null, new WholeRowsSink(out, lastId -> out.checkpoint(none.progress(null, null, lastId))));
        out.complete(null);
    }

    /**
     * Append-only tables keyed by ID: the keyset itself is the window, and the bookmark is the
     * highest <em>settled</em> ID ({@link SettledIdBookmark}), never simply the last ID read, since
     * IDs can commit out of order. Every checkpoint writes that bookmark as the stream's value; a
     * killed run restarts after it (re-reading at most the unsettled tail), never after the scan
     * position. An in-progress entry of an older version restarts after its committed value too.
     */
    private void readAfterId(StreamPlan plan, KeysetPager.Scan scan, StreamBookmark bookmark, StreamOutput out) {
        String creationField = plan.spec().creationTimeField().orElseThrow(() -> new IllegalStateException(
                "stream " + plan.name() + " offers its ID as a key but no creation time to settle it by"));
        long after = bookmark.value() != null && bookmark.value().isIntegralNumber() ? bookmark.value().asLong() : 0;
        if (bookmark.value() != null && !bookmark.value().isIntegralNumber()) {
            LOG.warning(() -> "stream " + plan.name() + ": bookmark " + bookmark.value() + " is not an ID; reading the"
                    + " whole stream");
        }
        SettledIdBookmark settled = new SettledIdBookmark(plan.name(), scan.dialect().idField(), creationField, after);
        pager.scan(scan, after, null, new KeysetPager.Sink() {
            @Override
            public void started(BatchResult first) {
                Optional<OffsetDateTime> serverStart = out.portalOffset().learn(first);
                settled.scanStarted(serverStart.orElseGet(() -> {
                    LOG.warning(() -> "stream " + plan.name() + ": the portal sent no time.date_start; rows count as"
                            + " settled by the local clock minus " + CLOCK_SKEW_ALLOWANCE.toMinutes() + " minutes");
                    return OffsetDateTime.now(clock).minus(CLOCK_SKEW_ALLOWANCE);
                }));
            }

            @Override
            public void rows(JsonNode rows) {
                out.rows(rows, r -> true);
                settled.rows(rows);
            }

            @Override
            public void checkpoint(long lastId) {
                out.checkpoint(settledBookmark(bookmark, settled));
            }

            @Override
            public boolean checkpointsEveryPage() {
                return out.checkpointsEveryPage();
            }
        });
        out.complete(settledBookmark(bookmark, settled));
    }

    private static StreamBookmark settledBookmark(StreamBookmark bookmark, SettledIdBookmark settled) {
        return bookmark.complete(settled.value() > 0 ? F.numberNode(settled.value()) : bookmark.value());
    }

    /** Every row goes out; each checkpoint is handed to {@code checkpoint}. */
    private record WholeRowsSink(StreamOutput out, java.util.function.LongConsumer checkpoint)
            implements KeysetPager.Sink {
        @Override
        public void started(BatchResult first) {
            out.portalOffset().learn(first);
        }

        @Override
        public void rows(JsonNode rows) {
            out.rows(rows, r -> true);
        }

        @Override
        public void checkpoint(long lastId) {
            checkpoint.accept(lastId);
        }

        @Override
        public boolean checkpointsEveryPage() {
            return out.checkpointsEveryPage();
        }
    }

    private void readWindow(StreamPlan plan, KeysetPager.Scan scan, StreamBookmark bookmark, StreamOutput out) {
        JsonNode window;
        boolean windowFromState;
        if (bookmark.inProgress()) {
            window = bookmark.windowStart();
            windowFromState = true;
        } else if (bookmark.value() != null) {
            window = bookmark.value();
            windowFromState = true;
        } else {
            window = plan.startDate().map(d -> (JsonNode) F.stringNode(PortalTime.format(d))).orElse(null);
            windowFromState = false;
        }
        Optional<OffsetDateTime> start = window == null ? Optional.empty() : PortalTime.parse(window);
        if (window != null && start.isEmpty()) {
            LOG.warning(() -> "stream " + plan.name() + ": bookmark " + window
                    + " is not a datetime; reading the whole stream");
        }
        // A bookmark written in an older version's format carries the portal's own offset.
        boolean offsetIsPortals = windowFromState && window != null && !PortalTime.isUtc(window);
        try {
            scanWindow(plan, scan, bookmark, out, start, windowFromState, offsetIsPortals);
        } catch (BookmarkAhead ahead) {
            LOG.warning(() -> "stream " + plan.name() + ": its bookmark " + window + " is ahead of the portal's current"
                    + " time (was the portal's clock wrong in an earlier run?); clamped to "
                    + PortalTime.utc(ahead.serverNow) + " and read from there");
            // the interrupted scan's position and signpost belong to the wrong window: start it afresh
            scanWindow(plan, scan, bookmark.complete(bookmark.value()), out, Optional.of(ahead.serverNow), true, true);
        }
    }

    /** The window's start is after the server's time: thrown before any row is passed on. */
    private static final class BookmarkAhead extends RuntimeException {
        private final OffsetDateTime serverNow;

        BookmarkAhead(OffsetDateTime serverNow) {
            super(null, null, false, false);
            this.serverNow = serverNow;
        }
    }

    /**
     * Reads the rows with key {@code >=} {@code start} and commits the next window start: the earlier
     * of the signpost and the newest key the scan read (never before {@code start}). The signpost alone
     * would trust the server's clock for one run: a clock a year ahead would make every later change
     * fall before the next window. The newest key read is what the data itself says was written
     * (docs/incremental.md, "The argument", step 6).
     */
    private void scanWindow(StreamPlan plan, KeysetPager.Scan scan, StreamBookmark bookmark, StreamOutput out,
                            Optional<OffsetDateTime> start, boolean windowFromState, boolean offsetIsPortals) {
        String key = plan.replicationKey();
        long after = bookmark.inProgress() ? bookmark.lastId() : 0;
        JsonNode[] next = {bookmark.inProgress() ? bookmark.nextValue() : null};
        OffsetDateTime[] newest = {start.orElse(null)};

        KeysetPager.Sink sink = new KeysetPager.Sink() {
            private final Predicate<JsonNode> inWindow = row -> {
                Optional<OffsetDateTime> value = PortalTime.parse(row.get(key));
                if (value.isEmpty()) {
                    return true; // unreadable keys stay in, and say nothing about the newest key
                }
                if (start.isPresent() && value.get().isBefore(start.get())) {
                    return false;
                }
                if (newest[0] == null || value.get().isAfter(newest[0])) {
                    newest[0] = value.get();
                }
                return true;
            };

            @Override
            public void started(BatchResult first) {
                Optional<OffsetDateTime> serverStart = out.portalOffset().learn(first);
                if (windowFromState && start.isPresent() && serverStart.isPresent()
                        && start.get().isAfter(serverStart.get())
                        && plan.startDate().map(d -> start.get().isAfter(d)).orElse(true)) {
                    // ahead of the server, and not because start_date is still in the future
                    OffsetDateTime to = plan.startDate().filter(d -> d.isAfter(serverStart.get()))
                            .orElse(serverStart.get());
                    throw new BookmarkAhead(to);
                }
                if (next[0] == null) {
                    OffsetDateTime signpost = signpost(plan.name(), key, serverStart);
                    // Never move the window back before its start: with start_date in the future the
                    // signpost would fall before it, and the next run would emit records start_date excludes.
                    boolean futureStart = start.isPresent() && signpost.isBefore(start.get());
                    next[0] = F.stringNode(PortalTime.utc(futureStart ? start.get() : signpost));
                    if (futureStart && !windowFromState) {
                        LOG.warning(() -> "stream " + plan.name() + ": start_date " + PortalTime.format(start.get())
                                + " is in the future; nothing before it is read");
                    }
                }
            }

            @Override
            public void rows(JsonNode rows) {
                out.rows(rows, inWindow);
            }

            @Override
            public void checkpoint(long lastId) {
                out.checkpoint(bookmark.progress(start.<JsonNode>map(s -> F.stringNode(PortalTime.utc(s))).orElse(null),
                        next[0], lastId));
            }

            @Override
            public boolean checkpointsEveryPage() {
                return out.checkpointsEveryPage();
            }
        };

        if (start.isEmpty()) {
            pager.scan(scan, after, null, sink);
        } else {
            String serverValue = serverValue(start.get(), offsetIsPortals, out.portalOffset());
            ObjectNode windowed = plan.filter().deepCopy().put(">=" + key, serverValue);
            KeysetPager.Scan filtered = new KeysetPager.Scan(scan.stream(), scan.method(), scan.dialect(),
                    scan.fixedParams(), scan.select(), windowed);
            WindowProbe probe = new WindowProbe(scan, key, start.get(), serverValue);
            if (pager.scan(filtered, after, probe, sink) == KeysetPager.Outcome.PROBE_REJECTED) {
                // Same window, enforced client-side only: provably never narrower.
                pager.scan(scan, after, null, sink);
            }
        }
        out.complete(bookmark.complete(earlier(next[0], newest[0]), next[0]));
    }

    /** The earlier of the signpost and the newest key read (absent: the signpost). */
    private static JsonNode earlier(JsonNode signpost, OffsetDateTime newestRead) {
        Optional<OffsetDateTime> s = PortalTime.parse(signpost);
        if (newestRead == null || s.isEmpty() || !newestRead.isBefore(s.get())) {
            return signpost;
        }
        return F.stringNode(PortalTime.utc(newestRead));
    }

    /**
     * The window start as sent to the server: in the portal's offset when known (a bookmark was
     * written in it), otherwise a day earlier, since a method that ignores the offset would read a
     * start date given in another offset as a later local time. Truncated to seconds (never later).
     */
    public static String serverValue(OffsetDateTime start, boolean offsetIsPortals, PortalOffset portal) {
        if (portal.get().isPresent()) {
            return PortalTime.format(start.toInstant(), portal.get().get());
        }
        if (offsetIsPortals) {
            return PortalTime.format(start);
        }
        return PortalTime.format(start.minus(UNKNOWN_OFFSET_WIDENING));
    }

    /** Server time when the scan began minus the lookback; from the local clock only when the server gave none. */
    private OffsetDateTime signpost(String stream, String key, Optional<OffsetDateTime> serverStart) {
        Duration lookback = Lookback.forKey(key);
        if (serverStart.isPresent()) {
            return serverStart.get().minus(lookback);
        }
        LOG.warning(() -> "stream " + stream + ": the portal sent no time.date_start; the next window starts at the"
                + " local clock minus " + CLOCK_SKEW_ALLOWANCE.plus(lookback).toMinutes() + " minutes");
        return OffsetDateTime.now(clock).minus(lookback).minus(CLOCK_SKEW_ALLOWANCE);
    }
}
