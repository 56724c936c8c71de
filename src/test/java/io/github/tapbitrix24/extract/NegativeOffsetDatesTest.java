package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * On a portal west of UTC every {@code date} value (CRM dates, date user fields, PERSONAL_BIRTHDAY)
 * is the day the portal stored: the day a UTC portal with the same data writes as
 * {@code yyyy-MM-ddT00:00:00+00:00}. Reading the first ten characters of
 * {@code 2024-08-29T19:00:00-05:00} would give the day before.
 */
class NegativeOffsetDatesTest {
    private static final List<String> STREAMS = List.of("deals", "contacts", "users", "spa_1040");

    @Test
    void everyDateOnAUtcMinusFivePortalEqualsTheStoredDay() {
        PortalOptions base = PortalOptions.defaults().withDeals(60);
        Map<String, String> west;
        Map<String, String> stored;
        try (SyncHarness h = new SyncHarness(base.withUtcOffset(ZoneOffset.ofHours(-5)))) {
            SyncHarness.Run run = h.sync(h.catalog(STREAMS.toArray(String[]::new)), null);
            run.assertRecordsValidateAgainstTheirSchemas();
            west = dates(run);
        }
        try (SyncHarness h = new SyncHarness(base.withUtcOffset(ZoneOffset.UTC))) {
            stored = storedDays(h);
        }
        assertTrue(west.size() > 100, "dates compared: " + west.size());
        for (Map.Entry<String, String> e : stored.entrySet()) {
            assertEquals(e.getValue(), west.get(e.getKey()), e.getKey());
        }
        assertEquals(stored.keySet(), west.keySet());
    }

    /** stream/id/field → the day the tap wrote, for every non-null date-format property. */
    private static Map<String, String> dates(SyncHarness.Run run) {
        Map<String, String> out = new HashMap<>();
        Map<String, JsonNode> schemas = new HashMap<>();
        for (JsonNode m : run.messages()) {
            String stream = m.path("stream").asString("");
            if (m.path("type").asString("").equals("SCHEMA")) {
                schemas.put(stream, m.get("schema").get("properties"));
            } else if (m.path("type").asString("").equals("RECORD")) {
                ObjectNode r = (ObjectNode) m.get("record");
                String id = r.has("ID") ? r.get("ID").asString() : r.get("id").asString();
                schemas.get(stream).properties().forEach(p -> {
                    JsonNode v = r.get(p.getKey());
                    if ("date".equals(p.getValue().path("format").asString(""))) {
                        if (v != null && !v.isNull()) {
                            out.put(stream + "/" + id + "/" + p.getKey(), v.stringValue());
                        }
                    } else if ("date".equals(p.getValue().path("items").path("format").asString("")) && v != null
                            && v.isArray()) {
                        for (int i = 0; i < v.size(); i++) {
                            out.put(stream + "/" + id + "/" + p.getKey() + "[" + i + "]", v.get(i).stringValue());
                        }
                    }
                });
            }
        }
        return out;
    }

    /**
     * The same keys, read raw from a UTC portal holding the same data: there a date is written
     * {@code yyyy-MM-ddT00:00:00+00:00}, so its first ten characters are the stored day.
     */
    private static Map<String, String> storedDays(SyncHarness h) {
        SyncHarness.Run run = h.sync(h.catalog(STREAMS.toArray(String[]::new)), null);
        Map<String, String> tapDays = dates(run);
        Map<String, String> raw = new HashMap<>();
        for (String key : tapDays.keySet()) {
            raw.put(key, null);
        }
        rawDays(h, "deals", "crm.deal.list", raw);
        rawDays(h, "contacts", "crm.contact.list", raw);
        rawDays(h, "users", "user.get", raw);
        rawDays(h, "spa_1040", "crm.item.list", raw);
        return raw;
    }

    private static void rawDays(SyncHarness h, String stream, String method, Map<String, String> keys) {
        for (String key : keys.keySet()) {
            if (!key.startsWith(stream + "/")) {
                continue;
            }
            String[] parts = key.split("/");
            String field = parts[2].replaceAll("\\[\\d+]$", "");
            int index = parts[2].endsWith("]") ? Integer.parseInt(parts[2].replaceAll(".*\\[(\\d+)]$", "$1")) : -1;
            JsonNode row = rawRow(h, method, parts[1], field);
            JsonNode v = index < 0 ? row.get(field) : row.get(field).get(index);
            String s = v.stringValue();
            assertTrue(s.length() == 10 || s.endsWith("T00:00:00+00:00"), key + ": " + s);
            keys.put(key, s.substring(0, 10));
        }
    }

    private static final Map<String, JsonNode> ROWS = new HashMap<>();

    private static JsonNode rawRow(SyncHarness h, String method, String id, String field) {
        return ROWS.computeIfAbsent(method + "/" + id + "/" + field, k -> {
            ObjectNode p = SyncHarness.JSON.createObjectNode();
            boolean item = method.equals("crm.item.list");
            if (item) {
                p.put("entityTypeId", 1040);
            }
            p.putObject(method.equals("user.get") ? "FILTER" : "filter").put(item ? "id" : "ID", id);
            p.putArray("select").add("*").add("UF_*").add(field);
            if (method.equals("user.get")) {
                p.put("ADMIN_MODE", true);
            }
            JsonNode result = h.client.call(method, p).result();
            return (item ? result.get("items") : result).get(0);
        });
    }
}
