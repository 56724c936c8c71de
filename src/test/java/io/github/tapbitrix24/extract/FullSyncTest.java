package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.readers.FieldMetadataReader;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.schema.RecordCoercer;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A first full sync of every stream against the simulator equals the portal's data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullSyncTest {
    private SyncHarness h;
    private Catalog catalog;
    private SyncHarness.Run run;

    @BeforeAll
    void syncEverything() {
        h = new SyncHarness(PortalOptions.defaults().withDeals(2_000).withUtcOffset(ZoneOffset.ofHours(3)));
        catalog = h.catalog();
        run = h.sync(catalog, null);
    }

    @AfterAll
    void stop() {
        h.close();
    }

    @Test
    void everyStreamsRecordsEqualThePortalsData() {
        List<String> checked = new ArrayList<>();
        for (CatalogEntry entry : catalog.selected()) {
            String name = entry.tapStreamId();
            Optional<List<ObjectNode>> portalRows = portalRows(name);
            if (portalRows.isEmpty()) {
                continue;
            }
            StreamSpec spec = StreamRegistry.forName(name, h.config).orElseThrow();
            String key = spec.keyProperties().get(0);
            RecordCoercer coercer = RecordCoercer.forSchema(entry.selectedSchema(), ZoneOffset.ofHours(3));
            Map<String, JsonNode> expected = new LinkedHashMap<>();
            // Through JSON text, as a target reads it (130563.30 and 130563.3 are the same number).
            portalRows.get().forEach(r -> expected.put(r.get(key).asString(),
                    SyncHarness.JSON.readTree(coercer.coerce(r).toString())));
            Map<String, JsonNode> actual = new LinkedHashMap<>();
            run.records(name).forEach(r -> actual.put(r.get(key).asString(), r));

            assertEquals(expected.size(), run.records(name).size(), name + ": one record per portal row");
            assertEquals(expected.keySet(), actual.keySet(), name + ": the same keys as the portal");
            expected.forEach((id, row) -> assertEquals(row, actual.get(id), name + " " + key + "=" + id));
            checked.add(name);
        }
        assertTrue(checked.containsAll(List.of("deals", "contacts", "companies", "leads", "activities", "product",
                "users", "departments", "calls", "open_lines", "status_list", "spa_types", "deal_fields",
                "deal_stage_history")), "checked: " + checked);
        assertTrue(checked.stream().anyMatch(n -> n.startsWith("spa_") && !n.startsWith("spa_fields")
                && !n.equals("spa_types")), "an SPA item stream was checked: " + checked);
    }

    @Test
    void everyRecordValidatesAgainstItsSchema() {
        run.assertRecordsValidateAgainstTheirSchemas();
    }

    @Test
    void schemaPrecedesRecordsAndNamesKeysAndBookmarks() {
        Set<String> announced = new java.util.HashSet<>();
        for (JsonNode m : run.messages()) {
            String type = m.get("type").asString();
            if (type.equals("SCHEMA")) {
                announced.add(m.get("stream").asString());
                if (m.get("stream").asString().equals("deals")) {
                    assertEquals("[\"ID\"]", m.get("key_properties").toString());
                    assertEquals("[\"DATE_MODIFY\"]", m.get("bookmark_properties").toString());
                }
            } else if (type.equals("RECORD")) {
                assertTrue(announced.contains(m.get("stream").asString()));
                assertTrue(m.get("time_extracted").asString().endsWith("Z"));
            }
        }
    }

    @Test
    void finalStateHasABookmarkPerIncrementalStreamAndNoScanInProgress() {
        // the last STATE: one equal to the state before it is not written again, so records may follow it
        JsonNode last = run.messages().stream().filter(m -> m.get("type").asString().equals("STATE"))
                .reduce((a, b) -> b).orElseThrow();
        JsonNode bookmarks = last.get("value").get("bookmarks");
        JsonNode deals = bookmarks.get("deals");
        assertEquals("DATE_MODIFY", deals.get("replication_key").asString());
        assertTrue(deals.get("replication_key_value").asString().endsWith("Z"), "stored in UTC: " + deals);
        assertFalse(deals.has("last_id"));
        assertFalse(bookmarks.has("users"), "full-table streams keep no bookmark once complete");
        assertFalse(last.get("value").has("currently_syncing"));
    }

    @Test
    void everyFieldDeclaredForUsersCallsAndOpenLinesIsFilledInSomeRecord() {
        for (String stream : List.of("users", "calls", "open_lines")) {
            CatalogEntry entry = catalog.streams().stream().filter(e -> e.tapStreamId().equals(stream)).findFirst()
                    .orElseThrow();
            List<String> neverFilled = new ArrayList<>();
            for (String field : entry.schema().get("properties").propertyNames()) {
                if (run.records(stream).stream().allMatch(r -> r.path(field).isNull() || r.path(field).isMissingNode())) {
                    neverFilled.add(field);
                }
            }
            assertEquals(List.of(), neverFilled, stream + ": declared but never filled");
        }
    }

    @Test
    void multifieldsAndMultipleCustomFieldsArriveBecauseTheyAreSelectedByName() {
        long withPhones = run.records("contacts").stream().filter(r -> r.path("PHONE").isArray()
                && !r.get("PHONE").isEmpty()).count();
        assertTrue(withPhones > 0, "contacts carry PHONE multifields");
        List<String> multipleCustom = run.records("contact_fields").stream()
                .filter(f -> f.get("id").asString().startsWith("UF_") && f.get("isMultiple").asBoolean())
                .map(f -> f.get("id").asString()).toList();
        assertTrue(multipleCustom.size() >= 2, "multiple custom contact fields: " + multipleCustom);
        for (String name : multipleCustom) {
            long withSeveral = run.records("contacts").stream()
                    .filter(r -> r.path(name).isArray() && r.get(name).size() >= 2).count();
            assertTrue(withSeveral > 0, name + " arrives as a list of several values");
        }
    }

    private Optional<List<ObjectNode>> portalRows(String stream) {
        Dataset d = switch (stream) {
            case "deals" -> Dataset.DEALS;
            case "contacts" -> Dataset.CONTACTS;
            case "companies" -> Dataset.COMPANIES;
            case "leads" -> Dataset.LEADS;
            case "activities" -> Dataset.ACTIVITIES;
            case "product" -> Dataset.PRODUCTS;
            case "users" -> Dataset.USERS;
            case "departments" -> Dataset.DEPARTMENTS;
            case "calls" -> Dataset.CALLS;
            case "open_lines" -> Dataset.OPEN_LINES;
            case "status_list" -> Dataset.STATUSES;
            case "spa_types" -> Dataset.SPA_TYPES;
            case "deal_stage_history" -> Dataset.DEAL_STAGE_HISTORY;
            case "lead_stage_history" -> Dataset.LEAD_STAGE_HISTORY;
            default -> null;
        };
        if (d != null) {
            return Optional.of(h.sim.data().rows(d));
        }
        StreamSpec spec = StreamRegistry.forName(stream, h.config).orElse(null);
        if (spec == null) {
            return Optional.empty();
        }
        if (spec.api() == io.github.tapbitrix24.streams.ListApi.FIELD_METADATA) {
            List<ObjectNode> rows = new ArrayList<>();
            FieldMetadataReader.rows(h.sim.data().fields(spec.method(), spec.fixedParams()))
                    .forEach(r -> rows.add((ObjectNode) r));
            return Optional.of(rows);
        }
        return StreamRegistry.spaEntityTypeId(stream).map(id -> h.sim.data().rows(Dataset.spaItems(id)));
    }
}
