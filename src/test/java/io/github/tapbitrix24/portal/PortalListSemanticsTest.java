package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Filter, order and select semantics (bitrix24-api.md §2). */
class PortalListSemanticsTest extends UnlimitedPortalTest {
    static List<ObjectNode> deals;

    @BeforeAll
    static void readDeals() { // runs after the base class has started the portal
        deals = sim.data().rows(Dataset.DEALS);
    }

    private static List<String> ids(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.values().forEach(r -> out.add(r.has("ID") ? r.get("ID").asString() : r.get("id").asString()));
        return out;
    }

    /** Pages through a filter with the keyset recipe and returns every ID. */
    private static List<String> all(String filterJson) {
        List<String> out = new ArrayList<>();
        long last = 0;
        while (true) {
            String f = filterJson.isEmpty() ? "" : filterJson + ",";
            JsonNode page = client.ok("crm.deal.list", "{\"order\":{\"ID\":\"ASC\"},\"filter\":{" + f + "\">ID\":" + last
                    + "},\"select\":[\"ID\"],\"start\":-1}").get("result");
            out.addAll(ids(page));
            if (page.size() < 50) {
                return out;
            }
            last = Long.parseLong(out.get(out.size() - 1));
        }
    }

    private static long epoch(ObjectNode row, String field) {
        return OffsetDateTime.parse(row.get(field).stringValue()).toEpochSecond();
    }

    @Test
    void datetimeFiltersCompareInstantsWhateverTheFormat() {
        ObjectNode pivot = deals.get(150);
        String iso = pivot.get("DATE_MODIFY").stringValue();            // +03:00
        OffsetDateTime t = OffsetDateTime.parse(iso);
        String utc = t.withOffsetSameInstant(java.time.ZoneOffset.ofHours(-5)).toString();
        String local = t.toLocalDateTime().toString().replace('T', ' ');
        long expected = deals.stream().filter(d -> epoch(d, "DATE_MODIFY") >= t.toEpochSecond()).count();
        assertTrue(expected > 0 && expected < 300);
        assertEquals(expected, all("\">=DATE_MODIFY\":\"" + iso + "\"").size());
        assertEquals(expected, all("\">=DATE_MODIFY\":\"" + utc + "\"").size());
        assertEquals(expected, all("\">=DATE_MODIFY\":\"" + local + "\"").size());
        long strictly = deals.stream().filter(d -> epoch(d, "DATE_MODIFY") > t.toEpochSecond()).count();
        assertEquals(strictly, all("\">DATE_MODIFY\":\"" + iso + "\"").size());
        String day = t.toLocalDate().toString();
        long fromDay = deals.stream().filter(d -> epoch(d, "DATE_MODIFY") >= t.toLocalDate().atStartOfDay()
                .toEpochSecond(java.time.ZoneOffset.ofHours(3))).count();
        assertEquals(fromDay, all("\">=DATE_MODIFY\":\"" + day + "\"").size());
    }

    @Test
    void dateOnlyModeIgnoresTheTimePartSoGreaterThanLosesTheSameDay() {
        try (PortalSimulator dateOnly = PortalSimulator.start(PortalOptions.defaults().withRateLimit(false)
                .withDateFilterMode(DateFilterMode.DATE_ONLY))) {
            PortalClient c = new PortalClient(dateOnly);
            List<ObjectNode> rows = dateOnly.data().rows(Dataset.DEALS);
            OffsetDateTime t = OffsetDateTime.parse(rows.get(150).get("DATE_MODIFY").stringValue());
            String filter = "{\"order\":{\"ID\":\"ASC\"},\"filter\":{\"%s\":\"" + t + "\"},\"select\":[\"ID\"]}";
            long sameDayOrLater = rows.stream().filter(d -> !OffsetDateTime.parse(d.get("DATE_MODIFY").stringValue())
                    .toLocalDate().isBefore(t.toLocalDate())).count();
            long laterDays = rows.stream().filter(d -> OffsetDateTime.parse(d.get("DATE_MODIFY").stringValue())
                    .toLocalDate().isAfter(t.toLocalDate())).count();
            assertEquals(sameDayOrLater, c.ok("crm.deal.list", String.format(filter, ">=DATE_MODIFY")).get("total").intValue());
            assertEquals(laterDays, c.ok("crm.deal.list", String.format(filter, ">DATE_MODIFY")).get("total").intValue());
        }
    }

