package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.extract.spi.StreamSummary;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The small streams (field lists, dictionaries) cost one request each on their own; their first
 * calls go out together in one batch when the run starts, and the readers are answered from it.
 */
class SmallStreamsPrefetchTest {
    private static final List<String> SMALL = List.of("deal_fields", "contact_fields", "company_fields",
            "lead_fields", "activity_fields", "product_fields", "status_list", "spa_types", "spa_fields_1040",
            "departments", "open_lines");

    private static PortalOptions portal() {
        return PortalOptions.defaults().withDeals(500).withSpaSizes(Map.of(1040, 20));
    }

    @Test
    void theSmallStreamsOfEveryRunCostOneRequestTogether() {
        try (SyncHarness h = new SyncHarness(portal())) {
            Catalog catalog = h.catalog();
            SyncHarness.Run first = h.sync(catalog, null);
            for (String stream : SMALL) {
                assertTrue(first.records(stream).size() > 0, stream);
                assertEquals(0, first.httpRequestsOf(stream), stream + " was answered from the shared batch");
            }
            long perStream = first.result().streams().stream().mapToLong(StreamSummary::httpRequests).sum();
            // A request shared by several streams counts for each (README, "Metrics"): the run's own
            // count is at most the streams' sum plus the one shared request of the small streams.
            assertTrue(first.httpRequests() <= perStream + 1, "one request for the small streams together");

            SyncHarness.Run rerun = h.sync(catalog, first.lastState());
            long others = 0;
            for (StreamSummary s : rerun.result().streams()) {
                if (SMALL.contains(s.stream())) {
                    assertEquals(0, s.httpRequests(), s.line());
                }
                others += s.httpRequests();
            }
            assertTrue(rerun.httpRequests() <= others + 1, "the small streams cost one request together");
        }
    }

    /** 300 users, 60 departments: department.get pages by 50; the shared answer's next and total lead to the rest. */
    @Test
    void aSmallStreamWithASecondPageReadsItAfterTheSharedFirstPage() {
        try (SyncHarness h = new SyncHarness(portal().withUsers(300))) {
            SyncHarness.Run run = h.sync(h.catalog("departments", "deal_fields"), null);
            int departments = h.sim.data().count(io.github.tapbitrix24.portal.Dataset.DEPARTMENTS);
            assertTrue(departments > 50, "more than one page: " + departments);
            assertEquals(departments, run.records("departments").size());
            assertEquals(1, run.httpRequestsOf("departments"), "the pages after the first, in one batch");
            assertEquals(2, run.httpRequests(), "the shared request and that batch");
        }
    }

    @Test
    void aSmallStreamRefusedInsideTheSharedBatchIsSkippedAsWithoutIt() {
        try (SyncHarness h = new SyncHarness(portal().withDeniedMethods(Set.of("department.get")))) {
            SyncHarness.Run run = h.sync(h.catalog(SMALL.toArray(String[]::new)), null);

            assertFalse(run.killed());
            StreamSummary departments = run.result().stream("departments").orElseThrow();
            assertFalse(departments.completed());
            assertTrue(departments.skipped().contains("ccess denied"), departments.line());
            assertEquals(1, departments.httpRequests(), "asked again on its own, refused again");
            for (String stream : SMALL) {
                if (!stream.equals("departments")) {
                    assertTrue(run.result().stream(stream).orElseThrow().completed(), stream);
                    assertTrue(run.records(stream).size() > 0, stream);
                }
            }
        }
    }
}
