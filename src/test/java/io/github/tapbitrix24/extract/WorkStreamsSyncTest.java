package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.readers.FieldMetadataReader;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.schema.RecordCoercer;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work-management streams against the simulator: a full sync equals its data, and the
 * incremental tests of the CRM streams (IncrementalSyncTest, ResumeAfterKillTest) applied to tasks.
 */
class WorkStreamsSyncTest {
    private static final List<String> STREAMS = List.of("tasks", "task_fields", "task_elapsed_time", "workgroups",
            "workgroup_members", "task_stages");

    /** Every portal task is in {@code merged} with the portal's current CHANGED_DATE. */
    private static void assertCoversTasks(SyncHarness h, Map<String, ObjectNode> merged) {
        List<ObjectNode> rows = h.sim.data().rows(Dataset.TASKS);
        for (ObjectNode row : rows) {
            String id = row.get("ID").asString();
            ObjectNode got = merged.get(id);
            assertTrue(got != null, "task " + id + " was never emitted");
            assertEquals(OffsetDateTime.parse(row.get("CHANGED_DATE").asString()).toInstant(),
                    OffsetDateTime.parse(got.get("CHANGED_DATE").asString()).toInstant(),
                    "task " + id + " was emitted, but not its latest version");
        }
        assertEquals(rows.size(), merged.size(), "no task the portal does not have");
    }

    private static String key(StreamSpec spec, JsonNode row) {
        StringBuilder k = new StringBuilder();
        spec.keyProperties().forEach(p -> k.append(row.get(p).asString()).append('/'));
        return k.toString();
    }

    private static List<ObjectNode> portalRows(SyncHarness h, StreamSpec spec) {
        if (spec.name().equals("task_fields")) {
            List<ObjectNode> rows = new ArrayList<>();
            FieldMetadataReader.rows(h.sim.data().fields(spec.method(), spec.fixedParams()))
                    .forEach(r -> rows.add((ObjectNode) r));
            return rows;
        }
        return h.sim.data().rows(new Dataset(spec.name(), 0));
    }

