package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The order of positions when {@code deal_products} and {@code deal_comments} ride along the deals'
 * read (docs/children.md): a STATE never puts the deals ahead of a child, whichever STATE a kill
 * leaves last.
 */
class DealChildrenStateOrderTest {

    /**
     * "No child behind its parent": in every STATE of a ride-along run (not only the last one a
     * kill leaves), a deal position in progress is matched or passed by each child's, so a run
     * killed after any STATE resumes the children no later than the deals.
     */
    @Test
    void noStateOfARunPutsAChildBehindTheDeals() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(6_000)
                .withContacts(600).withCompanies(10).withLeads(0).withSpaSizes(java.util.Map.of()), 24)) {
            List<String> children = List.of("deal_products", "deal_comments");
            SyncHarness.Run run = c.sync(c.catalog("deals", "deal_products", "deal_comments"), null);

            int inProgress = 0;
            int states = 0;
            for (JsonNode m : run.messages()) {
                if (!m.path("type").asString("").equals("STATE")) {
                    continue;
                }
                states++;
                JsonNode bookmarks = m.get("value").path("bookmarks");
                JsonNode deals = bookmarks.path("deals");
                if (deals.has("last_id")) {
                    inProgress++;
                    for (String child : children) {
                        JsonNode b = bookmarks.path(child);
                        assertTrue(b.path("last_id").asLong(0) >= deals.get("last_id").asLong()
                                        && b.path("window_start").equals(deals.path("window_start")),
                                "STATE " + states + ": " + child + " is behind the deals: " + bookmarks);
                    }
                } else if (deals.has("replication_key_value")) {
                    for (String child : children) {
                        JsonNode b = bookmarks.path(child);
                        assertFalse(b.has("last_id"), "STATE " + states + ": deals complete, " + child + " not: " + bookmarks);
                        assertEquals(deals.get("replication_key_value"), b.path("replication_key_value"),
                                "STATE " + states + ": " + child + " completes the deals' window: " + bookmarks);
                    }
                }
            }
            // 6,000 deals: a position after the first 5,000 deals and their children, then the end.
            assertTrue(inProgress >= 1, "the run wrote positions in progress (" + inProgress + " of " + states + " STATEs)");
        }
    }
}
