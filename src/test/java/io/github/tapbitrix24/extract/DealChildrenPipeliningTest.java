package io.github.tapbitrix24.extract;

import static io.github.tapbitrix24.extract.SyncHarness.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.children.CommentsFetcher;
import io.github.tapbitrix24.extract.children.DealChildrenReader;
import io.github.tapbitrix24.extract.children.DealContactLinks;
import io.github.tapbitrix24.extract.state.Lookback;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Riding along, the deals' scan goes on while the followers fetch the children of the group of deals
 * read before: once the first group is complete, the next deals request goes out before that group's
 * comments are fetched (one comment sub-call per deal, 50 per request, so a group of at least
 * {@link DealChildrenReader#MIN_DEALS_PER_FETCH} deals takes at least 30 comment requests). A deals
 * lane that waited for its followers sends all of them first (31 on this portal before the change).
 * The positions stay exact: in no STATE is a child behind the deals, and every record is written.
 */
class DealChildrenPipeliningTest {
    private static final List<String> STREAMS = List.of("deals", "deal_products", "deal_comments");

    @Test
    void theDealsScanGoesOnWhileTheFollowersFetchThePreviousGroup() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(6_000).withContacts(600)
                .withCompanies(10).withLeads(0).withSpaSizes(Map.of()), 24)) {
            c.h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5));
            c.api.reset();
            SyncHarness.Run run = c.sync(c.catalog(STREAMS.toArray(String[]::new)), null);

            // The contact links of a group are asked for when the group is complete, at the checkpoint
            // where its children's fetch starts (extract_deal_contacts is on in the harness).
            List<String> sent = List.copyOf(c.api.sequence);
            int firstGroup = sent.indexOf(DealContactLinks.METHOD);
            assertTrue(firstGroup >= 0, "the first group's contact links were read: " + runs(sent));
            int nextDeals = sent.subList(firstGroup, sent.size()).indexOf("crm.deal.list");
            assertTrue(nextDeals >= 0, "the deals were read on after the first group: " + runs(sent));
            long commentsBefore = sent.subList(firstGroup, firstGroup + nextDeals).stream()
                    .filter(CommentsFetcher.METHOD::equals).count();
            assertTrue(commentsBefore < DealChildrenReader.MIN_DEALS_PER_FETCH / 50,
                    "the next deals request went out while the first group's comments were fetched ("
                            + commentsBefore + " comment requests before it): " + runs(sent));

            ChildPositions.assertNoChildBehindTheDeals(run, STREAMS.subList(1, 3));
            assertEquals(6_000, run.records("deals").size());
            assertEquals(ids(c.h.sim.data().rows(Dataset.DEAL_COMMENTS), "ID"), ids(run.records("deal_comments"), "ID"));
            assertEquals(ids(c.h.sim.data().rows(Dataset.DEAL_PRODUCT_ROWS), "id"),
                    ids(run.records("deal_products"), "id"));
            assertEquals(run.records("deal_comments").size(), ids(run.records("deal_comments"), "ID").size(),
                    "each comment once");
        }
    }

    /** The methods of the requests in order, repeats counted: {@code deal.list ×2, timeline.comment.list ×30}. */
    private static String runs(List<String> sent) {
        StringBuilder out = new StringBuilder();
        for (int i = 0, n; i < sent.size(); i += n) {
            n = 1;
            while (i + n < sent.size() && sent.get(i + n).equals(sent.get(i))) {
                n++;
            }
            out.append(i == 0 ? "" : ", ").append(sent.get(i).replace("crm.", "")).append(" ×").append(n);
        }
        return out.toString();
    }
}
