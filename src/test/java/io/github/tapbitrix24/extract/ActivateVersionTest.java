package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code emit_activate_version}: FULL_TABLE reads carry a table version and end with
 * ACTIVATE_VERSION, so a target that honours it drops what a complete read no longer returned —
 * records deleted in Bitrix24. Incremental streams are left alone.
 */
class ActivateVersionTest {

    private static SyncHarness portal(int deals) {
        return new SyncHarness(PortalOptions.defaults().withDeals(deals), c -> c.withEmitActivateVersion(true));
    }

    /** deals read FULL_TABLE, contacts incremental. */
    private static Catalog catalog(SyncHarness h) {
        Catalog catalog = h.catalog("deals", "contacts");
        catalog.find("deals").orElseThrow().streamMetadata().put("replication-method", "FULL_TABLE");
        return catalog;
    }

    /** The messages of one stream that are RECORD or ACTIVATE_VERSION, in order. */
    private static List<JsonNode> versioned(SyncHarness.Run run, String stream) {
        return run.messages().stream().filter(m -> stream.equals(m.path("stream").asString(""))
                && List.of("RECORD", "ACTIVATE_VERSION").contains(m.path("type").asString(""))).toList();
    }

    @Test
    void aFullTableReadIsOneVersionAnnouncedFirstOnceAndActivatedAtItsEnd() {
        try (SyncHarness h = portal(300)) {
            Catalog catalog = catalog(h);
            SyncHarness.Run first = h.sync(catalog, null);
            List<JsonNode> m = versioned(first, "deals");
            long v1 = m.get(0).get("version").asLong();
            assertEquals("ACTIVATE_VERSION", m.get(0).get("type").asString(), "the first read announces its version");
            assertEquals("ACTIVATE_VERSION", m.get(m.size() - 1).get("type").asString());
            assertEquals(302, m.size());
            m.forEach(x -> assertEquals(v1, x.get("version").asLong(), x.toString()));
            assertEquals("{\"initial_full_table_complete\":true}",
                    first.lastState().get("bookmarks").get("deals").toString());

            SyncHarness.Run second = h.sync(catalog, first.lastState());
            List<JsonNode> n = versioned(second, "deals");
            long v2 = n.get(0).get("version").asLong();
            assertTrue(v2 > v1, v2 + " after " + v1);
            assertEquals("RECORD", n.get(0).get("type").asString(), "no announcement after the first read");
            assertEquals("ACTIVATE_VERSION", n.get(n.size() - 1).get("type").asString());
            assertEquals(301, n.size());

            assertTrue(versioned(second, "contacts").stream().allMatch(x -> x.get("type").asString().equals("RECORD")
                    && !x.has("version")), "an incremental stream has no versions");
        }
    }

    @Test
    void aTargetHonouringActivateVersionDropsADealDeletedInBitrix24() {
        try (SyncHarness h = portal(300)) {
            Catalog catalog = catalog(h);
            Map<String, Long> table = new HashMap<>(); // deal ID → version of the row, as a target keeps it
            SyncHarness.Run first = h.sync(catalog, null);
            apply(first, table);
            assertEquals(300, table.size());

            h.sim.data().delete(Dataset.DEALS, 77);
            apply(h.sync(catalog, first.lastState()), table);

            assertEquals(299, table.size());
            assertFalse(table.containsKey("77"));
        }
    }

    @Test
    void aKilledFullTableReadResumesWithTheSameVersionAndActivatesItOnce() {
        try (SyncHarness h = portal(12_000)) {
            Catalog catalog = catalog(h);
            SyncHarness.Run killed = h.sync(catalog, null, 6_000);
            assertTrue(killed.killed());
            JsonNode deals = killed.lastState().get("bookmarks").get("deals");
            assertTrue(deals.has("last_id") && deals.has("version"), deals.toString());
            long version = deals.get("version").asLong();

            SyncHarness.Run resumed = h.sync(catalog, killed.lastState());
            List<JsonNode> m = versioned(resumed, "deals");
            m.forEach(x -> assertEquals(version, x.get("version").asLong(), x.toString()));
            assertEquals(1, m.stream().filter(x -> x.get("type").asString().equals("ACTIVATE_VERSION")).count());
            assertEquals("ACTIVATE_VERSION", m.get(m.size() - 1).get("type").asString());

            Map<String, Long> table = new HashMap<>();
            apply(killed, table);
            apply(resumed, table);
            assertEquals(12_000, table.size(), "rows written before the kill count for the same version");
        }
    }

    @Test
    void childrenOfAFullTableDealsReadAreVersionedTooAndThoseOfAnIncrementalOneAreNot() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(300), 24, List.of(),
                cfg -> cfg.withEmitActivateVersion(true))) {
            Catalog full = c.catalog("deals", "deal_products", "deal_comments");
            full.find("deals").orElseThrow().streamMetadata().put("replication-method", "FULL_TABLE");
            SyncHarness.Run run = c.sync(full, null);
            for (String child : List.of("deal_products", "deal_comments")) {
                List<JsonNode> m = versioned(run, child);
                long v = m.get(0).get("version").asLong();
                assertTrue(m.size() > 2 && m.stream().allMatch(x -> x.get("version").asLong() == v), child);
                assertEquals("ACTIVATE_VERSION", m.get(m.size() - 1).get("type").asString(), child);
            }

            SyncHarness.Run incremental = c.sync(c.catalog("deals", "deal_products"), null);
            assertTrue(versioned(incremental, "deal_products").stream().allMatch(x -> !x.has("version")));
        }
    }

    /** What a target honouring table versions does with the deals stream's messages. */
    private static void apply(SyncHarness.Run run, Map<String, Long> table) {
        for (JsonNode m : versioned(run, "deals")) {
            long version = m.get("version").asLong();
            if (m.get("type").asString().equals("RECORD")) {
                table.put(m.get("record").get("ID").asString(), version);
            } else {
                table.values().removeIf(v -> v < version);
            }
        }
        assertTrue(new TreeSet<>(table.values()).size() <= 1, "one version left: " + new TreeSet<>(table.values()));
    }
}