    @Test
    void inNotInNotEqualAndLikeOperators() {
        assertEquals(List.of("3", "7", "9"), ids(client.ok("crm.deal.list",
                "{\"filter\":{\"@ID\":[9,3,7]},\"order\":{\"ID\":\"ASC\"},\"select\":[\"ID\"]}").get("result")));
        assertEquals(297, client.ok("crm.deal.list", "{\"filter\":{\"!@ID\":[9,3,7]},\"select\":[\"ID\"]}").get("total").intValue());
        long notCat0 = deals.stream().filter(d -> !d.get("CATEGORY_ID").stringValue().equals("0")).count();
        assertEquals(notCat0, client.ok("crm.deal.list", "{\"filter\":{\"!CATEGORY_ID\":0}}").get("total").intValue());
        assertEquals(notCat0, client.ok("crm.deal.list", "{\"filter\":{\"!=CATEGORY_ID\":\"0\"}}").get("total").intValue());
        long like = deals.stream().filter(d -> d.get("TITLE").stringValue().toLowerCase().contains("nova")).count();
        assertEquals(like, client.ok("crm.deal.list", "{\"filter\":{\"%TITLE\":\"NoVa\"}}").get("total").intValue());
        assertEquals(1, client.ok("crm.deal.list", "{\"filter\":{\"=ID\":[5]}}").get("total").intValue());
    }

    @Test
    void orderOnAnyFieldWithIdTieBreak() {
        JsonNode page = client.ok("crm.deal.list", "{\"order\":{\"DATE_MODIFY\":\"DESC\"},\"select\":[\"ID\",\"DATE_MODIFY\"]}").get("result");
        for (int i = 1; i < page.size(); i++) {
            long a = OffsetDateTime.parse(page.get(i - 1).get("DATE_MODIFY").stringValue()).toEpochSecond();
            long b = OffsetDateTime.parse(page.get(i).get("DATE_MODIFY").stringValue()).toEpochSecond();
            assertTrue(a >= b);
            if (a == b) {
                assertTrue(page.get(i - 1).get("ID").asLong() < page.get(i).get("ID").asLong(), "ID breaks ties ascending");
            }
        }
        JsonNode byTitle = client.ok("crm.deal.list", "{\"order\":{\"TITLE\":\"ASC\"},\"select\":[\"TITLE\"]}").get("result");
        assertTrue(byTitle.get(0).get("TITLE").stringValue().compareToIgnoreCase(byTitle.get(49).get("TITLE").stringValue()) <= 0);
    }

    @Test
    void massUpdatesShareOneSecond() {
        long maxShared = deals.stream().collect(java.util.stream.Collectors.groupingBy(d -> d.get("DATE_MODIFY").stringValue(),
                java.util.stream.Collectors.counting())).values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertTrue(maxShared >= 5, "clusters of rows share one DATE_MODIFY second, max " + maxShared);
    }

    @Test
    void selectStarExcludesCustomAndMultiFieldsAndUfStarExcludesMultipleOnes() {
        // D:api-reference/crm/deals/crm-deal-list.md, D:api-reference/crm/contacts/crm-contact-list.md
        JsonNode star = client.ok("crm.contact.list", "{\"select\":[\"*\"],\"filter\":{\"ID\":1}}").get("result").get(0);
        assertTrue(star.has("NAME"));
        assertFalse(star.has("PHONE"));
        assertFalse(star.has("UF_CRM_1710000001"));
        JsonNode uf = client.ok("crm.contact.list", "{\"select\":[\"UF_*\"],\"filter\":{\"ID\":1}}").get("result").get(0);
        assertTrue(uf.has("UF_CRM_1710000001"));
        assertFalse(uf.has("UF_CRM_1710000006"), "multiple custom field excluded from UF_*");
        assertFalse(uf.has("NAME"));
        JsonNode none = client.ok("crm.contact.list", "{\"filter\":{\"ID\":1}}").get("result").get(0);
        assertTrue(none.has("NAME") && none.has("UF_CRM_1710000001") && !none.has("PHONE") && !none.has("UF_CRM_1710000006"));
        JsonNode named = client.ok("crm.contact.list", "{\"select\":[\"ID\",\"PHONE\",\"EMAIL\",\"UF_CRM_1710000006\"],\"filter\":{\"ID\":1}}")
                .get("result").get(0);
        assertEquals(List.of("ID", "PHONE", "EMAIL", "UF_CRM_1710000006"), List.copyOf(named.propertyNames()));
        assertTrue(named.get("PHONE").isArray() && named.get("UF_CRM_1710000006").isArray());
        JsonNode deal = client.ok("crm.deal.list", "{\"select\":[\"ID\",\"CONTACT_IDS\"],\"filter\":{\"ID\":1}}").get("result").get(0);
        assertFalse(deal.has("CONTACT_IDS"), "crm.deal.list never returns CONTACT_IDS");
    }

