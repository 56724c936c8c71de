package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each method's answer against the example response of its official page (keys, JSON types, formats).
 * Doc paths are in bitrix24/b24restdocs; the examples are quoted in /work/shared/bitrix24-api.md.
 */
class PortalDocShapesTest extends UnlimitedPortalTest {
    static final String DATETIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d";

    static void strings(JsonNode row, String... keys) {
        for (String k : keys) {
            assertTrue(row.has(k), "missing " + k + " in " + row);
            assertTrue(row.get(k).isString() || row.get(k).isNull(), k + " is a string: " + row.get(k));
        }
    }

    static void ints(JsonNode row, String... keys) {
        for (String k : keys) {
            assertTrue(row.get(k) != null && row.get(k).isIntegralNumber(), k + " is an int in " + row);
        }
    }

    static void datetime(JsonNode row, String key) {
        assertTrue(row.get(key).stringValue().matches(DATETIME), key + ": " + row.get(key));
    }

    @Test
    void crmDealList() { // api-reference/crm/deals/crm-deal-list.md
        JsonNode r = client.ok("crm.deal.list", "{\"select\":[\"*\",\"UF_*\"]}");
        JsonNode d = r.get("result").get(0);
        strings(d, "ID", "TITLE", "CATEGORY_ID", "STAGE_ID", "OPPORTUNITY", "IS_MANUAL_OPPORTUNITY", "ASSIGNED_BY_ID",
                "DATE_CREATE", "DATE_MODIFY");
        assertTrue(d.get("OPPORTUNITY").stringValue().matches("\\d+\\.\\d\\d"));
        assertTrue(d.get("IS_MANUAL_OPPORTUNITY").stringValue().matches("[YN]"));
        datetime(d, "DATE_MODIFY");
        assertTrue(r.get("next").isIntegralNumber() && r.get("total").isIntegralNumber());
        assertTrue(List.of("0", "1", "2").contains(d.get("CATEGORY_ID").stringValue()));
    }

    @Test
    void crmContactCompanyLeadList() { // contacts/crm-contact-list.md, companies/crm-company-list.md, leads/crm-lead-list.md
        JsonNode c = client.ok("crm.contact.list", "{\"select\":[\"ID\",\"NAME\",\"PHONE\",\"EMAIL\"]}").get("result");
        JsonNode withPhone = null;
        for (JsonNode x : c.values()) {
            if (!x.get("PHONE").isEmpty()) {
                withPhone = x.get("PHONE").get(0);
                break;
            }
        }
        assertNotNull(withPhone);
        strings(withPhone, "ID", "VALUE_TYPE", "VALUE", "TYPE_ID");
        assertEquals("PHONE", withPhone.get("TYPE_ID").stringValue());
        strings(client.ok("crm.company.list", "{}").get("result").get(0), "ID", "TITLE", "COMPANY_TYPE", "DATE_MODIFY");
        JsonNode lead = client.ok("crm.lead.list", "{}").get("result").get(0);
        strings(lead, "ID", "STATUS_ID", "STATUS_SEMANTIC_ID", "DATE_CREATE", "DATE_MODIFY");
    }

    @Test
    void crmFieldsDescriptors() { // crm/deals/crm-deal-fields.md, crm/data-types.md#crm_rest_field_description
        JsonNode f = client.ok("crm.deal.fields", "{}").get("result");
        JsonNode stage = f.get("STAGE_ID");
        assertEquals("crm_status", stage.get("type").stringValue());
        assertEquals("DEAL_STAGE", stage.get("statusType").stringValue());
        for (String k : List.of("isRequired", "isReadOnly", "isImmutable", "isMultiple", "isDynamic")) {
            assertTrue(stage.get(k).isBoolean(), k);
        }
        assertTrue(f.get("CONTACT_ID").get("isDeprecated").booleanValue());
        assertTrue(f.get("CONTACT_IDS").get("isMultiple").booleanValue());
        JsonNode en = f.get("UF_CRM_1700000015");
        assertEquals("enumeration", en.get("type").stringValue());
        assertTrue(en.get("isMultiple").booleanValue() && en.get("isDynamic").booleanValue());
        assertEquals("UF_CRM_1700000015", en.get("title").stringValue()); // old methods title UF fields with the code
        assertEquals("Channels", en.get("listLabel").stringValue());
        strings(en.get("items").get(0), "ID", "VALUE");
        assertEquals("4", f.get("COMPANY_ID").get("settings").get("parentEntityTypeId").asString());
        java.util.Set<String> types = new java.util.HashSet<>();
        f.values().forEach(x -> { if (x.get("isDynamic").booleanValue()) types.add(x.get("type").stringValue()); });
        assertEquals(java.util.Set.of("string", "integer", "double", "boolean", "date", "datetime", "enumeration", "money",
                "url", "file", "employee", "crm", "address"), types);
        for (String m : List.of("crm.contact.fields", "crm.company.fields", "crm.lead.fields", "crm.activity.fields", "crm.product.fields")) {
            assertTrue(client.ok(m, "{}").get("result").get("ID").get("isReadOnly").booleanValue(), m);
        }
    }

