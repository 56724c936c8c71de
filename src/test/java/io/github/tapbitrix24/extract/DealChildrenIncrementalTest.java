package io.github.tapbitrix24.extract;

import static io.github.tapbitrix24.extract.SyncHarness.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.state.Lookback;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Children follow the deals that changed; what does not move a deal is caught by the schedule. */
class DealChildrenIncrementalTest {
    /** Mid-morning UTC: the 24-hour refresh periods start at midnight UTC. */
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    /** A portal whose clock has moved past the lookback, so that no generated deal is inside the next window. */
    private static ChildrenHarness portal(int fullRefreshHours) {
        ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(1_500).withClockStart(START),
                fullRefreshHours);
        c.h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5));
        return c;
    }

    @Test
    void childrenOfChangedDealsComeInTheNextRunAndNothingElse() {
        try (ChildrenHarness c = portal(24)) {
            Catalog catalog = c.catalog("deals", "deal_products", "deal_comments");
            SyncHarness.Run first = c.sync(catalog, null);
            assertEquals(c.h.sim.data().count(Dataset.DEAL_COMMENTS), first.records("deal_comments").size());

            c.h.sim.clock().advance(Duration.ofHours(1));
            long comment = c.h.sim.data().addComment(700);
            c.h.sim.data().touch(Dataset.DEALS, 700);           // the deal is modified after the comment
            long row = c.h.sim.data().addProductRow(1_200);     // touches its deal itself
            c.h.sim.data().setDealContacts(33, List.of(5L, 6L, 7L));
            c.api.reset();
            SyncHarness.Run second = c.sync(catalog, first.lastState());

            assertTrue(ids(second.records("deal_comments"), "ID").contains(Long.toString(comment)), "new comment");
            assertTrue(ids(second.records("deal_products"), "id").contains(Long.toString(row)), "new product row");
            ObjectNode deal33 = second.records("deals").stream().filter(d -> d.get("ID").asLong() == 33)
                    .findFirst().orElseThrow();
            assertEquals("[5,6,7]", deal33.get("CONTACT_IDS").toString());
            assertTrue(second.records("deal_comments").stream().allMatch(r -> r.get("ENTITY_ID").asLong() == 700
                            || r.get("ENTITY_ID").asLong() == 1_200 || r.get("ENTITY_ID").asLong() == 33),
                    "only the changed deals' comments: " + second.records("deal_comments").size());
            // read along with the deals: no scan of their own, one request each for the changed deals
            assertEquals(1, second.httpRequestsOf("deal_comments"), "one batch of comment calls");
            assertEquals(1, second.httpRequestsOf("deal_products"), "one batch of product calls");
            assertEquals(1, c.api.of("crm.deal.list"), "one scan of the deals serves the three streams");
        }
    }

    @Test
    void aCommentOnAnUnchangedDealComesWithTheNextPeriodicReRead() {
        try (ChildrenHarness c = portal(24)) {
            Catalog catalog = c.catalog("deal_comments");
            SyncHarness.Run first = c.sync(catalog, null);

            c.h.sim.clock().advance(Duration.ofHours(2));
            long quiet = c.h.sim.data().addComment(900);        // DATE_MODIFY of deal 900 does not move
            SyncHarness.Run sameDay = c.sync(catalog, first.lastState());
            assertFalse(ids(sameDay.records("deal_comments"), "ID").contains(Long.toString(quiet)),
                    "within the period only changed deals are read");
            assertTrue(sameDay.httpRequestsOf("deal_comments") <= 2);

            c.h.sim.clock().advance(Duration.ofHours(14));      // past midnight UTC
            SyncHarness.Run nextDay = c.sync(catalog, sameDay.lastState());
            assertTrue(ids(nextDay.records("deal_comments"), "ID").contains(Long.toString(quiet)),
                    "the first run of the next period re-reads every deal's comments");
            assertEquals(c.h.sim.data().count(Dataset.DEAL_COMMENTS), nextDay.records("deal_comments").size());

            c.h.sim.clock().advance(Duration.ofHours(1));
            SyncHarness.Run after = c.sync(catalog, nextDay.lastState());
            assertEquals(0, after.records("deal_comments").size(), "back to changed deals only");
        }
    }

    @Test
    void withoutTheScheduleCommentsFollowChangedDealsOnly() {
        try (ChildrenHarness c = portal(0)) {
            Catalog catalog = c.catalog("deal_comments");
            SyncHarness.Run first = c.sync(catalog, null);
            c.h.sim.clock().advance(Duration.ofDays(3));
            c.h.sim.data().addComment(900);
            SyncHarness.Run later = c.sync(catalog, first.lastState());
            assertEquals(0, later.records("deal_comments").size());
        }
    }

    @Test
    void childrenOfAFullTableParentAreReadCompletelyEveryRun() {
        try (ChildrenHarness c = portal(0)) {
            Catalog catalog = c.catalog("deal_products");
            catalog.find("deals").orElseThrow().streamMetadata().put("replication-method", "FULL_TABLE");
            SyncHarness.Run first = c.sync(catalog, null);
            c.h.sim.clock().advance(Duration.ofHours(1));
            SyncHarness.Run second = c.sync(catalog, first.lastState());
            int rows = c.h.sim.data().count(Dataset.DEAL_PRODUCT_ROWS);
            assertEquals(rows, first.records("deal_products").size());
            assertEquals(rows, second.records("deal_products").size());
        }
    }

    @Test
    void dealCategoryIdsRestrictTheChildrenToThoseFunnels() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(1_500).withClockStart(START),
                24, List.of(1))) {
            SyncHarness.Run run = c.sync(c.catalog("deals", "deal_products"), null);
            Set<String> deals = ids(run.records("deals"), "ID");
            assertTrue(!deals.isEmpty() && deals.size() < 1_500);
            assertTrue(run.records("deal_products").stream().allMatch(r -> deals.contains(r.get("ownerId").asString())));
            long expected = c.h.sim.data().rows(Dataset.DEAL_PRODUCT_ROWS).stream()
                    .filter(r -> deals.contains(r.get("ownerId").asString())).count();
            assertEquals(expected, run.records("deal_products").size());
        }
    }

    @Test
    void stageHistoriesContinueAfterTheLastIdTheyRead() {
        try (ChildrenHarness c = portal(24)) {
            Catalog catalog = c.catalog("deal_stage_history", "lead_stage_history");
            SyncHarness.Run first = c.sync(catalog, null);
            assertEquals(c.h.sim.data().count(Dataset.DEAL_STAGE_HISTORY), first.records("deal_stage_history").size());
            assertEquals("ID", first.lastState().path("bookmarks").path("deal_stage_history").path("replication_key")
                    .asString(""));

            c.h.sim.clock().advance(Duration.ofHours(1));
            c.h.sim.data().create(Dataset.DEALS);               // a new deal writes its first history row
            c.h.sim.data().create(Dataset.LEADS);
            SyncHarness.Run second = c.sync(catalog, first.lastState());
            assertEquals(1, second.records("deal_stage_history").size());
            assertEquals(1, second.records("lead_stage_history").size());
            assertEquals(1, second.httpRequestsOf("deal_stage_history"));
        }
    }

    @Test
    void aStageHistoryRowCommittedAfterAHigherIdWasReadIsNotSkipped() {
        try (ChildrenHarness c = portal(24)) {
            Catalog catalog = c.catalog("deal_stage_history");
            SyncHarness.Run first = c.sync(catalog, null);

            c.h.sim.clock().advance(Duration.ofHours(1));
            long lateDeal = c.h.sim.data().createUncommitted(Dataset.DEALS); // takes history ID n, not visible yet
            c.h.sim.data().create(Dataset.DEALS);                           // history ID n+1, visible
            SyncHarness.Run second = c.sync(catalog, first.lastState());
            assertEquals(1, second.records("deal_stage_history").size(), "only n+1 is visible");

            c.h.sim.clock().advance(Duration.ofMinutes(2));                 // the slow transaction commits
            c.h.sim.data().commit(Dataset.DEALS, lateDeal);
            SyncHarness.Run third = c.sync(catalog, second.lastState());
            assertTrue(third.records("deal_stage_history").stream()
                    .anyMatch(r -> r.get("OWNER_ID").asLong() == lateDeal), "the late row is read");

            Set<String> union = new HashSet<>();
            for (SyncHarness.Run run : List.of(first, second, third)) {
                union.addAll(ids(run.records("deal_stage_history"), "ID"));
            }
            Set<String> portal = new HashSet<>();
            c.h.sim.data().rows(Dataset.DEAL_STAGE_HISTORY).forEach(r -> portal.add(r.get("ID").asString()));
            assertEquals(portal, union);

            c.h.sim.clock().advance(Duration.ofHours(1));                   // the tail settles
            SyncHarness.Run fourth = c.sync(catalog, third.lastState());
            SyncHarness.Run fifth = c.sync(catalog, fourth.lastState());
            assertEquals(0, fifth.records("deal_stage_history").size());
            assertEquals(1, fifth.httpRequestsOf("deal_stage_history"), "an incremental run without changes");
        }
    }

    @Test
    void aKilledStageHistoryRunRestartsAfterItsSettledBookmarkNotFromTheStart() {
        try (ChildrenHarness c = portal(24)) {
            Catalog catalog = c.catalog("deal_stage_history");
            int total = c.h.sim.data().count(Dataset.DEAL_STAGE_HISTORY);
            SyncHarness.Run killed = c.sync(catalog, null, 3_000);
            assertTrue(killed.killed());
            long settled = killed.lastState().path("bookmarks").path("deal_stage_history")
                    .path("replication_key_value").asLong(0);
            assertTrue(settled > 0, "a checkpoint carries the settled ID");
            assertTrue(killed.lastState().path("bookmarks").path("deal_stage_history").path("last_id").isMissingNode());

            SyncHarness.Run resumed = c.sync(catalog, killed.lastState());
            assertTrue(resumed.records("deal_stage_history").size() < total, "did not start over");
            assertTrue(resumed.records("deal_stage_history").stream().allMatch(r -> r.get("ID").asLong() > settled));
            Set<String> union = ids(killed.records("deal_stage_history"), "ID");
            union.addAll(ids(resumed.records("deal_stage_history"), "ID"));
            assertEquals(total, union.size());
        }
    }
}
