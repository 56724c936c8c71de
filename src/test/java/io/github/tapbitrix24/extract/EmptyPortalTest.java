package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A portal without deals: every deal stream and child completes with nothing, and a second run
 * stays at one request per stream; the children, read along with the deals, cost none of their own.
 */
class EmptyPortalTest {

    @Test
    void noDealsIsACompleteRunAndTheNextOneCostsOneRequestPerStream() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(0).withLeads(0), 24)) {
            List<String> streams = List.of("deals", "deal_products", "deal_comments", "deal_stage_history",
                    "lead_stage_history");
            Catalog catalog = c.catalog(streams.toArray(String[]::new));
            SyncHarness.Run first = c.sync(catalog, null);
            SyncHarness.Run second = c.sync(catalog, first.lastState());
            for (String s : streams) {
                assertEquals(0, first.records(s).size(), s);
                assertTrue(first.result().stream(s).orElseThrow().completed(), s);
                assertEquals(s.startsWith("deal_") && !s.endsWith("history") ? 0 : 1, second.httpRequestsOf(s), s);
            }
        }
    }
}