    @Test
    void crmItemFieldsAndList() { // crm/universal/crm-item-fields.md, crm/universal/crm-item-list.md
        JsonNode f = client.ok("crm.item.fields", "{\"entityTypeId\":1040}").get("result").get("fields");
        assertEquals("UPDATED_TIME", f.get("updatedTime").get("upperName").stringValue());
        JsonNode money = f.get("ufCrm2_1710000005");
        assertEquals("money", money.get("type").stringValue());
        assertEquals("UF_CRM_2_1710000005", money.get("upperName").stringValue());
        assertEquals("Custom field (money)", money.get("title").stringValue());
        assertEquals("contactIds", client.ok("crm.item.fields", "{\"entityTypeId\":2}").get("result").get("fields")
                .get("contactIds").get("upperName").stringValue().equals("CONTACT_IDS") ? "contactIds" : "");
        JsonNode r = client.ok("crm.item.list", "{\"entityTypeId\":1040}");
        JsonNode item = r.get("result").get("items").get(0);
        ints(item, "id", "assignedById", "categoryId");
        datetime(item, "createdTime");
        assertTrue(item.get("contactIds").isArray());
        assertTrue(item.get("ufCrm2_1710000005").isNull() || item.get("ufCrm2_1710000005").stringValue().matches("\\d+\\|[A-Z]{3}"));
        assertTrue(r.get("total").isIntegralNumber());
    }

    @Test
    void crmTypeCategoryStatusList() { // user-defined-object-types/crm-type-list.md, category/crm-category-list.md, status/crm-status-list.md
        JsonNode type = client.ok("crm.type.list", "{}").get("result").get("types").get(0);
        ints(type, "id", "entityTypeId", "createdBy", "updatedBy");
        assertTrue(type.get("isCategoriesEnabled").stringValue().matches("[YN]"));
        datetime(type, "createdTime");
        JsonNode cats = client.ok("crm.category.list", "{\"entityTypeId\":2}").get("result").get("categories");
        assertEquals(0, cats.get(0).get("id").intValue());
        assertFalse(cats.get(0).has("originId"));
        assertEquals("N", cats.get(1).get("isDefault").stringValue());
        JsonNode statuses = client.ok("crm.status.list", "{\"filter\":{\"ENTITY_ID\":\"DEAL_STAGE_1\"}}").get("result");
        JsonNode s = statuses.get(0);
        strings(s, "ID", "ENTITY_ID", "STATUS_ID", "NAME", "NAME_INIT", "SORT", "SYSTEM", "CATEGORY_ID", "COLOR", "SEMANTICS");
        assertEquals("C1:NEW", s.get("STATUS_ID").stringValue());
        assertEquals("process", s.get("EXTRA").get("SEMANTICS").stringValue());
        assertEquals(3, client.ok("crm.status.list", "{\"filter\":{\"@ENTITY_ID\":[\"DEAL_STAGE\",\"DEAL_STAGE_1\",\"DEAL_STAGE_2\"],"
                + "\"%STATUS_ID\":\"WON\"}}").get("result").size());
    }

