package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Catalogs written by an older discovery, or edited by hand, still give complete, keyed records. */
class OldCatalogTest {

    @Test
    void aDeselectedKeyAndReplicationKeyAreStillWritten() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(120))) {
            Catalog catalog = h.catalog("deals");
            CatalogEntry deals = catalog.find("deals").orElseThrow();
            for (String field : List.of("ID", "DATE_MODIFY", "TITLE")) {
                ObjectNode md = deals.propertyMetadata(field).orElseThrow();
                md.put("inclusion", "available");   // as an older discovery wrote keys
                md.put("selected", false);
            }

            SyncHarness.Run run = h.sync(catalog, null);

            assertEquals(120, run.records("deals").size());
            for (ObjectNode r : run.records("deals")) {
                assertTrue(r.has("ID") && r.has("DATE_MODIFY"), r.toString());
                assertFalse(r.has("TITLE"), "a deselected ordinary field stays out");
            }
            run.assertRecordsValidateAgainstTheirSchemas();
        }
    }

    @Test
    void aFieldAddedToThePortalAfterDiscoveryIsLeftOutUntilTheCatalogHasIt() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(40))) {
            Catalog catalog = h.catalog("deals");
            CatalogEntry deals = catalog.find("deals").orElseThrow();
            ((ObjectNode) deals.schema().get("properties")).remove("UF_CRM_1700000001"); // "not there at discovery"

            SyncHarness.Run run = h.sync(catalog, null);

            assertEquals(40, run.records("deals").size());
            run.records("deals").forEach(r -> assertFalse(r.has("UF_CRM_1700000001")));
            run.assertRecordsValidateAgainstTheirSchemas();
        }
    }
}
