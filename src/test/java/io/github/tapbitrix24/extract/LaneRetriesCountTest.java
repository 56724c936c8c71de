package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Fault;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A keyset request that goes alone is sent by its lane itself (streamed, docs/scheduler.md); the
 * client's retries of it are HTTP requests the stream cost, so its summary (the
 * {@code http_request_count} METRIC) counts them as the client does (8 requests without the retries before the change).
 */
class LaneRetriesCountTest {
    @Test
    void retriesOfARequestALaneSendsAloneCountForItsStream() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(6_000).withContacts(10)
                .withCompanies(10).withLeads(0).withSpaSizes(Map.of()), 24)) {
            Catalog deals = c.catalog("deals");
            long before = c.h.sim.counters().httpRequests();
            SyncHarness.Run clean = c.sync(deals, null);
            long cleanRequests = c.h.sim.counters().httpRequests() - before;
            assertEquals(cleanRequests, clean.httpRequestsOf("deals"));

            // The first batch (probe and one page) is read whole, then its contact links; the third
            // request, 50 pages of deals, goes alone, streamed.
            c.h.sim.faults().passNext(2).failNext(2, Fault.HTTP_500, "batch");
            before = c.h.sim.counters().httpRequests();
            long sentBefore = c.h.client.stats().httpRequests();
            SyncHarness.Run retried = c.sync(deals, null);
            long retriedRequests = c.h.sim.counters().httpRequests() - before;

            assertEquals(cleanRequests + 2, retriedRequests, "two requests failed and were sent again");
            assertEquals(c.h.client.stats().httpRequests() - sentBefore, retried.httpRequestsOf("deals"),
                    "the retries count for deals, as the client counted them");
            assertTrue(retried.httpRequestsOf("deals") >= retriedRequests, "the retries count for deals");
            assertEquals(clean.records("deals").size(), retried.records("deals").size());
        }
    }
}
