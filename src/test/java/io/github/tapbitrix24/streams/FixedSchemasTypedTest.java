package io.github.tapbitrix24.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The fixed schemas rewritten from the docs declare every documented field, each with a type, so a
 * target can create a column for it (items and nested properties included).
 */
class FixedSchemasTypedTest {
    private static void untyped(JsonNode schema, String path, List<String> out) {
        if (!schema.has("type")) {
            out.add(path);
        }
        JsonNode props = schema.get("properties");
        if (props != null) {
            for (Map.Entry<String, JsonNode> p : props.properties()) {
                untyped(p.getValue(), path + "." + p.getKey(), out);
            }
        }
        for (String nested : List.of("items", "additionalProperties")) {
            if (schema.get(nested) != null && schema.get(nested).isObject()) {
                untyped(schema.get(nested), path + "." + nested, out);
            }
        }
    }

    @Test
    void openLinesCallsUsersAndFieldMetadataHaveATypeOnEveryProperty() {
        for (String name : List.of("open_lines", "calls", "users", "field_metadata")) {
            List<String> out = new ArrayList<>();
            untyped(FixedSchemas.load(name), name, out);
            assertEquals(List.of(), out, "untyped properties");
        }
    }

    @Test
    void openLinesAndCallsDeclareEveryFieldTheDocsList() {
        // D:api-reference/imopenlines/openlines/imopenlines-config-list-get.md (result element) and
        // D:api-reference/telephony/voximplant/voximplant-statistic-get.md (the example's row)
        JsonNode lines = FixedSchemas.load("open_lines").get("properties");
        for (String f : List.of("QUEUE", "QUEUE_USERS_FIELDS", "CONFIG_QUEUE", "WORKTIME_FROM", "WORKTIME_TO",
                "WORKTIME_TIMEZONE", "WORKTIME_HOLIDAYS", "WORKTIME_DAYOFF", "WORKTIME_DAYOFF_FORM_ID",
                "DEFAULT_OPERATOR_DATA", "KPI_FIRST_ANSWER_LIST", "IGNORE_WELCOME_FORM_RESPONSIBLE", "OPERATOR_DATA")) {
            assertTrue(lines.has(f), "open_lines." + f);
        }
        assertEquals(91, lines.size());
        JsonNode calls = FixedSchemas.load("calls").get("properties");
        for (String f : List.of("CALL_LOG", "REDIAL_ATTEMPT", "RECORD_DURATION", "RECORD_FILE_ID", "SESSION_ID")) {
            assertTrue(calls.has(f), "calls." + f);
        }
        assertEquals(29, calls.size());
        JsonNode meta = FixedSchemas.load("field_metadata").get("properties");
        for (String f : List.of("isImmutable", "isDeprecated", "settings", "items", "upperName")) {
            assertTrue(meta.has(f), "field_metadata." + f);
        }
    }
}