    @Test
    void crmActivityList() { // crm/timeline/activities/activity-base/crm-activity-list.md
        JsonNode a = client.ok("crm.activity.list", "{\"order\":{\"ID\":\"ASC\"}}").get("result").get(0);
        strings(a, "ID", "OWNER_ID", "OWNER_TYPE_ID", "TYPE_ID", "PROVIDER_ID", "PROVIDER_TYPE_ID", "SUBJECT", "CREATED",
                "LAST_UPDATED", "START_TIME", "END_TIME", "DEADLINE", "COMPLETED", "STATUS", "RESPONSIBLE_ID", "DIRECTION",
                "DESCRIPTION", "DESCRIPTION_TYPE", "AUTHOR_ID", "EDITOR_ID");
        assertEquals("[]", a.get("SETTINGS").toString());
        assertEquals("[]", a.get("PROVIDER_PARAMS").toString());
        assertFalse(a.has("COMMUNICATIONS") || a.has("FILES"), "only when selected");
        JsonNode sel = client.ok("crm.activity.list", "{\"select\":[\"ID\",\"COMMUNICATIONS\",\"FILES\"]}").get("result").get(0);
        assertTrue(sel.get("COMMUNICATIONS").isArray() && sel.get("FILES").isArray());
    }

    @Test
    void crmProductList() { // crm/outdated/products/crm-product-list.md
        JsonNode p = client.ok("crm.product.list", "{}").get("result").get(0);
        strings(p, "ID", "CATALOG_ID", "PRICE", "CURRENCY_ID", "NAME", "ACTIVE", "DATE_CREATE", "TIMESTAMP_X");
        assertFalse(p.has("PROPERTY_101"));
        assertTrue(client.ok("crm.product.list", "{\"select\":[\"*\",\"PROPERTY_*\"]}").get("result").get(0).has("PROPERTY_101"));
    }

    @Test
    void productRows() { // crm/deals/crm-deal-productrows-get.md, crm/universal/product-rows/crm-item-productrow-list.md
        JsonNode legacy = client.ok("crm.deal.productrows.get", "{\"id\":1}").get("result").get(0);
        strings(legacy, "ID", "OWNER_ID", "OWNER_TYPE", "PRICE_ACCOUNT", "TAX_INCLUDED", "MEASURE_NAME");
        assertTrue(legacy.get("PRICE").isNumber() && legacy.get("QUANTITY").isNumber() && legacy.get("PRODUCT_ID").isIntegralNumber());
        JsonNode row = client.ok("crm.item.productrow.list", "{\"filter\":{\"=ownerType\":\"D\",\"=ownerId\":[1]}}")
                .get("result").get("productRows").get(0);
        ints(row, "id", "ownerId", "productId", "discountTypeId", "measureCode", "sort", "type", "storeId");
        assertEquals("D", row.get("ownerType").stringValue());
        assertTrue(row.get("price").isNumber() && row.get("priceBrutto").isNumber());
    }

    @Test
    void dealContactItems() { // crm/deals/contacts/crm-deal-contact-items-get.md
        for (int id = 1; id < 20; id++) {
            JsonNode r = client.ok("crm.deal.contact.items.get", "{\"id\":" + id + "}").get("result");
            if (!r.isEmpty()) {
                ints(r.get(0), "CONTACT_ID", "SORT", "ROLE_ID");
                assertEquals("Y", r.get(0).get("IS_PRIMARY").stringValue());
                return;
            }
        }
        fail("no deal with contacts");
    }

    @Test
    void stageHistory() { // crm/crm-stage-history-list.md
        JsonNode deal = client.ok("crm.stagehistory.list", "{\"entityTypeId\":2,\"order\":{\"ID\":\"ASC\"}}").get("result").get("items").get(0);
        ints(deal, "ID", "TYPE_ID", "OWNER_ID", "CATEGORY_ID");
        strings(deal, "STAGE_SEMANTIC_ID", "STAGE_ID");
        datetime(deal, "CREATED_TIME");
        JsonNode lead = client.ok("crm.stagehistory.list", "{\"entityTypeId\":1}").get("result").get("items").get(0);
        strings(lead, "STATUS_SEMANTIC_ID", "STATUS_ID");
        assertEquals("ENTITY_TYPE_NOT_SUPPORTED", client.post("crm.stagehistory.list", "{\"entityTypeId\":3}").json().get("error").stringValue());
    }

