package io.github.tapbitrix24.extract;

import static io.github.tapbitrix24.extract.SyncHarness.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.state.Lookback;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The races the incremental window is built to survive (docs/incremental.md), each set up so that
 * the protection is the only thing standing between the row and its loss: a late commit only the
 * lookback reaches, a row exactly on the window start only {@code >=} keeps.
 */
class ScanRaceTest {

    /** The portal clock stands still between requests, so a row can be stamped on an exact second. */
    private static SyncHarness stillPortal(int deals) {
        return new SyncHarness(PortalOptions.defaults().withDeals(deals).withAdvanceClockOnRequest(false));
    }

    /**
     * A deal whose update stamps DATE_MODIFY 30 s before the second run's scan begins and commits
     * only after that scan: the scan cannot see it, and its key is older than the scan start. The
     * scan does read a deal changed 10 s after it, so the newest key read does not hold the next
     * window back either: only the lookback (the next window starts {@link Lookback#MODIFICATION}
     * before the scan start) brings the late deal in the third run; with no lookback it is lost.
     */
    @Test
    void aDealStampedBeforeTheScanStartsAndCommittedAfterItIsEmittedByTheNextRun() {
        try (SyncHarness h = stillPortal(300)) {
            Catalog catalog = h.catalog("deals");
            h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5)); // past the generated edits
            SyncHarness.Run first = h.sync(catalog, null);

            h.sim.clock().advance(Duration.ofHours(1));
            long late = h.sim.data().createUncommitted(Dataset.DEALS);  // DATE_MODIFY = now
            Instant stamped = h.sim.clock().instant();
            h.sim.clock().advance(Duration.ofSeconds(10));
            h.sim.data().touch(Dataset.DEALS, 7);                      // committed, 10 s newer
            h.sim.clock().advance(Duration.ofSeconds(20));
            Instant secondScanStart = h.sim.clock().instant();
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            assertFalse(ids(second.records("deals"), "ID").contains(Long.toString(late)),
                    "the scan cannot see an uncommitted deal");
            assertTrue(ids(second.records("deals"), "ID").contains("7"), "the scan reads the newer deal");
            assertTrue(stamped.isBefore(secondScanStart), "the late deal's key is older than the scan start");
            h.sim.data().commit(Dataset.DEALS, late);

            h.sim.clock().advance(Duration.ofMinutes(1));
            SyncHarness.Run third = h.sync(catalog, second.lastState());
            assertTrue(ids(third.records("deals"), "ID").contains(Long.toString(late)),
                    "deal " + late + " stamped " + stamped + " and committed after the scan began is emitted next run");
        }
    }

    /**
     * On a normal portal (filters honoured to the second), a deal modified on the very second the
     * next window starts is inside it: the window is {@code >=} its start, never {@code >}.
     */
    @Test
    void aDealWhoseKeyEqualsTheWindowStartIsEmitted() {
        try (SyncHarness h = stillPortal(300)) {
            Catalog catalog = h.catalog("deals");
            h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5)); // past the generated edits
            Instant onTheStart = h.sim.clock().instant();
            h.sim.data().touch(Dataset.DEALS, 42);
            // The first scan starts one lookback later, so the window it commits starts on that second.
            h.sim.clock().advance(Lookback.MODIFICATION);
            SyncHarness.Run first = h.sync(catalog, null);
            JsonNode window = first.lastState().get("bookmarks").get("deals").get("replication_key_value");
            assertEquals(onTheStart, OffsetDateTime.parse(window.asString()).toInstant(), "the window starts on deal 42's key");

            h.sim.clock().advance(Duration.ofMinutes(1));
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            assertEquals(Set.of("42"), ids(second.records("deals"), "ID"),
                    "only deal 42 has a key at or after the window start " + window);
        }
    }
}
