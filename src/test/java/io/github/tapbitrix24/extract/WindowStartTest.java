package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.state.PortalTime;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The next window starts at the earlier of the signpost and the newest key the completed scan read,
 * and a bookmark ahead of the server's time is clamped to it with a warning (docs/incremental.md).
 */
class WindowStartTest {
    private static Set<String> ids(SyncHarness.Run run) {
        Set<String> ids = new java.util.TreeSet<>();
        run.records("deals").forEach(r -> ids.add(r.get("ID").asString()));
        return ids;
    }

    @Test
    void aServerClockAYearAheadForOneRunDoesNotHideLaterChanges() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(500))) {
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = h.sync(catalog, null);
            h.sim.clock().advance(Duration.ofHours(1));
            h.sim.data().touch(Dataset.DEALS, 5);

            h.sim.clock().skew(Duration.ofDays(365));          // one run with the server's clock a year ahead
            SyncHarness.Run wrongClock = h.sync(catalog, first.lastState());
            assertTrue(ids(wrongClock).contains("5"));
            h.sim.clock().skew(Duration.ZERO);

            h.sim.clock().advance(Duration.ofMinutes(30));
            h.sim.data().touch(Dataset.DEALS, 7);
            SyncHarness.Run after = h.sync(catalog, wrongClock.lastState());
            assertTrue(ids(after).contains("7"), "a change after the wrong-clock run: " + ids(after));
        }
    }

    @Test
    void aRecordStampedWithTheNewestSecondAlreadyReadIsPickedUp() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(500))) {
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = h.sync(catalog, null);
            h.sim.clock().advance(Duration.ofHours(1));
            h.sim.data().touch(Dataset.DEALS, 5);
            h.sim.clock().advance(Duration.ofHours(1));
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            assertTrue(ids(second).contains("5"));

            // written after that run, but stamped with the second deal 5 got (a late commit)
            java.time.Instant stamped = java.time.OffsetDateTime.parse(row(h, 5).get("DATE_MODIFY").asString()).toInstant();
            h.sim.clock().skew(Duration.between(h.sim.clock().instant(), stamped));
            h.sim.data().touch(Dataset.DEALS, 9);
            h.sim.clock().skew(Duration.ZERO);
            assertEquals(row(h, 5).get("DATE_MODIFY"), row(h, 9).get("DATE_MODIFY"));
            SyncHarness.Run third = h.sync(catalog, second.lastState());
            assertTrue(ids(third).contains("9"), "deal 9: " + ids(third));
        }
    }

    @Test
    void aBookmarkAheadOfTheServerIsClampedWithAWarningNamingTheStream() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(500))) {
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = h.sync(catalog, null);
            ObjectNode state = (ObjectNode) first.lastState().deepCopy();
            ((ObjectNode) state.get("bookmarks").get("deals")).put("replication_key_value", "2030-01-01T00:00:00Z")
                    .remove("scan_signpost");
            h.sim.clock().advance(Duration.ofMinutes(30));
            h.sim.data().touch(Dataset.DEALS, 11);
            List<String> warnings = new ArrayList<>();
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord r) {
                    if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                        warnings.add(r.getMessage());
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Logger logger = Logger.getLogger("io.github.tapbitrix24");
            logger.addHandler(handler);
            SyncHarness.Run clamped;
            try {
                clamped = h.sync(catalog, state);
            } finally {
                logger.removeHandler(handler);
            }
            assertTrue(ids(clamped).contains("11"), "read from the server's current time: " + ids(clamped));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("stream deals") && w.contains("ahead of the portal")),
                    warnings.toString());
            String next = clamped.lastState().get("bookmarks").get("deals").get("replication_key_value").asString();
            assertTrue(next.compareTo("2030") < 0, next);
        }
    }

    @Test
    void bookmarksAreStoredInUtcAndOldPortalOffsetBookmarksStillRead() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(500))) {
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = h.sync(catalog, null);
            JsonNode deals = first.lastState().get("bookmarks").get("deals");
            assertTrue(deals.get("replication_key_value").asString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                    deals.toString());
            assertEquals("+03:00", first.lastState().get("portal_offset").asString());

            // the same instant as an older version wrote it, in the portal's offset, and no portal_offset
            java.time.OffsetDateTime at = java.time.OffsetDateTime.parse(deals.get("replication_key_value").asString());
            ObjectNode old = SyncHarness.JSON.createObjectNode();
            old.putObject("bookmarks").putObject("deals").put("replication_key", "DATE_MODIFY")
                    .put("replication_key_value", PortalTime.format(at.toInstant(), java.time.ZoneOffset.ofHours(3)));
            h.sim.clock().advance(Duration.ofHours(1));
            h.sim.data().touch(Dataset.DEALS, 13);
            SyncHarness.Run resumed = h.sync(catalog, old);
            assertTrue(ids(resumed).contains("13"));
            assertTrue(resumed.records("deals").size() < 10, "the old bookmark was honoured: " + ids(resumed));
        }
    }

    private static JsonNode row(SyncHarness h, long id) {
        return h.sim.data().rows(Dataset.DEALS).stream().filter(r -> r.get("ID").asString().equals(Long.toString(id)))
                .findFirst().orElseThrow();
    }
}
