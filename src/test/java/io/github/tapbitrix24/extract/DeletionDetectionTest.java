package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.config.DeletionSettings;
import io.github.tapbitrix24.extract.deletions.SweepSummary;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * detect_deletions against the simulator over HTTP: records deleted between two runs come out as
 * RECORDs with the key and {@code _sdc_deleted_at}, exactly those; and nothing is marked when the
 * sweep did not complete, was refused, or finds a mass vanish nobody confirmed.
 */
class DeletionDetectionTest {
    private static final String DELETED_AT = "_sdc_deleted_at";

    private static SyncHarness harness(PortalOptions options, UnaryOperator<DeletionSettings> settings) {
        return new SyncHarness(options, c -> c.withDeletions(settings.apply(DeletionSettings.everyRun())));
    }

    /** The stream's records whose {@code _sdc_deleted_at} is set, by key. */
    private static Set<Long> marked(SyncHarness.Run run, String stream, String key) {
        Set<Long> ids = new TreeSet<>();
        for (ObjectNode r : run.records(stream)) {
            if (!r.path(DELETED_AT).isNull()) {
                ids.add(r.get(key).asLong());
            }
        }
        return ids;
    }

    /** Deletes every 100th live row of {@code d} (at least one) and returns their IDs. */
    private static Set<Long> deleteOnePercent(SyncHarness h, Dataset d, String key) {
        List<ObjectNode> rows = h.sim.data().rows(d);
        Set<Long> deleted = new TreeSet<>();
        for (int i = rows.isEmpty() ? 0 : 7 % rows.size(); i < rows.size(); i += 100) {
            long id = rows.get(i).get(key).asLong();
            h.sim.data().delete(d, id);
            deleted.add(id);
        }
        return deleted;
    }

    private static Map<String, Dataset> entityStreams(SyncHarness h) {
        Map<String, Dataset> streams = new LinkedHashMap<>();
        streams.put("deals", Dataset.DEALS);
        streams.put("contacts", Dataset.CONTACTS);
        streams.put("companies", Dataset.COMPANIES);
        streams.put("leads", Dataset.LEADS);
        streams.put("activities", Dataset.ACTIVITIES);
        streams.put("product", Dataset.PRODUCTS);
        h.sim.data().spaEntityTypeIds().forEach(t -> streams.put("spa_" + t, Dataset.spaItems(t)));
        return streams;
    }

    private static String key(String stream) {
        return stream.startsWith("spa_") ? "id" : "ID";
    }

    @Test
    void exactlyTheRecordsDeletedBetweenTwoRunsAreMarked() {
        // every smart process large enough that 1 % stays under max_deletion_fraction (5 %)
        PortalOptions options = PortalOptions.defaults().withSpaSizes(Map.of(128, 150, 1040, 120, 1042, 0));
        try (SyncHarness h = harness(options, s -> s)) {
            Map<String, Dataset> streams = entityStreams(h);
            Catalog catalog = h.catalog(streams.keySet().toArray(String[]::new));
            SyncHarness.Run first = h.sync(catalog, null);
            for (String stream : streams.keySet()) {
                assertEquals(Set.of(), marked(first, stream, key(stream)), stream + ": the first sweep is the baseline");
            }
            Map<String, Set<Long>> deleted = new LinkedHashMap<>();
            streams.forEach((stream, d) -> deleted.put(stream, deleteOnePercent(h, d, key(stream))));

            SyncHarness.Run second = h.sync(catalog, first.lastState());
            for (String stream : streams.keySet()) {
                assertTrue(!deleted.get(stream).isEmpty() || stream.equals("spa_1042"), stream + " (spa_1042 is empty)");
                assertEquals(deleted.get(stream), marked(second, stream, key(stream)), stream);
                for (ObjectNode r : second.records(stream)) {
                    if (!r.path(DELETED_AT).isNull()) {
                        r.properties().forEach(e -> assertTrue(e.getKey().equals(key(stream))
                                || e.getKey().equals(DELETED_AT) || e.getValue().isNull(), stream + "." + e.getKey()));
                        assertTrue(r.get(DELETED_AT).asString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"),
                                r.get(DELETED_AT).asString());
                    }
                }
                SweepSummary sweep = second.result().sweeps().stream().filter(s -> s.stream().equals(stream))
                        .findFirst().orElseThrow();
                assertEquals(deleted.get(stream).size(), sweep.marked(), sweep.line());
                assertTrue(sweep.httpRequests() >= 1, sweep.line());
            }
            second.assertRecordsValidateAgainstTheirSchemas();
            for (JsonNode m : second.messages()) {
                if (m.path("type").asString("").equals("SCHEMA")) {
                    assertTrue(m.path("schema").path("properties").has(DELETED_AT), m.path("stream").asString());
                }
            }

            SyncHarness.Run third = h.sync(catalog, second.lastState());
            for (String stream : streams.keySet()) {
                assertEquals(Set.of(), marked(third, stream, key(stream)), stream + ": marked once, not again");
            }
        }
    }

