package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.portal.methods.Methods;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The mutation API, the request listener and determinism. */
class PortalMutationsTest {
    private static PortalSimulator start() {
        return PortalSimulator.start(PortalOptions.defaults().withRateLimit(false).withOperatingLimit(false));
    }

    @Test
    void touchManyMovesRowsIntoTheSameSecondOfTheClock() {
        try (PortalSimulator sim = start()) {
            sim.clock().advance(Duration.ofHours(1));
            String now = Methods.iso(sim.clock().epochSecondsFraction(), sim.options().utcOffset());
            List<Long> ids = new ArrayList<>();
            for (long i = 1; i <= 120; i++) {
                ids.add(i * 2);
            }
            sim.data().touchMany(Dataset.DEALS, ids);
            PortalClient c = new PortalClient(sim);
            JsonNode r = c.ok("crm.deal.list", "{\"filter\":{\">=DATE_MODIFY\":\"" + now + "\"},\"select\":[\"ID\",\"DATE_MODIFY\"]}");
            assertEquals(120, r.get("total").intValue());
            r.get("result").values().forEach(x -> assertEquals(now, x.get("DATE_MODIFY").stringValue()));
            JsonNode item = c.ok("crm.item.list", "{\"entityTypeId\":2,\"filter\":{\"id\":2},\"select\":[\"updatedTime\"]}");
            assertEquals(now, item.get("result").get("items").get(0).get("updatedTime").stringValue());
        }
    }

    @Test
    void anUncommittedRowKeepsItsIdHiddenUntilItCommits() {
        try (PortalSimulator sim = start()) {
            PortalClient c = new PortalClient(sim);
            String history = "{\"entityTypeId\":2,\"order\":{\"ID\":\"DESC\"},\"select\":[\"ID\",\"OWNER_ID\"]}";
            long late = sim.data().createUncommitted(Dataset.DEALS);
            long later = sim.data().create(Dataset.DEALS);
            assertEquals(late + 1, later);
            assertEquals(0, c.ok("crm.deal.list", "{\"filter\":{\"ID\":" + late + "}}").get("total").intValue());
            JsonNode newest = c.ok("crm.stagehistory.list", history).get("result").get("items");
            assertEquals(later, newest.get(0).get("OWNER_ID").longValue());
            assertNotEquals(late, newest.get(1).get("OWNER_ID").longValue());

            sim.data().commit(Dataset.DEALS, late);
            assertEquals(1, c.ok("crm.deal.list", "{\"filter\":{\"ID\":" + late + "}}").get("total").intValue());
            JsonNode after = c.ok("crm.stagehistory.list", history).get("result").get("items");
            assertEquals(late, after.get(1).get("OWNER_ID").longValue());
            assertEquals(after.get(0).get("ID").longValue() - 1, after.get(1).get("ID").longValue(),
                    "the late row kept the lower ID it took first");
        }
    }

    @Test
    void createdRowsAppearAndDeletedRowsDisappear() {
        try (PortalSimulator sim = start()) {
            PortalClient c = new PortalClient(sim);
            long id = sim.data().create(Dataset.DEALS);
            assertEquals(301, id);
            sim.data().delete(Dataset.DEALS, 10);
            JsonNode r = c.ok("crm.deal.list", "{\"filter\":{\"@ID\":[9,10,11,301]},\"select\":[\"ID\"]}");
            assertEquals(3, r.get("total").intValue());
            assertEquals("301", r.get("result").get(2).get("ID").stringValue());
            assertEquals(1, c.ok("crm.stagehistory.list", "{\"entityTypeId\":2,\"filter\":{\"OWNER_ID\":301}}").get("total").intValue());
            long comment = sim.data().addComment(301);
            JsonNode comments = c.ok("crm.timeline.comment.list", "{\"filter\":{\"ENTITY_ID\":301,\"ENTITY_TYPE\":\"deal\"}}");
            assertEquals(Long.toString(comment), comments.get("result").get(0).get("ID").stringValue());
            sim.data().addProductRow(301);
            assertEquals(1, c.ok("crm.deal.productrows.get", "{\"id\":301}").get("result").size());
            sim.data().setDealContacts(301, List.of(5L, 6L));
            assertEquals("[5,6]", c.ok("crm.item.list", "{\"entityTypeId\":2,\"filter\":{\"id\":301},\"select\":[\"contactIds\"]}")
                    .get("result").get("items").get(0).get("contactIds").toString());
            assertEquals(400, c.post("crm.deal.contact.items.get", "{\"id\":10}").status());
        }
    }

