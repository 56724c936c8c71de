package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.config.ProductRowStreams;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, resumable state: each new stream's run is killed two thirds of the way through its
 * output (as in {@link ResumeAfterKillTest}) and resumed from the last STATE it wrote. The killed
 * run's records up to that STATE plus the resumed run's records are exactly the complete run's
 * records (no gap, nothing extra), and the resumed run does not start over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrmBreadthResumeTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private ChildrenHarness c;

    @BeforeAll
    void start() {
        c = new ChildrenHarness(PortalOptions.defaults().withDeals(8_000).withClockStart(START), 24, List.of(),
                cfg -> cfg.withProductRowStreams(ProductRowStreams.ALL));
    }

    @AfterAll
    void stop() {
        c.close();
    }

    @ParameterizedTest(name = "{0} killed and resumed")
    @CsvSource({"quotes,id", "invoices,id", "lead_products,id", "requisites,ID",
            "requisite_bank_details,ID", "addresses,ENTITY_TYPE_ID ENTITY_ID TYPE_ID",
            "contact_companies,CONTACT_ID COMPANY_ID", "company_contacts,COMPANY_ID CONTACT_ID"})
    void killedRunResumesWithoutGapsOrStartingOver(String stream, String key) {
        String[] fields = key.split(" ");
        Catalog catalog = c.catalog(stream);
        SyncHarness.Run full = c.sync(catalog, null);
        List<String> all = keys(full.records(stream), fields);
        assertTrue(all.size() > 1_000, stream + ": enough records to be cut off mid-stream: " + all.size());

        SyncHarness.Run killed = c.sync(catalog, null, full.messages().size() * 2L / 3);
        assertTrue(killed.killed(), "the run was cut off");
        JsonNode state = killed.lastState();
        assertNotNull(state, stream + ": a STATE before the kill");
        List<String> beforeState = keys(recordsBeforeLastState(killed, stream), fields);
        assertTrue(!beforeState.isEmpty(), stream + ": records were made safe by a STATE before the kill");

        SyncHarness.Run resumed = c.sync(catalog, state);
        List<String> after = keys(resumed.records(stream), fields);
        assertTrue(after.size() < all.size(), stream + ": the resumed run does not start over (" + after.size()
                + " of " + all.size() + ")");
        Set<String> union = new HashSet<>(beforeState);
        union.addAll(after);
        assertEquals(new HashSet<>(all), union, stream + ": the killed and the resumed run together hold every record");
        assertEquals(all.size(), new HashSet<>(all).size(), stream + ": keys are unique");
    }

    private static List<JsonNode> recordsBeforeLastState(SyncHarness.Run run, String stream) {
        List<JsonNode> out = new ArrayList<>();
        List<JsonNode> pending = new ArrayList<>();
        for (JsonNode m : run.messages()) {
            String type = m.path("type").asString();
            if (type.equals("RECORD") && m.path("stream").asString().equals(stream)) {
                pending.add(m.get("record"));
            } else if (type.equals("STATE")) {
                out.addAll(pending);
                pending.clear();
            }
        }
        return out;
    }

    private static List<String> keys(List<? extends JsonNode> records, String... fields) {
        List<String> keys = new ArrayList<>();
        for (JsonNode r : records) {
            List<String> parts = new ArrayList<>();
            for (String f : fields) {
                parts.add(r.path(f).asString());
            }
            keys.add(String.join("/", parts));
        }
        return keys;
    }
}