    @Test
    void timelineComments() { // crm/timeline/comments/crm-timeline-comment-list.md
        JsonNode r = client.ok("crm.timeline.comment.list", "{\"filter\":{\"ENTITY_ID\":2,\"ENTITY_TYPE\":\"deal\"}}").get("result");
        JsonNode c = r.get(0);
        strings(c, "ID", "ENTITY_ID", "ENTITY_TYPE", "CREATED", "COMMENT", "AUTHOR_ID");
        boolean keyed = false;
        boolean empty = false;
        for (JsonNode x : r.values()) {
            keyed |= x.get("FILES").isObject() && x.get("FILES").get("1").has("urlDownload");
            empty |= x.get("FILES").isArray() && x.get("FILES").isEmpty();
        }
        assertTrue(keyed && empty, "FILES as a keyed object or PHP []");
    }

    @Test
    void userGet() { // user/user-get.md
        JsonNode u = client.ok("user.get", "{\"ADMIN_MODE\":true}").get("result").get(0);
        strings(u, "ID", "NAME", "LAST_NAME", "EMAIL", "IS_ONLINE", "USER_TYPE", "PERSONAL_GENDER", "WORK_POSITION");
        assertTrue(u.get("ACTIVE").isBoolean());
        assertTrue(u.get("UF_DEPARTMENT").isArray() && u.get("UF_DEPARTMENT").get(0).isIntegralNumber());
        datetime(u, "LAST_LOGIN");
        datetime(u, "DATE_REGISTER");
    }

    @Test
    void departmentGet() { // departments/department-get.md
        JsonNode r = client.ok("department.get", "{}");
        JsonNode root = r.get("result").get(0);
        strings(root, "ID", "NAME", "UF_HEAD");
        assertTrue(root.get("SORT").isIntegralNumber());
        assertFalse(root.has("PARENT"));
        assertTrue(r.get("result").get(1).get("PARENT").isString());
        assertTrue(r.get("total").isIntegralNumber());
    }

    @Test
    void voximplantStatisticGet() { // telephony/voximplant/voximplant-statistic-get.md
        JsonNode c = client.ok("voximplant.statistic.get", "{\"SORT\":\"CALL_START_DATE\",\"ORDER\":\"DESC\"}").get("result").get(0);
        strings(c, "ID", "CALL_ID", "PORTAL_USER_ID", "PHONE_NUMBER", "CALL_TYPE", "CALL_DURATION", "CALL_START_DATE", "COST",
                "COST_CURRENCY", "CALL_FAILED_CODE");
        assertTrue(c.get("CALL_DURATION").stringValue().matches("\\d+"));
        assertEquals("0.0000", c.get("COST").stringValue());
    }

    @Test
    void openLinesScopeMethodGetAndBatchEnvelope() { // imopenlines-config-list-get.md, common/system/scope.md, method-get.md, batch.md
        JsonNode line = client.ok("imopenlines.config.list.get", "{\"OPTIONS\":{\"QUEUE\":\"Y\"}}").get("result").get(0);
        strings(line, "ID", "ACTIVE", "LINE_NAME", "WORKTIME_FROM", "MAX_CHAT");
        // a serialised date: {} (imopenlines-config-get.md's example)
        assertTrue(line.get("DATE_CREATE").isObject() && line.get("DATE_CREATE").isEmpty());
        assertTrue(line.get("QUEUE").isArray() && line.get("QUEUE").get(0).isIntegralNumber());
        assertTrue(line.get("QUEUE_USERS_FIELDS").has(line.get("QUEUE").get(0).asString()));
        assertFalse(line.has("CONFIG_QUEUE"), "only with OPTIONS.CONFIG_QUEUE");
        assertTrue(client.ok("scope", "{\"full\":true}").get("result").toString().contains("telephony"));
        JsonNode m = client.ok("method.get", "{\"name\":\"crm.deal.list\"}").get("result");
        assertTrue(m.get("isExisting").booleanValue() && m.get("isAvailable").booleanValue());
        assertFalse(client.ok("method.get", "{\"name\":\"crm.nosuch\"}").get("result").get("isExisting").booleanValue());
        JsonNode b = client.ok("batch", "{\"cmd\":{\"u\":\"user.get?ID=1&ADMIN_MODE=true\"}}");
        for (String k : List.of("result", "result_error", "result_total", "result_next", "result_time")) {
            assertTrue(b.get("result").has(k), k);
        }
        assertTrue(b.get("time").get("start").isNumber());
    }
}