    @Test
    void fullSyncOfEveryWorkStreamEqualsThePortalsDataInFewRequests() {
        // 150 users: 75 workgroups, so the per-group calls take two batch requests
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(600).withUsers(150))) {
            Catalog catalog = h.catalog(STREAMS.toArray(String[]::new));
            SyncHarness.Run run = h.sync(catalog, null);
            for (CatalogEntry entry : catalog.selected()) {
                String name = entry.tapStreamId();
                StreamSpec spec = StreamRegistry.forName(name, h.config).orElseThrow();
                RecordCoercer coercer = RecordCoercer.forSchema(entry.selectedSchema(), ZoneOffset.ofHours(3));
                Map<String, JsonNode> expected = new LinkedHashMap<>();
                portalRows(h, spec).forEach(r -> expected.put(key(spec, r),
                        SyncHarness.JSON.readTree(coercer.coerce(r).toString())));
                Map<String, JsonNode> actual = new LinkedHashMap<>();
                run.records(name).forEach(r -> actual.put(key(spec, r), r));
                assertTrue(!expected.isEmpty(), name + " has data in the portal");
                assertEquals(expected.size(), run.records(name).size(), name + ": one record per portal row");
                expected.forEach((k, row) -> assertEquals(row, actual.get(k), name + " " + k));
            }
            assertEquals(STREAMS.size(), catalog.selected().size(), "every work stream discovered");
            run.assertRecordsValidateAgainstTheirSchemas();

            assertEquals(3_000, run.records("tasks").size());
            // one single-page request, then 2,500 rows per request (50 keyset pages in one batch)
            assertEquals(3, run.httpRequestsOf("tasks"));
            assertTrue(run.httpRequestsOf("task_elapsed_time") <= 3, "elapsed items: no request per task");
            // the 75 group IDs in two keyset requests (a single page first), then 50 groups per request
            assertEquals(4, run.httpRequestsOf("workgroup_members"));
            assertEquals(4, run.httpRequestsOf("task_stages"));
            ObjectNode task = run.records("tasks").stream().filter(r -> r.get("TAGS").isObject() && !r.get("TAGS").isEmpty()).findFirst()
                    .orElseThrow();
            assertTrue(task.get("TAGS").properties().iterator().next().getValue().has("title"), "tags in the task row");
            assertTrue(run.records("tasks").stream().anyMatch(r -> r.get("UF_CRM_TASK").toString().contains("D_")),
                    "CRM links of tasks");
        }
    }

    @Test
    void tasksChangedBetweenRunsComeInTheNextRunForOneRequest() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(400))) {
            Catalog catalog = h.catalog("tasks");
            SyncHarness.Run first = h.sync(catalog, null);
            assertEquals(2_000, first.records("tasks").size());
            assertEquals("CHANGED_DATE",
                    first.lastState().get("bookmarks").get("tasks").get("replication_key").asString());

            h.sim.clock().advance(Duration.ofHours(2));
            List<Long> touched = List.of(3L, 777L, 1_500L, 1_999L);
            touched.forEach(id -> h.sim.data().touch(Dataset.TASKS, id));
            long created = h.sim.data().create(Dataset.TASKS);
            SyncHarness.Run second = h.sync(catalog, first.lastState());

            List<String> ids = second.records("tasks").stream().map(r -> r.get("ID").asString()).toList();
            touched.forEach(id -> assertTrue(ids.contains(Long.toString(id)), "touched task " + id));
            assertTrue(ids.contains(Long.toString(created)), "created task");
            assertTrue(ids.size() < 50, "only the changes come again, got " + ids.size());
            assertEquals(1, second.httpRequestsOf("tasks"), "one batch: the window probe and one page");
            assertCoversTasks(h, SyncHarness.merge("ID", List.of(first.records("tasks"), second.records("tasks"))));
        }
    }

    @Test
    void manyTasksChangedInOneSecondDuringTheRunAcrossPageAndBatchBoundariesAreNotLost() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(1_200))) {
            Catalog catalog = h.catalog("tasks");
            SyncHarness.Run first = h.sync(catalog, null);
            h.sim.clock().advance(Duration.ofHours(1));
            // 500 tasks changed in one second before the run, on both sides of the first 2,500-row
            // batch (it ends at 2,550) and of many 50-row pages
            h.sim.data().touchMany(Dataset.TASKS, LongStream.rangeClosed(2_301, 2_800).boxed().toList());
            AtomicInteger requests = new AtomicInteger();
            long[] created = {0};
            h.sim.onRequest(r -> {
                if (requests.incrementAndGet() == 2) {
                    // while the run is between its requests: one second, 500 more, some behind the scan
                    h.sim.clock().advance(Duration.ofSeconds(3));
                    List<Long> ids = new ArrayList<>(LongStream.rangeClosed(2_401, 2_700).boxed().toList());
                    ids.addAll(LongStream.rangeClosed(10, 209).boxed().toList());
                    h.sim.data().touchMany(Dataset.TASKS, ids);
                    created[0] = h.sim.data().create(Dataset.TASKS);
                }
            });
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            h.sim.onRequest(r -> { });
            h.sim.clock().advance(Duration.ofMinutes(1));
            SyncHarness.Run third = h.sync(catalog, second.lastState());

            assertTrue(created[0] > 0, "a task was created during the run");
            assertCoversTasks(h, SyncHarness.merge("ID",
                    List.of(first.records("tasks"), second.records("tasks"), third.records("tasks"))));
            assertTrue(third.records("tasks").size() >= 200, "the tasks changed behind the scan come next run");
        }
    }

    @Test
    void aPortalThatReadsOnlyTheDateOfTheChangedDateFilterLosesNoTask() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(600)
                .withDateFilterMode(io.github.tapbitrix24.portal.DateFilterMode.DATE_ONLY)
                .withUtcOffset(ZoneOffset.ofHours(-7)))) {
            Catalog catalog = h.catalog("tasks");
            SyncHarness.Run first = h.sync(catalog, null);
            h.sim.clock().advance(Duration.ofHours(3));
            h.sim.data().touchMany(Dataset.TASKS, LongStream.rangeClosed(100, 160).boxed().toList());
            h.sim.clock().advance(Duration.ofMinutes(20));
            h.sim.data().touch(Dataset.TASKS, 2_999);
            SyncHarness.Run second = h.sync(catalog, first.lastState());
            h.sim.clock().advance(Duration.ofMinutes(20));
            h.sim.data().touch(Dataset.TASKS, 5);
            SyncHarness.Run third = h.sync(catalog, second.lastState());

            assertCoversTasks(h, SyncHarness.merge("ID",
                    List.of(first.records("tasks"), second.records("tasks"), third.records("tasks"))));
            OffsetDateTime start = OffsetDateTime.parse(
                    first.lastState().get("bookmarks").get("tasks").get("replication_key_value").asString());
            second.records("tasks").forEach(r -> assertTrue(
                    !OffsetDateTime.parse(r.get("CHANGED_DATE").asString()).isBefore(start), "kept client-side: " + r));
        }
    }

    @Test
    void aKilledTasksRunResumesAfterItsLastIdAndLosesNothing() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(1_000))) {
            Catalog catalog = h.catalog("tasks");
            h.sim.clock().advance(Duration.ofMinutes(30));
            SyncHarness.Run killed = h.sync(catalog, null, 3_000);
            assertTrue(killed.killed());
            long lastId = killed.lastState().get("bookmarks").get("tasks").get("last_id").asLong();
            assertTrue(lastId > 0 && lastId < 5_000, "a scan in progress: " + killed.lastState());
            h.sim.clock().advance(Duration.ofMinutes(1));
            h.sim.data().touch(Dataset.TASKS, 1);
            h.sim.data().touch(Dataset.TASKS, 4_990);
            SyncHarness.Run resumed = h.sync(catalog, killed.lastState());
            assertTrue(resumed.records("tasks").stream().noneMatch(r -> r.get("ID").asLong() <= lastId),
                    "the resumed run continues after last_id " + lastId);
            h.sim.clock().advance(Duration.ofMinutes(1));
            SyncHarness.Run next = h.sync(catalog, resumed.lastState());
            assertCoversTasks(h, SyncHarness.merge("ID",
                    List.of(killed.records("tasks"), resumed.records("tasks"), next.records("tasks"))));
        }
    }

    @Test
    void aKilledPerWorkgroupReadResumesAfterTheLastGroupWritten() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(100).withUsers(300))) {
            Catalog catalog = h.catalog("workgroup_members");
            List<ObjectNode> portal = h.sim.data().rows(Dataset.WORKGROUP_MEMBERS);
            SyncHarness.Run killed = h.sync(catalog, null, 260);
            assertTrue(killed.killed());
            long lastGroup = killed.lastState().get("bookmarks").get("workgroup_members").get("last_id").asLong();
            assertEquals(50, lastGroup, "the first request's 50 groups are written: " + killed.lastState());
            SyncHarness.Run resumed = h.sync(catalog, killed.lastState());
            assertTrue(resumed.records("workgroup_members").stream().allMatch(r -> r.get("GROUP_ID").asLong() > 50));
            Map<String, ObjectNode> merged = new LinkedHashMap<>();
            for (SyncHarness.Run r : List.of(killed, resumed)) {
                r.records("workgroup_members").forEach(m -> merged.put(m.get("GROUP_ID") + "/" + m.get("USER_ID"), m));
            }
            assertEquals(portal.size(), merged.size());
            assertTrue(resumed.lastState().get("bookmarks").path("workgroup_members").isMissingNode(),
                    "a complete full-table read keeps no position");
        }
    }
}