    @Test
    void listenerCanMutateBetweenRequestsOfARunningSync() {
        try (PortalSimulator sim = start()) {
            AtomicInteger served = new AtomicInteger();
            sim.onRequest(r -> {
                if (served.incrementAndGet() == 2) {
                    List<Long> ids = new ArrayList<>();
                    for (long i = 1; i <= 300; i++) {
                        ids.add(i);
                    }
                    sim.data().touchMany(Dataset.DEALS, ids); // every deal changes while page 2 is on its way
                    for (int i = 0; i < 200; i++) {
                        sim.data().create(Dataset.DEALS);    // 500 records in one second
                    }
                }
            });
            PortalClient c = new PortalClient(sim);
            Set<String> seen = new HashSet<>();
            long last = 0;
            while (true) {
                JsonNode page = c.ok("crm.deal.list", "{\"order\":{\"ID\":\"ASC\"},\"filter\":{\">ID\":" + last
                        + "},\"select\":[\"ID\"],\"start\":-1}").get("result");
                page.values().forEach(x -> seen.add(x.get("ID").stringValue()));
                if (page.size() < 50) {
                    break;
                }
                last = page.get(49).get("ID").asLong();
            }
            assertEquals(500, seen.size());
            assertTrue(served.get() >= 11);
        }
    }

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        List<ObjectNode> a;
        List<ObjectNode> b;
        List<ObjectNode> other;
        try (PortalSimulator s = PortalSimulator.start(PortalOptions.defaults().withDeals(50))) {
            a = s.data().rows(Dataset.DEALS);
        }
        try (PortalSimulator s = PortalSimulator.start(PortalOptions.defaults().withDeals(50))) {
            b = s.data().rows(Dataset.DEALS);
            assertEquals(s.data().rows(Dataset.DEAL_COMMENTS), s.data().rows(Dataset.DEAL_COMMENTS));
        }
        try (PortalSimulator s = PortalSimulator.start(PortalOptions.defaults().withDeals(50).withSeed(7))) {
            other = s.data().rows(Dataset.DEALS);
        }
        assertEquals(a, b);
        assertNotEquals(a, other);
    }

    @Test
    void dealStageAgreesWithItsLastStageHistoryRow() {
        try (PortalSimulator sim = start()) {
            List<ObjectNode> history = sim.data().rows(Dataset.DEAL_STAGE_HISTORY);
            java.util.Map<Long, String> lastStage = new java.util.HashMap<>();
            history.forEach(h -> lastStage.put(h.get("OWNER_ID").asLong(), h.get("STAGE_ID").stringValue()));
            for (ObjectNode d : sim.data().rows(Dataset.DEALS)) {
                assertEquals(d.get("STAGE_ID").stringValue(), lastStage.get(d.get("ID").asLong()));
            }
            double perDeal = history.size() / 300.0;
            assertTrue(perDeal > 3 && perDeal < 5, "about four history rows per deal: " + perDeal);
        }
    }

    @Test
    void aDeletedDealTakesItsProductRowsAndCommentsWithIt() {
        try (PortalSimulator sim = start()) {
            PortalClient c = new PortalClient(sim);
            long deal = sim.data().rows(Dataset.DEAL_COMMENTS).get(0).get("ENTITY_ID").asLong();
            long rowDeal = sim.data().rows(Dataset.DEAL_PRODUCT_ROWS).get(0).get("ownerId").asLong();
            String comments = "{\"filter\":{\"ENTITY_ID\":" + deal + ",\"ENTITY_TYPE\":\"deal\"}}";
            String rows = "{\"filter\":{\"=ownerType\":\"D\",\"=ownerId\":[" + rowDeal + "]}}";
            assertTrue(c.ok("crm.timeline.comment.list", comments).get("result").size() > 0);
            assertTrue(c.ok("crm.item.productrow.list", rows).get("result").get("productRows").size() > 0);
            sim.data().delete(Dataset.DEALS, deal);
            sim.data().delete(Dataset.DEALS, rowDeal == deal ? deal + 1 : rowDeal);
            assertEquals(0, sim.data().rows(Dataset.DEAL_COMMENTS).stream()
                    .filter(r -> r.get("ENTITY_ID").asLong() == deal).count());
            assertEquals(0, sim.data().rows(Dataset.DEAL_PRODUCT_ROWS).stream()
                    .filter(r -> r.get("ownerId").asLong() == rowDeal).count());
        }
    }

    @Test
    void aRemovedProductRowTouchesItsDealAndADeletedCommentDoesNot() {
        try (PortalSimulator sim = start()) {
            ObjectNode row = sim.data().rows(Dataset.DEAL_PRODUCT_ROWS).get(0);
            ObjectNode comment = sim.data().rows(Dataset.DEAL_COMMENTS).get(0);
            sim.clock().advance(Duration.ofHours(1));
            String now = Methods.iso(sim.clock().epochSecondsFraction(), sim.options().utcOffset());
            sim.data().delete(Dataset.DEAL_PRODUCT_ROWS, row.get("id").asLong());
            sim.data().delete(Dataset.DEAL_COMMENTS, comment.get("ID").asLong());
            PortalClient c = new PortalClient(sim);
            JsonNode touched = c.ok("crm.deal.list", "{\"filter\":{\">=DATE_MODIFY\":\"" + now + "\"},\"select\":[\"ID\"]}")
                    .get("result");
            assertEquals(1, touched.size());
            assertEquals(row.get("ownerId").asLong(), touched.get(0).get("ID").asLong());
            assertTrue(sim.data().rows(Dataset.DEAL_COMMENTS).stream()
                    .noneMatch(r -> r.get("ID").asLong() == comment.get("ID").asLong()));
        }
    }

    @Test
    void accessRevokedMidRunIsRefusedUntilRestored() {
        try (PortalSimulator sim = start()) {
            PortalClient c = new PortalClient(sim);
            c.ok("crm.company.list", "{\"select\":[\"ID\"]}");
            sim.data().revokeAccess("crm.company.list");
            PortalClient.Response refused = c.post("crm.company.list", "{\"select\":[\"ID\"]}");
            assertEquals(400, refused.status());
            assertTrue(refused.body().contains("Access denied"), refused.body());
            sim.data().restoreAccess("crm.company.list");
            c.ok("crm.company.list", "{\"select\":[\"ID\"]}");
        }
    }
}
