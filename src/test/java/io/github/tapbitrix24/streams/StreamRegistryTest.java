package io.github.tapbitrix24.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.TapConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamRegistryTest {
    private static final WebhookUrl URL = WebhookUrl.parse("http://127.0.0.1:1/rest/1/secret/");
    private static final TapConfig DEFAULTS = TapConfig.defaults(URL);
    private static final TapConfig ALL_ON = new TapConfig(URL, Optional.empty(), true, true, true, 200, List.of(), 2,
            50, 60);

    private static List<String> names(List<StreamSpec> specs) {
        return specs.stream().map(StreamSpec::name).toList();
    }

    @Test
    void defaultsOfferEveryStreamButTheOptionalDealChildren() {
        List<String> names = names(StreamRegistry.staticStreams(DEFAULTS));
        assertTrue(names.containsAll(List.of("deals", "contacts", "companies", "leads", "activities", "product",
                "deal_fields", "contact_fields", "company_fields", "lead_fields", "activity_fields", "product_fields",
                "status_list", "spa_types", "deal_stage_history", "lead_stage_history", "users", "departments",
                "calls", "open_lines")));
        assertFalse(names.contains("deal_comments"));
        assertFalse(names.contains("deal_products"));
        assertTrue(names(StreamRegistry.staticStreams(ALL_ON)).containsAll(List.of("deal_comments", "deal_products")));
    }

    @Test
    void replicationKeysAreTheDocumentedOnes() {
        assertEquals(List.of("DATE_MODIFY"), spec("deals").replicationKeys());
        assertEquals(List.of("LAST_UPDATED", "CREATED"), spec("activities").replicationKeys());
        assertEquals(List.of("TIMESTAMP_X"), spec("product").replicationKeys());
        assertEquals(List.of("CALL_START_DATE"), spec("calls").replicationKeys());
        assertEquals(List.of("ID", "CREATED_TIME"), spec("deal_stage_history").replicationKeys());
        assertEquals(List.of("updatedTime"), spec("spa_1040").replicationKeys());
        assertFalse(spec("users").incrementalCapable());
        assertFalse(spec("deal_fields").incrementalCapable());
    }

    @Test
    void spaStreamsAreParsedFromTheirNames() {
        StreamSpec items = spec("spa_1040");
        assertEquals(ListApi.CRM_ITEM_LIST, items.api());
        assertEquals(1040, items.fixedParams().get("entityTypeId").asInt());
        assertEquals("crm.item.fields", items.fieldsMethod());
        StreamSpec fields = spec("spa_fields_1040");
        assertEquals(ListApi.FIELD_METADATA, fields.api());
        assertEquals(1040, fields.fixedParams().get("entityTypeId").asInt());
        assertEquals(Optional.empty(), StreamRegistry.forName("spa_abc", DEFAULTS));
        assertEquals(Optional.empty(), StreamRegistry.forName("spa_", DEFAULTS));
    }

    @Test
    void dealChildrenFollowDealsAndStageHistoriesNameTheirEntityType() {
        assertEquals("deals", StreamRegistry.forName("deal_products", ALL_ON).orElseThrow().parent());
        assertEquals(ListApi.DEAL_CHILDREN, StreamRegistry.forName("deal_comments", ALL_ON).orElseThrow().api());
        assertEquals(2, spec("deal_stage_history").fixedParams().get("entityTypeId").asInt());
        assertEquals(1, spec("lead_stage_history").fixedParams().get("entityTypeId").asInt());
    }

    @Test
    void everyFixedShapeStreamHasItsSchemaFile() {
        for (StreamSpec s : StreamRegistry.staticStreams(ALL_ON)) {
            if (!s.dynamicSchema()) {
                assertTrue(FixedSchemas.load(s).get("properties").has(s.keyProperties().get(0)), s.name());
            }
        }
    }

    private static StreamSpec spec(String name) {
        return StreamRegistry.forName(name, DEFAULTS).orElseThrow();
    }
}
