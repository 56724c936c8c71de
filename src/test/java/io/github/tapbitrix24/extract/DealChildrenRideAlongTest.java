package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.extract.children.CommentsFetcher;
import io.github.tapbitrix24.extract.children.DealContactLinks;
import io.github.tapbitrix24.extract.children.ProductRowsFetcher;
import io.github.tapbitrix24.extract.spi.StreamSummary;
import io.github.tapbitrix24.extract.state.Lookback;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static io.github.tapbitrix24.extract.SyncHarness.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import tools.jackson.databind.JsonNode;

/**
 * With {@code deals} selected, {@code deal_products} and {@code deal_comments} ride along the deals'
 * own read: one scan of the deals serves the three streams, the children's requests come between
 * the deal pages, and the three positions move together. A child whose bookmark the deals' read
 * does not cover scans on its own, once, and rides again in the next run.
 */
class DealChildrenRideAlongTest {
    private static final List<String> STREAMS = List.of("deals", "deal_products", "deal_comments");
    /** Mid-morning UTC: the 24-hour comment re-read periods start at midnight UTC. */
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private static ChildrenHarness portal(int deals) {
        ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(deals).withContacts(deals / 10)
                .withCompanies(10).withLeads(0).withSpaSizes(Map.of()).withClockStart(START), 24);
        c.h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5));
        return c;
    }

    private static Set<String> portalIds(ChildrenHarness c, Dataset dataset, String key) {
        return ids(c.h.sim.data().rows(dataset), key);
    }

    @Test
    void oneScanOfTheDealsServesTheThreeStreamsWithTheChildrensRequestsBetweenTheDealPages() {
        try (ChildrenHarness c = portal(12_000)) {
            c.api.reset();
            c.sync(c.catalog("deals"), null);
            long dealPagesAlone = c.api.of("crm.deal.list");

            c.api.reset();
            SyncHarness.Run run = c.sync(c.catalog(STREAMS.toArray(String[]::new)), null);

            assertEquals(ids(run.records("deal_products"), "id"), portalIds(c, Dataset.DEAL_PRODUCT_ROWS, "id"));
            assertEquals(ids(run.records("deal_comments"), "ID"), portalIds(c, Dataset.DEAL_COMMENTS, "ID"));
            assertEquals(12_000, ids(run.records("deals"), "ID").size());
            // Positions after 5,000 and 10,000 deals and their children: in no STATE is a child behind.
            int inProgress = ChildPositions.assertNoChildBehindTheDeals(run, STREAMS.subList(1, 3));
            assertTrue(inProgress >= 2, "STATEs with the deals in progress: " + inProgress);
            assertEquals(dealPagesAlone, c.api.of("crm.deal.list"), "no scan of the deals besides the deals' own");
            List<String> sent = List.copyOf(c.api.sequence);
            assertTrue(sent.indexOf(CommentsFetcher.METHOD) < sent.lastIndexOf("crm.deal.list")
                            && sent.indexOf(ProductRowsFetcher.METHOD) < sent.lastIndexOf("crm.deal.list"),
                    "children are read between the deal pages: " + sent);
            long perStream = STREAMS.stream().mapToLong(run::httpRequestsOf).sum();
            assertEquals(run.httpRequests(), perStream, "each request is counted for exactly one stream");
            assertEquals(c.api.of(CommentsFetcher.METHOD), run.httpRequestsOf("deal_comments"));
            assertEquals(c.api.of(ProductRowsFetcher.METHOD), run.httpRequestsOf("deal_products"));
            run.assertRecordsValidateAgainstTheirSchemas();
        }
    }

    /**
     * 12,000 deals: positions are written after 5,000 and 10,000 deals and their children. Killed
     * before the first (8,000 lines), between them, and late; the resumed run rides again.
     */
    @ParameterizedTest(name = "killed after {0} lines")
    @ValueSource(longs = {8_000, 20_000, 40_000})
    void aKilledRunResumesTheThreeStreamsTogetherWithoutGaps(long killAfter) {
        try (ChildrenHarness c = portal(12_000)) {
            Catalog catalog = c.catalog(STREAMS.toArray(String[]::new));
            SyncHarness.Run killed = c.sync(catalog, null, killAfter);
            assertTrue(killed.killed());
            ChildPositions.assertNoChildBehindTheDeals(killed, STREAMS.subList(1, 3));
            JsonNode bookmarks = killed.lastState() == null ? null : killed.lastState().get("bookmarks");
            if (bookmarks != null && bookmarks.path("deals").has("last_id")) {
                long deals = bookmarks.get("deals").get("last_id").asLong();
                for (String child : List.of("deal_products", "deal_comments")) {
                    assertTrue(bookmarks.path(child).path("last_id").asLong(0) >= deals,
                            child + " is never behind the deals: " + bookmarks);
                }
            }

            c.h.sim.clock().advance(Duration.ofMinutes(1));
            c.api.reset();
            SyncHarness.Run resumed = c.sync(catalog, killed.lastState());
            assertFalse(resumed.killed());
            assertEquals(resumed.httpRequestsOf("deals"), c.api.of("crm.deal.list") + c.api.of(DealContactLinks.METHOD),
                    "the resumed run rides along the deals too");

            Map<String, Dataset> datasets = Map.of("deals", Dataset.DEALS, "deal_products", Dataset.DEAL_PRODUCT_ROWS,
                    "deal_comments", Dataset.DEAL_COMMENTS);
            for (String stream : STREAMS) {
                String key = stream.equals("deal_products") ? "id" : "ID";
                Set<String> emitted = ids(killed.records(stream), key);
                emitted.addAll(ids(resumed.records(stream), key));
                assertEquals(portalIds(c, datasets.get(stream), key), emitted, stream + " killed after " + killAfter);
            }
        }
    }

    @Test
    void aChildBehindTheDealsScansOnItsOwnOnceAndThenRidesAgain() {
        try (ChildrenHarness c = portal(1_500)) {
            Catalog both = c.catalog("deals", "deal_comments");
            SyncHarness.Run first = c.sync(both, null);

            c.h.sim.clock().advance(Duration.ofMinutes(30));
            long missedByTheDealsOnly = c.h.sim.data().addComment(700);
            c.h.sim.data().touch(Dataset.DEALS, 700);
            c.h.sim.clock().advance(Lookback.MODIFICATION.multipliedBy(2)); // deal 700 falls out of the deals' next window
            SyncHarness.Run dealsOnly = c.sync(c.catalog("deals"), first.lastState());
            assertTrue(ids(dealsOnly.records("deals"), "ID").contains("700"));

            c.h.sim.clock().advance(Duration.ofMinutes(30));
            c.api.reset();
            SyncHarness.Run behind = c.sync(both, dealsOnly.lastState());
            assertEquals(Set.of("700"), ids(behind.records("deals"), "ID"), "only the newest key read comes again");
            assertTrue(ids(behind.records("deal_comments"), "ID").contains(Long.toString(missedByTheDealsOnly)),
                    "the comments' own window reaches back to their bookmark");
            assertEquals(2, c.api.of("crm.deal.list"), "the deals' scan and the comments' own");

            c.h.sim.clock().advance(Duration.ofMinutes(30));
            long later = c.h.sim.data().addComment(800);
            c.h.sim.data().touch(Dataset.DEALS, 800);
            c.api.reset();
            SyncHarness.Run again = c.sync(both, behind.lastState());
            assertTrue(ids(again.records("deal_comments"), "ID").contains(Long.toString(later)));
            assertEquals(1, c.api.of("crm.deal.list"), "riding along again");
        }
    }

    @Test
    void commentsDueForTheirDailyReReadScanOnTheirOwnWhileTheDealsStayIncremental() {
        try (ChildrenHarness c = portal(1_500)) {
            Catalog both = c.catalog("deals", "deal_comments");
            SyncHarness.Run first = c.sync(both, null);

            c.h.sim.clock().advance(Duration.ofHours(2));
            long quiet = c.h.sim.data().addComment(900);        // DATE_MODIFY of deal 900 does not move
            c.api.reset();
            SyncHarness.Run sameDay = c.sync(both, first.lastState());
            assertFalse(ids(sameDay.records("deal_comments"), "ID").contains(Long.toString(quiet)));
            assertEquals(1, c.api.of("crm.deal.list"), "riding along within the period");

            c.h.sim.clock().advance(Duration.ofHours(14));      // past midnight UTC
            SyncHarness.Run nextDay = c.sync(both, sameDay.lastState());
            assertTrue(ids(nextDay.records("deal_comments"), "ID").contains(Long.toString(quiet)));
            assertEquals(c.h.sim.data().count(Dataset.DEAL_COMMENTS), nextDay.records("deal_comments").size());
            assertTrue(nextDay.records("deals").size() <= 3, "the deals stay incremental (the newest key read comes again)");

            c.h.sim.clock().advance(Duration.ofHours(1));
            c.api.reset();
            SyncHarness.Run after = c.sync(both, nextDay.lastState());
            assertEquals(0, after.records("deal_comments").size());
            assertEquals(1, c.api.of("crm.deal.list"), "riding along again after the re-read");
        }
    }

    @Test
    void aChildTheWebhookMayNotReadIsSkippedAndTheOthersComplete() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(1_500).withLeads(0)
                .withSpaSizes(Map.of()).withDeniedMethods(Set.of(CommentsFetcher.METHOD)), 24)) {
            SyncHarness.Run run = c.sync(c.catalog(STREAMS.toArray(String[]::new)), null);

            assertFalse(run.killed());
            StreamSummary comments = run.result().stream("deal_comments").orElseThrow();
            assertFalse(comments.completed());
            assertTrue(comments.skipped().contains("ccess denied"), comments.line());
            assertEquals(1_500, run.records("deals").size());
            assertEquals(portalIds(c, Dataset.DEAL_PRODUCT_ROWS, "id"), ids(run.records("deal_products"), "id"));
            JsonNode bookmarks = run.result().finalState().get("bookmarks");
            assertTrue(bookmarks.get("deal_products").has("replication_key_value"));
            assertFalse(bookmarks.has("deal_comments"), "no position for what was not read: " + bookmarks);
        }
    }
}
