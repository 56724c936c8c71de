package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A STATE comes at least every few thousand records, also with the deal children riding along. */
class CheckpointSpacingTest {
    private static final int MAX_RECORDS_BETWEEN_STATES = 6_000;

    private static int longestStretchWithoutState(SyncHarness.Run run) {
        int longest = 0;
        int since = 0;
        for (JsonNode m : run.messages()) {
            String type = m.path("type").asString();
            if (type.equals("RECORD")) {
                longest = Math.max(longest, ++since);
            } else if (type.equals("STATE")) {
                since = 0;
            }
        }
        return longest;
    }

    /** The harness has extract_deal_contacts on, so the contact links ride along too. */
    private static void assertSpacing(String streams) {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(3_000).withContacts(300)
                .withCompanies(10).withLeads(0).withSpaSizes(Map.of()), 24)) {
            Catalog catalog = c.catalog(streams.split(","));
            SyncHarness.Run run = c.sync(catalog, null);
            long records = run.messages().stream().filter(m -> m.path("type").asString().equals("RECORD")).count();
            assertTrue(records > 6_000, "enough records to matter: " + records);
            int longest = longestStretchWithoutState(run);
            assertTrue(longest <= MAX_RECORDS_BETWEEN_STATES, streams + ": " + longest + " records without a STATE");
            if (streams.contains("deals,")) {
                assertEquals(3_000, run.records("deals").size());
            }
        }
    }

    @Test
    void dealsWithEveryChildRidingAlongCheckpointEveryFewThousandRecords() {
        assertSpacing("deals,deal_comments,deal_products");
    }

    @Test
    void childrenScanningTheDealsOnTheirOwnCheckpointEveryFewThousandRecords() {
        assertSpacing("deal_comments,deal_products");
    }
}
