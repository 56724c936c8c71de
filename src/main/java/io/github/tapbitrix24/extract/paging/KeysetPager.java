package io.github.tapbitrix24.extract.paging;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.SubResultConsumer;
import io.github.tapbitrix24.extract.spi.StreamUnavailableException;
import io.github.tapbitrix24.extract.state.RowIds;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ID-keyset paging inside {@code batch}: order by ID ascending, filter {@code >ID lastId} plus the
 * stream's own filter, {@code start=-1} (no COUNT), and up to 50 commands per HTTP request, each
 * starting after the last ID of the previous command's page through a {@code $result[..][49][ID]}
 * reference. One HTTP request so returns up to 2,500 rows (D:settings/performance/huge-data.md;
 * D:settings/how-to-call-rest-api/batch.md; bitrix24-api.md §3.4, §8 step 2).
 *
 * <p>Sub-results are read in order and reading stops at the first short page (fewer than 50 rows):
 * what the server does with a reference into a short page is undocumented, so everything after it
 * is discarded, and the next request starts again from the last ID actually seen.
 *
 * <p>From the second request on, each page's rows go to the sink as soon as the page is parsed
 * ({@link BitrixApi#batch(List, SubResultConsumer)}), so no tree of a 2,500-row answer is built; the
 * first request (probes and one page) is read whole, because its verdicts come before any row.
 *
 * <p>Adaptive size: the first request of a scan holds a single command, since most incremental
 * scans end inside one page (and then cost one request with 1 command instead of 50); only after
 * a full page does the pager chain 50 commands per request.
 */
public final class KeysetPager {

    /** The most commands one batch request may carry (D:settings/how-to-call-rest-api/batch.md). */
    public static final int MAX_COMMANDS = 50;
    /** Consecutive failed attempts at the same position before the scan gives up. */
    static final int MAX_ATTEMPTS = StreamCalls.MAX_ATTEMPTS;
    private static final String RETRY = "retrying from the last ID";

    private final BitrixApi api;
    private final Sleeper sleeper;

    public KeysetPager(BitrixApi api, Sleeper sleeper) {
        this.api = api;
        this.sleeper = sleeper;
    }

    /**
     * What to page.
     *
     * @param stream       stream name, for messages
     * @param method       the list method
     * @param dialect      how the family spells requests and wraps rows
     * @param fixedParams  parameters every call carries ({@code entityTypeId})
     * @param select       fields to select (empty: the method's default)
     * @param filter       the stream's filter without the ID bound (time window, category); not modified
     */
    public record Scan(String stream, String method, ListDialect dialect, ObjectNode fixedParams,
                       List<String> select, ObjectNode filter) {
    }

    /** Receives a scan's rows and progress. */
    public interface Sink {
        /** The first successful response's sub-results, before any row: probes and the server time. */
        default void started(BatchResult first) {
        }

        /** The rows of one page in ID order; pages arrive in ID order. */
        void rows(JsonNode rows);

        /** After each HTTP request: every row with an ID up to {@code lastId} has gone to {@link #rows}. */
        void checkpoint(long lastId);

        /** Whether {@link #checkpoint} is wanted after every page too, not only after every request. */
        default boolean checkpointsEveryPage() {
            return false;
        }
    }

    /**
     * Extra commands sent ahead of the first page, judged before any row is read (the window
     * self-check of {@link WindowProbe}).
     */
    public interface Probe {
        List<BatchCommand> commands();

        /** False when the stream's filter cannot be trusted; the scan then ends without reading rows. */
        boolean accept(BatchResult result);
    }

    public enum Outcome {
        /** Every row after the start ID has been read. */
        COMPLETE,
        /** The probe rejected the filter; nothing was passed to the sink's {@code rows}. */
        PROBE_REJECTED
    }

    /** Pages every row with an ID above {@code afterId}. */
    public Outcome scan(Scan scan, long afterId, Probe probe, Sink sink) {
        long lastId = afterId;
        boolean first = true;
        boolean probing = false; // after OPERATION_TIME_LIMIT: one command until the method answers again
        int attempts = 0;
        while (true) {
            List<BatchCommand> commands = new ArrayList<>(MAX_COMMANDS + 2);
            if (first && probe != null) {
                commands.addAll(probe.commands());
            }
            int probeCount = commands.size();
            int pageCount = first || probing ? 1 : api.affordableCalls(scan.method(), MAX_COMMANDS);
            addPageCommands(scan, lastId, pageCount, commands);

            Pages pages = new Pages(scan, sink, lastId, commands.subList(probeCount, commands.size()));
            BatchResult result;
            if (first) {
                result = StreamCalls.batch(api, scan.stream(), commands);
                // The first request (probes + one page) must succeed whole: it fixes the server
                // start time the bookmark is derived from, and the probes' verdict.
                SubResult failedFirst = firstFailure(result.results());
                if (failedFirst != null && failedFirst.error() != null) {
                    // the stream's object is gone (a deleted smart process): skip the stream
                    RuntimeException gone = StreamUnavailableException.wrapIfGoneOrUnavailable(scan.stream(),
                            failedFirst.error());
                    if (gone instanceof StreamUnavailableException) {
                        throw gone;
                    }
                }
                if (failedFirst != null) {
                    attempts = StreamCalls.backOff(sleeper, scan.stream(), failedFirst, attempts, RETRY);
                    continue;
                }
                if (probe != null && !probe.accept(result)) {
                    return Outcome.PROBE_REJECTED;
                }
                sink.started(result);
                first = false;
                result.handTo(pages); // every sub-result is ok here
            } else {
                // Rows are written page by page as the answer is parsed (no tree of the whole answer).
                result = StreamCalls.batch(api, scan.stream(), commands, pages);
            }

            long before = lastId;
            lastId = pages.lastId;
            boolean end = pages.end;
            SubResult failed = pages.failed(result);
            sink.checkpoint(lastId);
            if (end) {
                return Outcome.COMPLETE;
            }
            // A blocked method refuses every further sub-call until its budget resets: ask with one
            // command (after the client's pause until the reset) instead of fifty, until it answers.
            probing = failed != null && failed.error() != null
                    && failed.error().kind() == BitrixErrorKind.OPERATING_TIME_LIMIT;
            if (failed != null) {
                // Rows before the failed page are in; retry from the last ID seen.
                attempts = lastId > before ? 0 : attempts;
                attempts = StreamCalls.backOff(sleeper, scan.stream(), failed, attempts, RETRY);
            } else {
                attempts = 0;
            }
        }
    }

    /**
     * Writes the rows of one request's pages as they come, in key order, and remembers where it stopped:
     * at the end of the data (a short page), or at the first page that failed, was skipped or is not a
     * page, after which nothing is read (its successors chain from its last ID). A page reaches the sink
     * whole or not at all; the next request starts after the last ID written, so an answer that breaks
     * part-way costs the rest of its pages, never a row twice.
     */
    private static final class Pages implements SubResultConsumer {
        private final Scan scan;
        private final Sink sink;
        private final List<String> keys = new ArrayList<>(MAX_COMMANDS);
        private long lastId;
        private int read;
        private boolean end;
        private boolean stopped;
        private boolean notAPage;

        Pages(Scan scan, Sink sink, long lastId, List<BatchCommand> pageCommands) {
            this.scan = scan;
            this.sink = sink;
            this.lastId = lastId;
            for (BatchCommand c : pageCommands) {
                keys.add(c.key());
            }
        }

        @Override
        public void accept(String key, JsonNode result) {
            int index = keys.indexOf(key);
            if (index < 0) {
                return; // a probe's result
            }
            if (stopped || index != read) {
                stopped = true; // the page before it failed or was skipped
                return;
            }
            if (!scan.dialect().isPage(result)) {
                notAPage = true;
                stopped = true;
                return;
            }
            JsonNode rows = scan.dialect().rows(result);
            int pageSize = rows.size();
            if (!rows.isEmpty()) {
                long pageLast = RowIds.of(rows.get(rows.size() - 1), scan.dialect().idField());
                if (pageLast <= lastId) {
                    throw new IllegalStateException(scan.method() + " ignored the >" + scan.dialect().idField()
                            + " filter (a page ended at " + pageLast + " after " + lastId
                            + "); keyset paging cannot continue for stream " + scan.stream());
                }
                sink.rows(rows);
                lastId = pageLast;
                release(rows);
                if (sink.checkpointsEveryPage() && pageSize == ListDialect.PAGE_SIZE) {
                    sink.checkpoint(lastId);
                }
            }
            read++;
            if (pageSize < ListDialect.PAGE_SIZE) {
                end = true;
                stopped = true;
            }
        }

        /** The first page not read, as a failure (null when every page was read or the data ended). */
        SubResult failed(BatchResult result) {
            if (end || read == keys.size()) {
                return null;
            }
            SubResult page = result.get(keys.get(read));
            if (notAPage) {
                return StreamCalls.malformed(page, "a page that is not a list of rows");
            }
            return page.ok() ? StreamCalls.malformed(page, "a page that came out of order") : page;
        }
    }

    /**
     * Drops a written page's rows from the batch answer, which stays referenced until its last page is
     * written: a young collection during the batch then copies only the pages still to come, not the
     * whole 2,500-row tree (on wide deals ~13 % of the sync's CPU was collection, most of it copying
     * that tree and the full collections its promotion caused). Sinks keep rows, never the page's array.
     */
    private static void release(JsonNode rows) {
        if (rows instanceof ArrayNode array) {
            array.removeAll();
        }
    }

    private static void addPageCommands(Scan scan, long afterId, int pages, List<BatchCommand> into) {
        String idFilter = ">" + scan.dialect().idField();
        String previous = null;
        for (int i = 0; i < pages; i++) {
            ObjectNode filter = scan.filter().deepCopy();
            if (previous == null) {
                filter.put(idFilter, afterId);
            } else {
                filter.put(idFilter, scan.dialect().lastIdReference(previous));
            }
            String key = "k" + i;
            into.add(new BatchCommand(key, scan.method(),
                    scan.dialect().params(scan.fixedParams(), scan.select(), filter, scan.dialect().idField(), true)));
            previous = key;
        }
    }

    private static SubResult firstFailure(List<SubResult> results) {
        for (SubResult r : results) {
            if (!r.ok()) {
                return r;
            }
        }
        return null;
    }
}
