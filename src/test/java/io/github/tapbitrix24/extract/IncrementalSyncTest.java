package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.state.Lookback;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.DateFilterMode;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Runs against a changing portal: the union of what the runs emit always holds the portal's data. */
class IncrementalSyncTest {

    /** Every portal row is in {@code merged} with the portal's current DATE_MODIFY. */
    private static void assertCovers(SyncHarness h, Dataset dataset, String key, String rk,
                                     Map<String, ObjectNode> merged) {
        List<ObjectNode> rows = h.sim.data().rows(dataset);
        for (ObjectNode row : rows) {
            String id = row.get(key).asString();
            ObjectNode got = merged.get(id);
            assertTrue(got != null, dataset.name() + " " + id + " was never emitted");
            OffsetDateTime portal = OffsetDateTime.parse(row.get(rk).asString());
            OffsetDateTime emitted = OffsetDateTime.parse(got.get(rk).asString());
            assertEquals(portal.toInstant(), emitted.toInstant(), dataset.name() + " " + id
                    + " was emitted, but not its latest version");
        }
    }

    @Test
    void changesBetweenRunsComeInTheNextRunForOneRequest() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(2_000))) {
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = h.sync(catalog, null);
            assertEquals(2_000, first.records("deals").size());

            h.sim.clock().advance(Duration.ofHours(2));
            List<Long> touched = List.of(3L, 777L, 1_500L, 1_999L);
            touched.forEach(id -> h.sim.data().touch(Dataset.DEALS, id));
            long created = h.sim.data().create(Dataset.DEALS);
            SyncHarness.Run second = h.sync(catalog, first.lastState());

            List<String> ids = second.records("deals").stream().map(r -> r.get("ID").asString()).toList();
            touched.forEach(id -> assertTrue(ids.contains(Long.toString(id)), "touched deal " + id));
            assertTrue(ids.contains(Long.toString(created)), "created deal");
            assertTrue(ids.size() < 50, "only the changes come again, got " + ids.size());
            assertEquals(1, second.httpRequestsOf("deals"), "one batch: the window probe and one page");
            assertCovers(h, Dataset.DEALS, "ID", "DATE_MODIFY",
                    SyncHarness.merge("ID", List.of(first.records("deals"), second.records("deals"))));
        }
    }

    @Test
    void massUpdateDuringTheRunStraddlingPageAndBatchBoundariesIsNotLost() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(6_000))) {
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = h.sync(catalog, null);
            h.sim.clock().advance(Duration.ofHours(1));
            // 500 deals touched in one second while the second run is between its requests: IDs on
            // both sides of the first 2,500-row batch (ends at 2,550) and of many 50-row pages,
            // plus low IDs the scan has already passed.
            h.sim.data().touchMany(Dataset.DEALS, LongStream.rangeClosed(2_301, 2_800).boxed().toList());
            AtomicInteger requests = new AtomicInteger();
            h.sim.onRequest(r -> {
                if (requests.incrementAndGet() == 2) {
                    h.sim.clock().advance(Duration.ofSeconds(3));
                    List<Long> ids = new ArrayList<>(LongStream.rangeClosed(2_401, 2_700).boxed().toList());
                    ids.addAll(LongStream.rangeClosed(10, 209).boxed().toList());
                    h.sim.data().touchMany(Dataset.DEALS, ids);
                }
            });
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            h.sim.onRequest(r -> { });
            h.sim.clock().advance(Duration.ofMinutes(1));
            SyncHarness.Run third = h.sync(catalog, second.lastState());

            assertCovers(h, Dataset.DEALS, "ID", "DATE_MODIFY", SyncHarness.merge("ID",
                    List.of(first.records("deals"), second.records("deals"), third.records("deals"))));
            assertTrue(third.records("deals").size() >= 200, "the deals changed behind the scan come next run");
        }
    }

    @Test
    void portalThatIgnoresTheTimePartOfFiltersLosesNothing() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(3_000)
                .withDateFilterMode(DateFilterMode.DATE_ONLY).withUtcOffset(ZoneOffset.ofHours(-7)))) {
            Catalog catalog = h.catalog("deals", "contacts");
            SyncHarness.Run first = h.sync(catalog, null);
            h.sim.clock().advance(Duration.ofHours(3));
            List<Long> ids = LongStream.rangeClosed(100, 160).boxed().toList();
            h.sim.data().touchMany(Dataset.DEALS, ids);
            h.sim.clock().advance(Duration.ofMinutes(20));
            h.sim.data().touch(Dataset.DEALS, 2_999);
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            h.sim.clock().advance(Duration.ofMinutes(20));
            h.sim.data().touch(Dataset.CONTACTS, 5);
            SyncHarness.Run third = h.sync(catalog, second.lastState());

            assertCovers(h, Dataset.DEALS, "ID", "DATE_MODIFY", SyncHarness.merge("ID",
                    List.of(first.records("deals"), second.records("deals"), third.records("deals"))));
            assertCovers(h, Dataset.CONTACTS, "ID", "DATE_MODIFY", SyncHarness.merge("ID",
                    List.of(first.records("contacts"), second.records("contacts"), third.records("contacts"))));
            // The window is enforced client-side: rows the day-wide filter lets through are not re-emitted.
            JsonNode windowStart = first.lastState().get("bookmarks").get("deals").get("replication_key_value");
            OffsetDateTime start = OffsetDateTime.parse(windowStart.asString());
            second.records("deals").forEach(r -> assertTrue(
                    !OffsetDateTime.parse(r.get("DATE_MODIFY").asString()).isBefore(start), r.toString()));
            second.assertRecordsValidateAgainstTheirSchemas();
        }
    }

    @Test
    void incrementalRunWithoutChangesCostsOneRequestPerIncrementalStream() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(3_000))) {
            Catalog catalog = h.catalog();
            // "No changes" includes the lookback before the first run: the generated data ends
            // with a burst of edits in the second before the portal's clock start.
            h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5));
            SyncHarness.Run first = h.sync(catalog, null);
            h.sim.clock().advance(Duration.ofHours(1));
            long before = h.sim.counters().httpRequests();
            SyncHarness.Run second = h.sync(catalog, first.lastState());

            List<String> incremental = new ArrayList<>();
            for (var s : second.result().streams()) {
                JsonNode bookmark = second.result().finalState().get("bookmarks").get(s.stream());
                if (bookmark != null && bookmark.has("replication_key") && s.completed()) {
                    incremental.add(s.stream());
                    assertEquals(1, s.httpRequests(), s.line());
                    if (!bookmark.get("replication_key").asString().equals("CALL_START_DATE")) {
                        // only the rows at the newest key already read come again: the next window starts there (>=)
                        assertTrue(s.records() <= 3, s.line());
                    }
                }
            }
            assertTrue(incremental.containsAll(List.of("deals", "contacts", "companies", "leads", "activities",
                    "product", "calls")), "incremental streams: " + incremental);
            assertEquals(second.httpRequests(), h.sim.counters().httpRequests() - before,
                    "the client's count matches the portal's");
        }
    }

    @Test
    void dealCategoryIdsRestrictDealsOnTheServer() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(1_000),
                c -> new io.github.tapbitrix24.config.TapConfig(c.webhookUrl(), c.startDate(),
                        c.extractDealContacts(), c.enableDealCommentsStream(), c.enableDealProductsStream(),
                        c.operatingTimeThreshold(), List.of(1), c.maxRequestsPerSecond(), c.requestBurst(),
                        c.requestTimeoutSeconds(), c.retryMaxAttempts(), c.retryInitialDelaySeconds(),
                        c.retryMaxDelaySeconds(), c.retryMaxTotalSeconds()))) {
            SyncHarness.Run run = h.sync(h.catalog("deals"), null);
            long expected = h.sim.data().rows(Dataset.DEALS).stream()
                    .filter(r -> r.get("CATEGORY_ID").asString().equals("1")).count();
            assertTrue(expected > 0 && expected < 1_000);
            assertEquals(expected, run.records("deals").size());
            run.records("deals").forEach(r -> assertEquals(1, r.get("CATEGORY_ID").asInt()));
        }
    }

    @Test
    void aStartDateInTheFutureNeverLetsARecordFromBeforeItThrough() {
        java.time.Instant portalNow = java.time.Instant.parse("2026-03-02T09:00:00Z");
        OffsetDateTime startDate = OffsetDateTime.ofInstant(portalNow.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(300).withClockStart(portalNow),
                c -> new io.github.tapbitrix24.config.TapConfig(c.webhookUrl(), java.util.Optional.of(startDate),
                        c.extractDealContacts(), c.enableDealCommentsStream(), c.enableDealProductsStream(),
                        c.operatingTimeThreshold(), c.dealCategoryIds(), c.maxRequestsPerSecond(), c.requestBurst(),
                        c.requestTimeoutSeconds(), c.retryMaxAttempts(), c.retryInitialDelaySeconds(),
                        c.retryMaxDelaySeconds(), c.retryMaxTotalSeconds()))) {
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = h.sync(catalog, null);
            assertEquals(0, first.records("deals").size());

            h.sim.clock().advance(Duration.ofHours(2));                 // still before start_date
            h.sim.data().touch(Dataset.DEALS, 10);
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            assertEquals(0, second.records("deals").size(), "a change before start_date");

            h.sim.clock().advance(Duration.ofDays(1));                  // now past start_date
            h.sim.data().touch(Dataset.DEALS, 11);
            SyncHarness.Run third = h.sync(catalog, second.lastState());
            assertEquals(List.of("11"), third.records("deals").stream().map(r -> r.get("ID").asString()).toList());
        }
    }
}
