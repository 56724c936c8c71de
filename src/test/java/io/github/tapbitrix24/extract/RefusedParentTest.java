package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.children.CommentsFetcher;
import io.github.tapbitrix24.extract.spi.StreamSummary;
import io.github.tapbitrix24.extract.state.Lookback;
import io.github.tapbitrix24.portal.PortalOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The portal refuses the deals part-way through their read while the children of a group of deals
 * are being fetched (pipelined, docs/children.md): the deals are skipped, and the group in flight
 * still finishes before the streams' summaries are taken, so each child's summary counts every
 * record it wrote, and no STATE has a child behind the deals.
 */
class RefusedParentTest {
    private static final List<String> STREAMS = List.of("deals", "deal_products", "deal_comments");

    @Test
    void aParentRefusedMidReadWaitsForTheChildrenInFlightBeforeItsSummary() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(6_000).withContacts(600)
                .withCompanies(10).withLeads(0).withSpaSizes(Map.of()), 24)) {
            c.h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5));
            // From the first comment request on (the first group's fetch), the deals are refused.
            c.h.sim.onRequest(r -> {
                if (c.api.sequence.contains(CommentsFetcher.METHOD)) {
                    c.h.sim.data().revokeAccess("crm.deal.list");
                }
            });

            SyncHarness.Run run = c.sync(c.catalog(STREAMS.toArray(String[]::new)), null);

            assertNotNull(run.result(), "the run completes");
            StreamSummary deals = run.result().stream("deals").orElseThrow();
            assertTrue(deals.skipped() != null && deals.records() < 6_000, deals.line());
            for (String child : STREAMS.subList(1, 3)) {
                StreamSummary summary = run.result().stream(child).orElseThrow();
                assertEquals(run.records(child).size(), summary.records(),
                        "the summary of " + child + " counts every record written: " + summary.line());
                assertTrue(summary.records() > 0, summary.line());
            }
            ChildPositions.assertNoChildBehindTheDeals(run, STREAMS.subList(1, 3));
        }
    }
}
