package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * crm.stagehistory.list with a smart-process entityTypeId (D:api-reference/crm/crm-stage-history-list.md):
 * the deal row shape (native ints, CATEGORY_ID, STAGE_SEMANTIC_ID, STAGE_ID) over the type's own funnels,
 * ending at each item's current stage; keyset paging and new items work as for deals.
 */
class PortalSpaStageHistoryTest {
    private static PortalSimulator start() {
        return PortalSimulator.start(PortalOptions.defaults().withRateLimit(false).withOperatingLimit(false));
    }

    @Test
    void everySmartProcessItemEndsItsHistoryAtItsCurrentStage() {
        try (PortalSimulator sim = start()) {
            int checked = 0;
            for (int etid : sim.data().spaEntityTypeIds()) {
                List<ObjectNode> history = sim.data().rows(Dataset.spaStageHistory(etid));
                Map<Long, String> last = new HashMap<>();
                history.forEach(h -> last.put(h.get("OWNER_ID").asLong(), h.get("STAGE_ID").stringValue()));
                List<ObjectNode> items = sim.data().rows(Dataset.spaItems(etid));
                assertEquals(items.isEmpty(), history.isEmpty());
                if (items.isEmpty()) {
                    continue;
                }
                checked++;
                for (ObjectNode item : items) {
                    assertEquals(item.get("stageId").stringValue(), last.get(item.get("id").asLong()), "item " + item.get("id"));
                }
                assertTrue(history.size() > items.size(), "items move through several stages");
            }
            assertTrue(checked >= 2, "at least two smart processes with items");
        }
    }

    @Test
    void historyRowsHaveTheDocumentedShapeAndPageByKeyset() {
        try (PortalSimulator sim = start()) {
            PortalClient c = new PortalClient(sim);
            int etid = sim.data().spaEntityTypeIds().get(0);
            JsonNode first = c.ok("crm.stagehistory.list", "{\"entityTypeId\":" + etid + ",\"order\":{\"ID\":\"ASC\"}}");
            JsonNode row = first.get("result").get("items").get(0);
            assertEquals(List.of("ID", "TYPE_ID", "OWNER_ID", "CREATED_TIME", "CATEGORY_ID", "STAGE_SEMANTIC_ID", "STAGE_ID"),
                    List.copyOf(row.propertyNames()));
            assertTrue(row.get("ID").isInt() && row.get("OWNER_ID").isInt() && row.get("CATEGORY_ID").isInt());
            assertEquals(1, row.get("TYPE_ID").intValue());
            assertTrue(row.get("STAGE_ID").stringValue().startsWith("DT" + etid + "_" + row.get("CATEGORY_ID").intValue() + ":"));
            assertTrue(first.get("total").intValue() > 50);
            JsonNode keyset = c.ok("crm.stagehistory.list", "{\"entityTypeId\":" + etid
                    + ",\"order\":{\"ID\":\"ASC\"},\"filter\":{\">ID\":50},\"start\":-1}");
            assertEquals(0, keyset.get("total").intValue());
            assertEquals(51, keyset.get("result").get("items").get(0).get("ID").intValue());
        }
    }

    @Test
    void aCreatedItemGetsItsCreationRow() {
        try (PortalSimulator sim = start()) {
            int etid = sim.data().spaEntityTypeIds().get(0);
            long id = sim.data().create(Dataset.spaItems(etid));
            JsonNode items = new PortalClient(sim).ok("crm.stagehistory.list", "{\"entityTypeId\":" + etid
                    + ",\"filter\":{\"OWNER_ID\":" + id + "}}").get("result").get("items");
            assertEquals(1, items.size());
            assertEquals(1, items.get(0).get("TYPE_ID").intValue());
            assertTrue(items.get(0).get("STAGE_ID").stringValue().endsWith(":NEW"));
        }
    }
}