    @Test
    void itemListReturnsCamelCaseNativeNumbersAndFmOnlyWithStar() {
        // D:api-reference/crm/universal/crm-item-list.md
        JsonNode items = client.ok("crm.item.list", "{\"entityTypeId\":2,\"order\":{\"id\":\"ASC\"},\"filter\":{\">id\":0},\"start\":-1}")
                .get("result").get("items");
        JsonNode first = items.get(0);
        assertTrue(first.get("id").isIntegralNumber());
        assertTrue(first.get("opportunity").isNumber());
        assertTrue(first.get("contactIds").isArray());
        assertTrue(first.get("updatedTime").isString());
        assertEquals(deals.get(0).get("DATE_MODIFY").stringValue(), first.get("updatedTime").stringValue());
        JsonNode star = client.ok("crm.item.list", "{\"entityTypeId\":3,\"select\":[\"*\"]}").get("result").get("items").get(0);
        assertTrue(star.has("fm"));
        JsonNode named = client.ok("crm.item.list", "{\"entityTypeId\":3,\"select\":[\"id\",\"name\"]}").get("result").get("items").get(0);
        assertEquals(List.of("id", "name"), List.copyOf(named.propertyNames()));
        PortalClient.Response bad = client.post("crm.item.list", "{\"entityTypeId\":2,\"filter\":{\"nosuch\":1}}");
        assertEquals(400, bad.status());
        assertEquals("INVALID_ARG_VALUE", bad.json().get("error").stringValue());
        assertEquals("NOT_FOUND", client.post("crm.item.list", "{\"entityTypeId\":999}").json().get("error").stringValue());
    }

    @Test
    void itemListPagesSpaItemsByIdAndUpdatedTime() {
        int n = sim.data().count(Dataset.spaItems(128));
        assertEquals(75, n);
        JsonNode page = client.ok("crm.item.list", "{\"entityTypeId\":128,\"order\":{\"id\":\"ASC\"},\"filter\":{\">id\":50},\"start\":-1}");
        assertEquals(25, page.get("result").get("items").size());
        assertEquals(0, page.get("total").intValue());
        assertEquals(0, client.ok("crm.item.list", "{\"entityTypeId\":1042}").get("total").intValue(), "an empty SPA type");
    }

    @Test
    void productRowListAcceptsAnArrayOfOwners() {
        JsonNode r = client.ok("crm.item.productrow.list", "{\"filter\":{\"=ownerType\":\"D\",\"=ownerId\":[1,2,3]},\"order\":{\"id\":\"asc\"}}");
        long expected = sim.data().rows(Dataset.DEAL_PRODUCT_ROWS).stream()
                .filter(x -> x.get("ownerId").asLong() <= 3).count();
        assertEquals(expected, r.get("total").intValue());
        r.get("result").get("productRows").values().forEach(row -> assertTrue(row.get("ownerId").asLong() <= 3));
        assertEquals(400, client.post("crm.item.productrow.list", "{\"filter\":{\"=ownerId\":[1]}}").status());
    }

    @Test
    void commentsNeedEntityAndPageBeyondFifty() {
        JsonNode p1 = client.ok("crm.timeline.comment.list", "{\"filter\":{\"ENTITY_ID\":2,\"ENTITY_TYPE\":\"deal\"},\"order\":{\"ID\":\"ASC\"}}");
        assertEquals(120, p1.get("total").intValue());
        assertEquals(50, p1.get("next").intValue());
        assertEquals(400, client.post("crm.timeline.comment.list", "{\"filter\":{\"ENTITY_TYPE\":\"deal\"}}").status());
        assertEquals(400, client.post("crm.timeline.comment.list",
                "{\"filter\":{\"ENTITY_ID\":2,\"ENTITY_TYPE\":\"deal\"},\"order\":{\"COMMENT\":\"ASC\"}}").status());
    }

    @Test
    void userGetHidesFiredAndExtranetUsersWithoutAdminModeAndFiltersActive() {
        List<ObjectNode> users = sim.data().rows(Dataset.USERS);
        long active = users.stream().filter(u -> u.get("ACTIVE").booleanValue()).count();
        assertTrue(active < users.size(), "some users are fired");
        assertEquals(users.size(), client.ok("user.get", "{\"ADMIN_MODE\":true}").get("total").intValue());
        assertEquals(active, client.ok("user.get", "{\"ADMIN_MODE\":true,\"FILTER\":{\"ACTIVE\":true}}").get("total").intValue());
        assertTrue(client.ok("user.get", "{}").get("total").intValue() <= active);
        JsonNode desc = client.ok("user.get", "{\"ADMIN_MODE\":true,\"sort\":\"ID\",\"order\":\"DESC\"}").get("result");
        assertEquals(Integer.toString(users.size()), desc.get(0).get("ID").stringValue());
    }

    @Test
    void openLinesPageWithLimitAndOffsetWithoutTotal() {
        try (PortalSimulator s = PortalSimulator.start(PortalOptions.defaults().withDeals(3).withOpenLines(250).withRateLimit(false))) {
            PortalClient c = new PortalClient(s);
            JsonNode r = c.ok("imopenlines.config.list.get", "{\"PARAMS\":{\"limit\":500,\"offset\":200}}");
            assertEquals(50, r.get("result").size());
            assertNull(r.get("total"));
            assertNull(r.get("next"));
            assertEquals(200, c.ok("imopenlines.config.list.get", "{\"PARAMS\":{\"limit\":1000}}").get("result").size());
        }
    }
}
