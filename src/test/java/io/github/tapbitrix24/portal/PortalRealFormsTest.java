package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The value forms real portals send and our simulator must send too: dates as UTC midnight in the
 * portal's offset (BEGINDATE {@code "2024-08-30T02:00:00+02:00"}, D:api-reference/crm/deals/crm-deal-get.md;
 * {@code "2024-04-19T03:00:00+03:00"}, F:tests/real_responses/crm_item_list.py), PHP's {@code false}
 * for an empty multiple user field in the old list methods, numbers as strings in {@code crm.*.list}
 * (D:api-reference/crm/deals/crm-deal-list.md) and native in {@code crm.item.*}
 * (D:api-reference/crm/universal/crm-item-list.md). Run on a portal west of UTC.
 */
class PortalRealFormsTest {
    private static final ZoneOffset WEST = ZoneOffset.ofHoursMinutes(-5, 0);

    private static JsonNode deals(PortalClient c) {
        return c.ok("crm.deal.list", "{\"select\":[\"*\",\"UF_*\",\"UF_CRM_1700000014\"],\"order\":{\"ID\":\"ASC\"}}").get("result");
    }

    @Test
    void datesAreUtcMidnightRenderedInANegativePortalOffset() {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withRateLimit(false)
                .withOperatingLimit(false).withUtcOffset(WEST))) {
            JsonNode d = deals(new PortalClient(sim)).get(0);
            for (String k : new String[] {"BEGINDATE", "CLOSEDATE"}) {
                assertTrue(d.get(k).stringValue().matches("\\d{4}-\\d\\d-\\d\\dT19:00:00-05:00"), k + ": " + d.get(k));
            }
        }
    }

    @Test
    void theStoredDayIsTheSameOnPortalsOfEveryOffset() {
        try (PortalSimulator west = PortalSimulator.start(PortalOptions.defaults().withRateLimit(false)
                .withOperatingLimit(false).withUtcOffset(WEST));
             PortalSimulator utc = PortalSimulator.start(PortalOptions.defaults().withRateLimit(false)
                .withOperatingLimit(false).withUtcOffset(ZoneOffset.UTC))) {
            JsonNode w = deals(new PortalClient(west)).get(3);
            JsonNode u = deals(new PortalClient(utc)).get(3);
            String day = u.get("BEGINDATE").stringValue();
            assertTrue(day.endsWith("T00:00:00+00:00"), day);
            // the day before in the west portal's wall clock, 19:00, is the same instant
            assertEquals(java.time.OffsetDateTime.parse(day).toInstant(),
                    java.time.OffsetDateTime.parse(w.get("BEGINDATE").stringValue()).toInstant());
        }
    }

    @Test
    void emptyMultipleUserFieldsAreFalseInOldListsAndEmptyArraysInItems() {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withRateLimit(false)
                .withOperatingLimit(false).withUtcOffset(WEST))) {
            PortalClient c = new PortalClient(sim);
            boolean sawFalse = false;
            for (JsonNode d : deals(c).values()) {
                JsonNode tags = d.get("UF_CRM_1700000014");   // multiple string
                assertTrue(tags.isArray() && !tags.isEmpty() || tags.isBoolean() && !tags.booleanValue(), tags.toString());
                sawFalse |= tags.isBoolean();
                assertTrue(d.get("ID").isString() && d.get("OPPORTUNITY").isString());
            }
            assertTrue(sawFalse, "some deal has no tags");
            for (JsonNode item : c.ok("crm.item.list", "{\"entityTypeId\":2,\"select\":[\"*\",\"UF_*\"]}")
                    .get("result").get("items").values()) {
                assertTrue(item.get("ufCrm1700000014").isArray(), item.get("ufCrm1700000014").toString());
                assertTrue(item.get("id").isIntegralNumber());
                assertFalse(item.get("opportunity").isString());
            }
        }
    }
}