    @Test
    void aStreamFamilyAddedLaterIsSweptByTheSameCode() {
        // tasks came after the sweep was written: camelCase rows, its own dialect, nothing task-specific here
        try (SyncHarness h = harness(PortalOptions.defaults(), s -> s)) {
            Catalog catalog = h.catalog("tasks");
            SyncHarness.Run first = h.sync(catalog, null);
            assertFalse(first.records("tasks").isEmpty());
            Set<Long> deleted = deleteOnePercent(h, Dataset.TASKS, "ID");
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            assertEquals(deleted, marked(second, "tasks", "ID"));
        }
    }

    @Test
    void eachCheckReportsItsMarksAndRequestsAsMetrics() {
        try (SyncHarness h = harness(PortalOptions.defaults(), s -> s)) {
            Catalog catalog = h.catalog("companies");
            SyncHarness.Run first = h.sync(catalog, null);
            Set<Long> deleted = deleteOnePercent(h, Dataset.COMPANIES, "ID");
            List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.logging.Logger log = java.util.logging.Logger.getLogger(SyncRunner.class.getName());
            java.util.logging.Handler handler = new java.util.logging.Handler() {
                @Override
                public void publish(java.util.logging.LogRecord r) {
                    lines.add(r.getMessage());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            log.addHandler(handler);
            SyncHarness.Run second;
            try {
                second = h.sync(catalog, first.lastState());
            } finally {
                log.removeHandler(handler);
            }
            SweepSummary sweep = second.result().sweeps().get(0);
            assertTrue(lines.contains(sweep.line()), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"metric\":\"deleted_record_count\"")
                    && l.contains("\"stream\":\"companies\"") && l.endsWith("\"value\":" + deleted.size() + "}")),
                    lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"metric\":\"deletion_sweep_http_request_count\"")
                    && l.endsWith("\"value\":" + sweep.httpRequests() + "}")), lines.toString());
        }
    }

    @Test
    void withoutTheSettingNothingIsSweptAndTheSchemaHasNoDeletionColumn() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults())) {
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = h.sync(catalog, null);
            h.sim.data().delete(Dataset.DEALS, 5);
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            assertEquals(List.of(), second.result().sweeps());
            assertFalse(second.lastState().path("bookmarks").path("deals").has("deletion_sweep"));
            second.messages().stream().filter(m -> m.path("type").asString("").equals("SCHEMA"))
                    .forEach(m -> assertFalse(m.path("schema").path("properties").has(DELETED_AT)));
        }
    }

    @Test
    void aSweepKilledWhileMarkingIsRedoneWholeByTheNextRun() {
        try (SyncHarness h = harness(PortalOptions.defaults(), s -> s)) {
            Catalog catalog = h.catalog("contacts");
            SyncHarness.Run first = h.sync(catalog, null);
            Set<Long> deleted = deleteOnePercent(h, Dataset.CONTACTS, "ID");
            // count the lines of a full second run, then kill one after the first mark
            SyncHarness.Run full = h.sync(catalog, first.lastState());
            int firstMark = -1;
            for (int i = 0; i < full.messages().size(); i++) {
                if (!full.messages().get(i).path("record").path(DELETED_AT).isMissingNode()
                        && !full.messages().get(i).path("record").path(DELETED_AT).isNull()) {
                    firstMark = i;
                    break;
                }
            }
            assertTrue(firstMark > 0);
            SyncHarness.Run beforeAnyMark = h.sync(catalog, first.lastState(), firstMark);
            assertTrue(beforeAnyMark.killed());
            assertEquals(Set.of(), marked(beforeAnyMark, "contacts", "ID"));
            assertEquals(first.lastState().path("bookmarks").path("contacts").path("deletion_sweep"),
                    beforeAnyMark.lastState().path("bookmarks").path("contacts").path("deletion_sweep"));

            SyncHarness.Run killed = h.sync(catalog, beforeAnyMark.lastState(), firstMark + 2);
            assertTrue(killed.killed());
            assertFalse(marked(killed, "contacts", "ID").isEmpty());
            assertTrue(marked(killed, "contacts", "ID").size() < deleted.size());

            SyncHarness.Run next = h.sync(catalog, killed.lastState());
            assertEquals(deleted, marked(next, "contacts", "ID"), "every mark again, none lost");
            assertEquals(Set.of(), marked(h.sync(catalog, next.lastState()), "contacts", "ID"));
        }
    }

    @Test
    void recordsBeforeStartDateAreNeitherSweptNorMarked() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults(), c -> c.withDeletions(DeletionSettings.everyRun()))) {
            List<ObjectNode> deals = new ArrayList<>(h.sim.data().rows(Dataset.DEALS));
            deals.sort(java.util.Comparator.comparing(r -> java.time.OffsetDateTime.parse(
                    r.get("DATE_MODIFY").asString()).toInstant()));
            ObjectNode middle = deals.get(deals.size() / 2);
            java.time.OffsetDateTime start = java.time.OffsetDateTime.parse(middle.get("DATE_MODIFY").asString());
            io.github.tapbitrix24.config.TapConfig c = h.config;
            io.github.tapbitrix24.config.TapConfig withStart = new io.github.tapbitrix24.config.TapConfig(c.webhookUrl(),
                    java.util.Optional.of(start), false, false, false, c.operatingTimeThreshold(), List.of(),
                    c.maxRequestsPerSecond(), c.requestBurst(), c.requestTimeoutSeconds())
                    .withDeletions(DeletionSettings.everyRun());
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = run(h, withStart, catalog, null);
            long old = deals.get(3).get("ID").asLong();
            long recent = deals.get(deals.size() - 3).get("ID").asLong();
            h.sim.data().delete(Dataset.DEALS, old);
            h.sim.data().delete(Dataset.DEALS, recent);
            SyncHarness.Run second = run(h, withStart, catalog, first.lastState());
            assertEquals(Set.of(recent), marked(second, "deals", "ID"), "a deal the warehouse never got is not marked");
            assertEquals(first.records("deals").size() - 1, second.result().sweeps().get(0).ids());
        }
    }

    @Test
    void aSweepThatFailsMarksNothingAndTheNextRunCompletesIt() {
        try (SyncHarness h = harness(PortalOptions.defaults(), s -> s)) {
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = h.sync(catalog, null);
            Set<Long> deleted = deleteOnePercent(h, Dataset.DEALS, "ID");
            // the stream's own read is one request; every request after it fails until the retries give up
            AtomicInteger served = new AtomicInteger();
            h.sim.onRequest(r -> {
                if (served.incrementAndGet() == 1) {
                    h.sim.faults().failNext(200, io.github.tapbitrix24.portal.Fault.HTTP_500);
                }
            });
            SyncHarness.Run failed = h.sync(catalog, first.lastState());
            h.sim.faults().clear();
            assertEquals(Set.of(), marked(failed, "deals", "ID"));
            assertTrue(failed.result().stream("deals").orElseThrow().completed());
            SweepSummary sweep = failed.result().sweeps().get(0);
            assertTrue(sweep.outcome().contains("failed") && sweep.outcome().contains("nothing marked"), sweep.line());
            assertEquals(first.lastState().path("bookmarks").path("deals").path("deletion_sweep"),
                    failed.lastState().path("bookmarks").path("deals").path("deletion_sweep"), "the previous IDs stay");

            SyncHarness.Run next = h.sync(catalog, failed.lastState());
            assertEquals(deleted, marked(next, "deals", "ID"));
        }
    }

    @Test
    void aSweepRefusedByThePortalMarksNothing() {
        try (SyncHarness h = harness(PortalOptions.defaults(), s -> s)) {
            Catalog catalog = h.catalog("companies");
            SyncHarness.Run first = h.sync(catalog, null);
            Set<Long> deleted = deleteOnePercent(h, Dataset.COMPANIES, "ID");
            // the webhook's user loses the right to list companies right after the stream's own read
            AtomicInteger served = new AtomicInteger();
            h.sim.onRequest(r -> {
                if (served.incrementAndGet() == 1) {
                    h.sim.data().revokeAccess("crm.company.list");
                }
            });
            SyncHarness.Run refused = h.sync(catalog, first.lastState());
            assertEquals(Set.of(), marked(refused, "companies", "ID"));
            SweepSummary sweep = refused.result().sweeps().get(0);
            assertTrue(sweep.outcome().contains("refused"), sweep.line());
            assertEquals(first.lastState().path("bookmarks").path("companies").path("deletion_sweep"),
                    refused.lastState().path("bookmarks").path("companies").path("deletion_sweep"));

            h.sim.data().restoreAccess("crm.company.list");
            SyncHarness.Run next = h.sync(catalog, refused.lastState());
            assertEquals(deleted, marked(next, "companies", "ID"));
        }
    }

    @Test
    void aMassVanishIsHeldBackUntilItsCountIsConfirmed() {
        Set<Long> gone = new TreeSet<>();
        JsonNode held;
        try (SyncHarness h = harness(PortalOptions.defaults(), s -> s)) {
            Catalog catalog = h.catalog("leads");
            SyncHarness.Run first = h.sync(catalog, null);
            List<ObjectNode> rows = h.sim.data().rows(Dataset.LEADS);
            for (int i = 0; i < rows.size() / 5; i++) { // 20 %: a webhook user who lost sight of them, say
                long id = rows.get(i).get("ID").asLong();
                h.sim.data().delete(Dataset.LEADS, id);
                gone.add(id);
            }
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            assertEquals(Set.of(), marked(second, "leads", "ID"));
            SweepSummary sweep = second.result().sweeps().get(0);
            assertTrue(sweep.outcome().contains("held back"), sweep.line());
            assertEquals(first.lastState().path("bookmarks").path("leads").path("deletion_sweep"),
                    second.lastState().path("bookmarks").path("leads").path("deletion_sweep"));
            SyncHarness.Run third = h.sync(catalog, second.lastState());
            assertEquals(Set.of(), marked(third, "leads", "ID"), "held back on every run until confirmed");
            held = third.lastState();

            // the same portal, the count confirmed for one run
            assertEquals(Set.of(), marked(sameDataRun(h, catalog, held, gone.size() - 1), "leads", "ID"),
                    "a confirmation below the count does not apply it");
            SyncHarness.Run applied = sameDataRun(h, catalog, held, gone.size());
            assertEquals(gone, marked(applied, "leads", "ID"));
        }
    }

    /** A run against {@code h}'s portal with confirm_mass_deletion set to {@code confirm}. */
    private static SyncHarness.Run sameDataRun(SyncHarness h, Catalog catalog, JsonNode state, long confirm) {
        return run(h, h.config.withDeletions(new DeletionSettings(true, 0, DeletionSettings.DEFAULT_MAX_FRACTION,
                confirm)), catalog, state);
    }

    /** A run against {@code h}'s portal with another config. */
    private static SyncHarness.Run run(SyncHarness h, io.github.tapbitrix24.config.TapConfig config, Catalog catalog,
                                       JsonNode state) {
        SyncHarness.LineLimitedOutput out = new SyncHarness.LineLimitedOutput(Long.MAX_VALUE);
        try (io.github.tapbitrix24.singer.SingerWriter writer = new io.github.tapbitrix24.singer.SingerWriter(out)) {
            SyncRunner.Result result = SyncRunner.create(h.client, config, writer, java.time.Clock.systemUTC(), d -> { })
                    .run(catalog, state);
            List<JsonNode> messages = new ArrayList<>();
            for (String line : out.bytes.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                messages.add(SyncHarness.JSON.readTree(line));
            }
            return new SyncHarness.Run(messages, result, false, 0);
        }
    }

    @Test
    void aDealMovedToAnUnselectedFunnelIsMarkedAsLeavingTheSelection() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults(), c -> withFunnels(c, List.of(0))
                .withDeletions(DeletionSettings.everyRun()))) {
            Catalog catalog = h.catalog("deals");
            SyncHarness.Run first = h.sync(catalog, null);
            List<Long> inFunnel = first.records("deals").stream().map(r -> r.get("ID").asLong()).toList();
            long moved = inFunnel.get(3);
            long deleted = inFunnel.get(4);
            h.sim.data().set(Dataset.DEALS, moved, "CATEGORY_ID", SyncHarness.JSON.getNodeFactory().stringNode("1"));
            h.sim.data().delete(Dataset.DEALS, deleted);

            SyncHarness.Run second = h.sync(catalog, first.lastState());
            assertEquals(new TreeSet<>(Set.of(moved, deleted)), marked(second, "deals", "ID"));
            SweepSummary sweep = second.result().sweeps().get(0);
            assertEquals(2, sweep.marked(), sweep.line());
            assertEquals(1, sweep.leftSelection(), sweep.line());
        }
    }

    private static io.github.tapbitrix24.config.TapConfig withFunnels(io.github.tapbitrix24.config.TapConfig c,
                                                                      List<Integer> funnels) {
        return new io.github.tapbitrix24.config.TapConfig(c.webhookUrl(), c.startDate(), false, false, false,
                c.operatingTimeThreshold(), funnels, c.maxRequestsPerSecond(), c.requestBurst(),
                c.requestTimeoutSeconds());
    }

    @Test
    void aSweepIntervalSkipsRunsUntilItsNextMultiple() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults(), 24, List.of(),
                cfg -> cfg.withDeletions(new DeletionSettings(true, 6, DeletionSettings.DEFAULT_MAX_FRACTION, 0)))) {
            Catalog catalog = c.catalog("contacts");
            SyncHarness.Run first = c.sync(catalog, null);
            assertEquals(1, first.result().sweeps().size());
            long id = c.h.sim.data().rows(Dataset.CONTACTS).get(10).get("ID").asLong();
            c.h.sim.data().delete(Dataset.CONTACTS, id);
            SyncHarness.Run soon = c.sync(catalog, first.lastState());
            assertEquals(List.of(), soon.result().sweeps(), "not due within the same 6 hours");
            c.h.sim.clock().advance(Duration.ofHours(6));
            SyncHarness.Run later = c.sync(catalog, soon.lastState());
            assertEquals(Set.of(id), marked(later, "contacts", "ID"));
        }
    }
}
