package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.children.DealChildrenReader;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A child stream killed after N lines resumes from the last STATE it wrote: together the two runs
 * emit every child row of the portal, and the resumed run does not start over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DealChildrenResumeTest {
    private ChildrenHarness c;

    @BeforeAll
    void start() {
        // 6,000 deals: the children of the first 5,050 are written before the one STATE in mid-stream.
        c = new ChildrenHarness(PortalOptions.defaults().withDeals(6_000).withContacts(100).withCompanies(10)
                .withLeads(0).withSpaSizes(java.util.Map.of()), 24);
    }

    @AfterAll
    void stop() {
        c.close();
    }

    @ParameterizedTest(name = "{0} killed after {1} lines")
    @CsvSource({"deal_products,2,false", "deal_products,9000,true", "deal_products,10400,true",
            "deal_products,11500,true", "deal_comments,3,false", "deal_comments,5200,true"})
    void killedChildStreamResumesWithoutGapsOrStartingOver(String stream, long killAfter, boolean positioned) {
        Dataset dataset = stream.equals("deal_products") ? Dataset.DEAL_PRODUCT_ROWS : Dataset.DEAL_COMMENTS;
        String key = stream.equals("deal_products") ? "id" : "ID";
        String owner = stream.equals("deal_products") ? "ownerId" : "ENTITY_ID";
        Catalog catalog = c.catalog(stream);

        SyncHarness.Run killed = c.sync(catalog, null, killAfter);
        assertTrue(killed.killed(), "the run was cut off");
        c.h.sim.clock().advance(Duration.ofMinutes(1));
        SyncHarness.Run resumed = c.sync(catalog, killed.lastState());
        assertTrue(!resumed.killed());

        Set<String> emitted = new HashSet<>();
        for (SyncHarness.Run run : List.of(killed, resumed)) {
            run.records(stream).forEach(r -> emitted.add(r.get(key).asString()));
        }
        Set<String> portal = new HashSet<>();
        c.h.sim.data().rows(dataset).forEach(r -> portal.add(r.get(key).asString()));
        assertEquals(portal, emitted, stream + " killed after " + killAfter);

        JsonNode position = killed.lastState() == null ? null : killed.lastState().path("bookmarks").path(stream);
        assertEquals(positioned, position != null && position.has("last_id"), "a position was written: " + position);
        if (positioned) {
            long lastDeal = position.get("last_id").asLong();
            List<ObjectNode> again = resumed.records(stream).stream()
                    .filter(r -> r.get(owner).asLong() <= lastDeal).toList();
            assertTrue(again.isEmpty(), "the resumed run starts after deal " + lastDeal + ", yet re-read "
                    + again.size() + " rows of earlier deals");
            assertTrue(lastDeal >= DealChildrenReader.MIN_DEALS_PER_FETCH, "a position is written per fetch");
        }
    }
}
