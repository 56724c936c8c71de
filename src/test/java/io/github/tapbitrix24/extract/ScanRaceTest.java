package io.github.tapbitrix24.extract;

import static io.github.tapbitrix24.extract.SyncHarness.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
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
     * only after that scan: the scan cannot see it, and its key is older than the scan start. Only
     * the lookback (the next window starts {@link Lookback#MODIFICATION} before the scan start)
     * brings it in the third run; with no lookback it is lost for good.
     */
    @Test
    void aDealStampedBeforeTheScanStartsAndCommittedAfterItIsEmittedByTheNextRun() {
        try (SyncHarness h = stillPortal(300)) {
            Catalog catalog = h.catalog("deals");
            h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5)); // past the generated edits
            SyncHarness.Run first = h.sync(catalog, null);

            h.sim.clock().advance(Duration.ofHours(1));
            long late = h.sim.data().createUncommitted(Dataset.DEALS);  // DATE_MODIFY = now
            h.sim.clock().advance(Duration.ofSeconds(30));
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            assertFalse(ids(second.records("deals"), "ID").contains(Long.toString(late)),
                    "the scan cannot see an uncommitted deal");
            h.sim.data().commit(Dataset.DEALS, late);

            OffsetDateTime stamped = OffsetDateTime.parse(h.sim.data().rows(Dataset.DEALS).stream()
                    .filter(r -> r.get("ID").asLong() == late).findFirst().orElseThrow().get("DATE_MODIFY").asString());
            OffsetDateTime nextWindow = OffsetDateTime.parse(
                    second.lastState().get("bookmarks").get("deals").get("replication_key_value").asString());
            assertTrue(stamped.isBefore(nextWindow.plus(Lookback.MODIFICATION)),
                    "the deal's key is older than the second scan's start, " + stamped + " vs window " + nextWindow);

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

    /**
     * "No child behind its parent": in every STATE of a ride-along run (not only the last one a
     * kill leaves), a deal position in progress is matched or passed by each child's, so a run
     * killed after any STATE resumes the children no later than the deals.
     */
    @Test
    void noStateOfARunPutsAChildBehindTheDeals() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(6_000)
                .withContacts(600).withCompanies(10).withLeads(0).withSpaSizes(java.util.Map.of()), 24)) {
            List<String> children = List.of("deal_products", "deal_comments");
            SyncHarness.Run run = c.sync(c.catalog("deals", "deal_products", "deal_comments"), null);

            int inProgress = 0;
            int states = 0;
            for (JsonNode m : run.messages()) {
                if (!m.path("type").asString("").equals("STATE")) {
                    continue;
                }
                states++;
                JsonNode bookmarks = m.get("value").path("bookmarks");
                JsonNode deals = bookmarks.path("deals");
                if (deals.has("last_id")) {
                    inProgress++;
                    for (String child : children) {
                        JsonNode b = bookmarks.path(child);
                        assertTrue(b.path("last_id").asLong(0) >= deals.get("last_id").asLong()
                                        && b.path("window_start").equals(deals.path("window_start")),
                                "STATE " + states + ": " + child + " is behind the deals: " + bookmarks);
                    }
                } else if (deals.has("replication_key_value")) {
                    for (String child : children) {
                        JsonNode b = bookmarks.path(child);
                        assertFalse(b.has("last_id"), "STATE " + states + ": deals complete, " + child + " not: " + bookmarks);
                        assertEquals(deals.get("replication_key_value"), b.path("replication_key_value"),
                                "STATE " + states + ": " + child + " completes the deals' window: " + bookmarks);
                    }
                }
            }
            // 6,000 deals: a position after the first 5,000 deals and their children, then the end.
            assertTrue(inProgress >= 1, "the run wrote positions in progress (" + inProgress + " of " + states + " STATEs)");
        }
    }
}
