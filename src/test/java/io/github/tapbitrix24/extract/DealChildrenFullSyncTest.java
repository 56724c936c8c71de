package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.children.DealContactLinks;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.schema.RecordCoercer;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A first sync of a 10,000-deal portal with {@code extract_deal_contacts},
 * {@code enable_deal_comments_stream} and {@code enable_deal_products_stream} on, plus both stage
 * histories: every child row the portal holds comes out, equal to the portal's, at the promised
 * request cost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DealChildrenFullSyncTest {
    private static final int DEALS = 10_000;
    private ChildrenHarness c;
    private Catalog catalog;
    private SyncHarness.Run run;

    @BeforeAll
    void syncEverything() {
        c = new ChildrenHarness(PortalOptions.defaults().withDeals(DEALS), 24);
        catalog = c.catalog("deals", "deal_products", "deal_comments", "deal_stage_history", "lead_stage_history");
        // Deals' own fields are another test's subject: a narrow select keeps this one fast.
        CatalogEntry deals = catalog.find("deals").orElseThrow();
        deals.schema().get("properties").propertyNames().forEach(p -> deals.propertyMetadata(p)
                .ifPresent(m -> m.put("selected", List.of("ID", "DATE_MODIFY", "TITLE", "CONTACT_IDS").contains(p))));
        c.api.reset();
        run = c.sync(catalog, null);
    }

    @AfterAll
    void stop() {
        c.close();
    }

    @Test
    void everyProductRowOfThePortalIsEmittedWithItsValues() {
        assertStreamEqualsPortal("deal_products", Dataset.DEAL_PRODUCT_ROWS, "id");
    }

    @Test
    void everyCommentOfThePortalIsEmittedWithItsValues() {
        assertStreamEqualsPortal("deal_comments", Dataset.DEAL_COMMENTS, "ID");
        assertTrue(run.records("deal_comments").stream().filter(r -> r.get("ENTITY_ID").asLong() == 2).count() == 120,
                "deal 2's 120 comments span three pages");
    }

    @Test
    void stageHistoriesEqualThePortal() {
        assertStreamEqualsPortal("deal_stage_history", Dataset.DEAL_STAGE_HISTORY, "ID");
        assertStreamEqualsPortal("lead_stage_history", Dataset.LEAD_STAGE_HISTORY, "ID");
    }

    @Test
    void everyDealCarriesAllItsContactsInThePortalsOrder() {
        Map<Long, List<ObjectNode>> links = new HashMap<>();
        for (ObjectNode link : c.h.sim.data().rows(Dataset.DEAL_CONTACT_LINKS)) {
            links.computeIfAbsent(link.get("DEAL_ID").asLong(), k -> new ArrayList<>()).add(link);
        }
        List<ObjectNode> deals = run.records("deals");
        assertEquals(DEALS, deals.size());
        long emittedLinks = 0;
        for (ObjectNode deal : deals) {
            ArrayNode expected = JsonNodeFactory.instance.arrayNode();
            links.getOrDefault(deal.get("ID").asLong(), List.of()).stream()
                    .sorted(Comparator.comparingInt(l -> l.get("SORT").asInt()))
                    .forEach(l -> expected.add(l.get("CONTACT_ID").asLong()));
            assertEquals(expected.toString(), deal.get("CONTACT_IDS").toString(), "deal " + deal.get("ID"));
            emittedLinks += deal.get("CONTACT_IDS").size();
        }
        assertEquals(c.h.sim.data().count(Dataset.DEAL_CONTACT_LINKS), emittedLinks);
        assertTrue(emittedLinks > DEALS, "deals with several contacts are covered: " + emittedLinks);
    }

    @Test
    void requestCountsStayWithinTheirBudgets() {
        long productRows = run.records("deal_products").size();
        long products = run.httpRequestsOf("deal_products");
        assertTrue(products * 1_000 <= productRows, products + " requests for " + productRows + " product rows");

        long comments = run.httpRequestsOf("deal_comments");
        assertTrue(comments * 40 <= DEALS, comments + " requests for the comments of " + DEALS + " deals");

        long contactLinks = c.api.of(DealContactLinks.METHOD);
        assertTrue(contactLinks > 0 && contactLinks * 1_000 <= DEALS,
                contactLinks + " requests for the contacts of " + DEALS + " deals");

        for (String history : List.of("deal_stage_history", "lead_stage_history")) {
            long rows = run.records(history).size();
            long requests = run.httpRequestsOf(history);
            assertTrue(requests * 2_000 <= rows, history + ": " + requests + " requests for " + rows + " rows");
        }
    }

    @Test
    void everyRecordValidatesAgainstItsSchema() {
        run.assertRecordsValidateAgainstTheirSchemas();
    }

    @Test
    void completedChildStreamsKeepTheirParentWindowAsBookmark() {
        JsonNode bookmarks = run.lastState().get("bookmarks");
        for (String child : List.of("deal_products", "deal_comments")) {
            JsonNode b = bookmarks.get(child);
            assertTrue(b != null && b.get("replication_key_value").isString(), child + ": " + b);
            assertTrue(!b.has("last_id") && !b.has("replication_key"), child + ": " + b);
        }
    }

    private void assertStreamEqualsPortal(String stream, Dataset dataset, String key) {
        CatalogEntry entry = catalog.find(stream).orElseThrow();
        RecordCoercer coercer = RecordCoercer.forSchema(entry.selectedSchema(), c.h.sim.options().utcOffset());
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        // Through JSON text, as a target reads it.
        c.h.sim.data().rows(dataset).forEach(r -> expected.put(r.get(key).asString(),
                SyncHarness.JSON.readTree(coercer.coerce(r).toString())));
        Map<String, JsonNode> actual = new LinkedHashMap<>();
        run.records(stream).forEach(r -> actual.put(r.get(key).asString(), r));
        assertEquals(expected.size(), run.records(stream).size(), stream + ": one record per portal row");
        assertEquals(expected.keySet(), actual.keySet(), stream + ": the same keys as the portal");
        expected.forEach((id, row) -> assertEquals(row, actual.get(id), stream + " " + key + "=" + id));
    }
}
