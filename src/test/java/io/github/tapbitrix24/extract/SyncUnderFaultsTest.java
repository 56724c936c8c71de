package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Transient failures anywhere in a full sync of every stream with every option (children riding
 * along the deals included): on about one HTTP request in ten the portal answers HTTP 500, 503
 * QUERY_LIMIT_EXCEEDED or an nginx 502 page, cuts the JSON body short, or drops the connection.
 * The client retries, and the run emits exactly the records a run without faults emits, and ends
 * with every bookmark complete.
 */
class SyncUnderFaultsTest {

    @Test
    void aFullSyncWithAFaultInOneRequestOfTenEmitsWhatACleanSyncEmits() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(3_000), 24)) {
            Catalog catalog = c.catalog();
            SyncHarness.Run clean = c.sync(catalog, null);

            c.h.sim.faults().random(7, 0.1);
            SyncHarness.Run faulty;
            try {
                faulty = c.sync(catalog, null);
            } finally {
                c.h.sim.faults().clear();
            }

            assertFalse(faulty.killed());
            assertTrue(c.h.client.stats().retries() >= 5, "faults were injected and retried: "
                    + c.h.client.stats().retries() + " retries");
            for (CatalogEntry entry : catalog.selected()) {
                String stream = entry.tapStreamId();
                assertEquals(sorted(clean, stream), sorted(faulty, stream), stream);
            }
            assertTrue(clean.records("deal_comments").size() > 0 && clean.records("deal_products").size() > 0);
            JsonNode bookmarks = faulty.result().finalState().get("bookmarks");
            bookmarks.properties().forEach(b -> assertFalse(b.getValue().has("last_id"),
                    b.getKey() + " was left in progress: " + b.getValue()));
            assertEquals(clean.result().finalState().get("bookmarks").propertyNames(), bookmarks.propertyNames());
        }
    }

    /** The stream's records as JSON text, sorted: the same multiset whatever the order of arrival. */
    private static List<String> sorted(SyncHarness.Run run, String stream) {
        List<String> out = new ArrayList<>();
        run.records(stream).forEach(r -> out.add(r.toString()));
        Collections.sort(out);
        return out;
    }
}
