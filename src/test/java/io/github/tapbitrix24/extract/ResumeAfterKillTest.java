package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
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
 * The tap is killed after N lines of output, for many N, and restarted from the last STATE it
 * wrote (the portal changing in between); the union of everything emitted holds the portal's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeAfterKillTest {
    private SyncHarness h;
    private Catalog catalog;

    @BeforeAll
    void start() {
        h = new SyncHarness(PortalOptions.defaults().withDeals(3_000).withContacts(1_200));
        catalog = h.catalog("deals", "contacts", "users");
    }

    @AfterAll
    void stop() {
        h.close();
    }

    /** Lines of a complete first run: SCHEMA, records and STATEs of the three streams (about 4,240). */
    @ParameterizedTest(name = "killed after {0} lines")
    @ValueSource(longs = {1, 2, 51, 52, 53, 1_000, 2_553, 2_554, 3_004, 3_005, 3_007, 3_700, 4_150, 4_205})
    void resumedRunCoversThePortalAndDoesNotStartOver(long killAfter) {
        h.sim.clock().advance(Duration.ofMinutes(30));
        h.sim.data().touchMany(Dataset.DEALS, List.of(5L, 2_600L, 2_999L));
        h.sim.data().touchMany(Dataset.CONTACTS, List.of(1L, 1_199L));

        // A first run from scratch, killed; then runs from each last STATE until one completes.
        List<SyncHarness.Run> runs = new ArrayList<>();
        SyncHarness.Run killed = h.sync(catalog, null, killAfter);
        assertTrue(killed.killed(), "the run was cut off");
        runs.add(killed);
        h.sim.clock().advance(Duration.ofMinutes(1));
        h.sim.data().touch(Dataset.DEALS, 1_500L);
        SyncHarness.Run resumed = h.sync(catalog, killed.lastState());
        runs.add(resumed);
        // The resumed run finishes the interrupted scan, which began before deal 1500 changed; the
        // next scheduled run, a fresh scan, brings it (docs/incremental.md, step 4).
        h.sim.clock().advance(Duration.ofMinutes(1));
        runs.add(h.sync(catalog, resumed.lastState()));

        for (String stream : List.of("deals", "contacts")) {
            Dataset d = stream.equals("deals") ? Dataset.DEALS : Dataset.CONTACTS;
            Map<String, ObjectNode> merged = SyncHarness.merge("ID",
                    runs.stream().map(r -> r.records(stream)).toList());
            Set<String> portalIds = new HashSet<>();
            for (ObjectNode row : h.sim.data().rows(d)) {
                String id = row.get("ID").asString();
                portalIds.add(id);
                ObjectNode got = merged.get(id);
                assertTrue(got != null, stream + " " + id + " lost when killed after " + killAfter);
                assertEquals(java.time.OffsetDateTime.parse(row.get("DATE_MODIFY").asString()).toInstant(),
                        java.time.OffsetDateTime.parse(got.get("DATE_MODIFY").asString()).toInstant(),
                        stream + " " + id + ": latest version");
            }
            assertEquals(portalIds, merged.keySet());
        }
        JsonNode position = killed.lastState() == null ? null : killed.lastState().path("bookmarks").path("deals");
        if (position != null && position.has("last_id")) {
            long lastId = position.get("last_id").asLong();
            assertTrue(resumed.records("deals").stream().noneMatch(r -> r.get("ID").asLong() <= lastId
                            && r.get("ID").asLong() != 5 && r.get("ID").asLong() != 1_500),
                    "the resumed run continues after last_id " + lastId + " instead of starting over");
        }
    }
}
