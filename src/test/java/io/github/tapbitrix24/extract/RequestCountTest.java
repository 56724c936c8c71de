package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.extract.spi.StreamSummary;
import io.github.tapbitrix24.extract.state.Lookback;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost the issue promises, on a 100,000-deal portal, counted by the client and by the portal. */
class RequestCountTest {

    @Test
    void fullSyncOf100000DealsTakesAtMost45RequestsAndAnUnchangedRerunOne() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(100_000))) {
            Catalog catalog = h.catalog("deals");
            h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5));
            long portalBefore = h.sim.counters().httpRequests();
            long clientBefore = h.client.stats().httpRequests();
            SyncHarness.Counted full = h.syncCounting(catalog, null);
            long portalRequests = h.sim.counters().httpRequests() - portalBefore;
            StreamSummary deals = full.result().stream("deals").orElseThrow();

            assertEquals(100_000, deals.records());
            assertEquals(h.client.stats().httpRequests() - clientBefore, portalRequests, "client and portal agree");
            assertEquals(deals.httpRequests(), portalRequests);
            assertTrue(deals.httpRequests() <= 45, deals.line());
            assertEquals(41, deals.httpRequests(), "1 single-page request + 40 batches of 2,500: " + deals.line());
            System.err.println("100,000 deals: tap CPU " + full.tapCpu().toMillis() + " ms, " + deals.line());

            h.sim.clock().advance(Duration.ofHours(1));
            SyncHarness.Counted again = h.syncCounting(catalog, full.result().finalState());
            StreamSummary rerun = again.result().stream("deals").orElseThrow();
            assertEquals(1, rerun.httpRequests(), rerun.line());
            assertTrue(rerun.records() <= 3, "only the rows at the newest key already read: " + rerun.records());
        }
    }
}
