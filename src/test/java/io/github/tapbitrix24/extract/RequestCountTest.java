package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cost the issue promises, on a 100,000-deal portal, counted by the client and by the portal. */
class RequestCountTest {

    @Test
    void fullSyncOf100000DealsTakesAtMost45RequestsAndAnUnchangedRerunOne() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(100_000))) {
            Catalog catalog = h.catalog("deals");
            h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5));
            long portalBefore = h.sim.counters().httpRequests();
            SyncHarness.Run full = h.sync(catalog, null);
            long portalRequests = h.sim.counters().httpRequests() - portalBefore;

            assertEquals(100_000, full.records("deals").size());
            assertEquals(full.httpRequests(), portalRequests, "client and portal agree");
            assertTrue(full.httpRequestsOf("deals") <= 45, "full sync took " + full.httpRequestsOf("deals"));
            assertEquals(41, full.httpRequestsOf("deals"), "1 single-page probe + 40 batches of 2,500");

            h.sim.clock().advance(Duration.ofHours(1));
            SyncHarness.Run again = h.sync(catalog, full.lastState());
            assertEquals(1, again.httpRequestsOf("deals"));
            assertEquals(0, again.records("deals").size());
        }
    }
}
