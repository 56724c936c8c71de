package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.state.Lookback;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The HTTP requests of a whole run on an S-like portal (10,000 deals, every stream, the three deal
 * options), counted by the portal: the streams' requests share batches, so a full sync costs fewer
 * requests than with the streams one after another, and a run without changes no more.
 */
class SharedRequestsTest {
    /** Measured on the code before the scheduler (streams one after another): docs/scheduler.md. */
    static final long FULL_SYNC_BEFORE = 385;
    static final long NO_CHANGE_RUN_BEFORE = 70;

    @Test
    void aFullSyncSharesRequestsAndARunWithoutChangesCostsNoMore() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(10_000), 24)) {
            Catalog catalog = c.catalog();
            c.h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5));
            long before = c.h.sim.counters().httpRequests();
            SyncHarness.Run full = c.sync(catalog, null);
            long fullRequests = c.h.sim.counters().httpRequests() - before;

            c.h.sim.clock().advance(Duration.ofHours(1));
            before = c.h.sim.counters().httpRequests();
            SyncHarness.Run again = c.sync(catalog, full.lastState());
            long noChange = c.h.sim.counters().httpRequests() - before;

            System.err.println("S-like portal: full sync " + fullRequests + " HTTP requests, run without changes "
                    + noChange);
            assertEquals(10_000, full.records("deals").size());
            assertTrue(fullRequests < FULL_SYNC_BEFORE, "full sync: " + fullRequests);
            assertTrue(noChange <= NO_CHANGE_RUN_BEFORE, "run without changes: " + noChange);
        }
    }
}
