package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Several streams in flight at once, their records interleaved: the tap is killed after every N
 * lines, again and again, each run resuming from the last STATE the previous one wrote. Every
 * STATE is exact for every stream at once: a stream's in-progress {@code last_id} never passes a
 * record not yet written, each resumed stream goes on after it (never starting over), and the
 * union of the runs is the portal's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterleavedResumeTest {
    private static final Map<String, Dataset> STREAMS = Map.of("deals", Dataset.DEALS, "contacts", Dataset.CONTACTS,
            "companies", Dataset.COMPANIES, "leads", Dataset.LEADS);
    private SyncHarness h;
    private Catalog catalog;

    @BeforeAll
    void start() {
        h = new SyncHarness(PortalOptions.defaults().withDeals(6_000).withContacts(3_000).withCompanies(2_000)
                .withLeads(2_500));
        catalog = h.catalog(STREAMS.keySet().toArray(String[]::new));
    }

    @AfterAll
    void stop() {
        h.close();
    }

    @ParameterizedTest(name = "killed after every {0} lines")
    @ValueSource(longs = {2_800, 3_500, 4_200})
    void everyStreamInFlightResumesWhereItStopped(long lines) {
        List<SyncHarness.Run> runs = new ArrayList<>();
        JsonNode state = null;
        boolean severalInFlight = false;
        while (runs.size() < 40) {
            SyncHarness.Run run = h.sync(catalog, state, lines);
            runs.add(run);
            JsonNode last = run.lastState();
            if (last != null) {
                List<String> inProgress = assertPositionsCoverWrittenRecords(runs, last);
                severalInFlight |= inProgress.size() >= 2;
                if (!inProgress.isEmpty()) {
                    assertTrue(inProgress.contains(last.path("currently_syncing").asString("")),
                            "currently_syncing names a stream in flight: " + last);
                }
                assertResumedAfterTheirPositions(run, state);
            }
            if (!run.killed()) {
                break;
            }
            state = last;
        }
        assertFalse(runs.get(runs.size() - 1).killed(), "a run completed within " + runs.size() + " runs");
        assertTrue(runs.size() >= 3, "killed more than once: " + runs.size() + " runs");
        assertTrue(severalInFlight, "a STATE with several streams in flight");
        for (Map.Entry<String, Dataset> stream : STREAMS.entrySet()) {
            Set<String> written = new HashSet<>();
            runs.forEach(r -> written.addAll(SyncHarness.ids(r.records(stream.getKey()), "ID")));
            assertEquals(SyncHarness.ids(h.sim.data().rows(stream.getValue()), "ID"), written, stream.getKey());
        }
    }

    /** Every stream's position in {@code state} covers only records already written; the streams in flight. */
    private List<String> assertPositionsCoverWrittenRecords(List<SyncHarness.Run> runs, JsonNode state) {
        List<String> inProgress = new ArrayList<>();
        for (Map.Entry<String, Dataset> stream : STREAMS.entrySet()) {
            JsonNode bookmark = state.path("bookmarks").path(stream.getKey());
            if (!bookmark.has("last_id")) {
                continue;
            }
            inProgress.add(stream.getKey());
            long lastId = bookmark.get("last_id").asLong();
            Set<String> written = new HashSet<>();
            runs.forEach(r -> written.addAll(SyncHarness.ids(r.records(stream.getKey()), "ID")));
            for (ObjectNode row : h.sim.data().rows(stream.getValue())) {
                if (row.get("ID").asLong() <= lastId) {
                    assertTrue(written.contains(row.get("ID").asString()), stream.getKey() + " " + row.get("ID")
                            + " is behind last_id " + lastId + " but was never written");
                }
            }
        }
        return inProgress;
    }

    /** A stream in progress in the incoming state goes on after its last_id in this run. */
    private static void assertResumedAfterTheirPositions(SyncHarness.Run run, JsonNode incoming) {
        if (incoming == null) {
            return;
        }
        for (String stream : STREAMS.keySet()) {
            JsonNode bookmark = incoming.path("bookmarks").path(stream);
            if (bookmark.has("last_id")) {
                long lastId = bookmark.get("last_id").asLong();
                assertTrue(run.records(stream).stream().noneMatch(r -> r.get("ID").asLong() <= lastId),
                        stream + " resumes after last_id " + lastId + " instead of starting over");
            }
        }
    }
}
