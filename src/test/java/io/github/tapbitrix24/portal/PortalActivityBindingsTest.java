package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** crm.activity.list {@code filter.BINDINGS} (D:tutorials/crm/how-to-get-lists/get-activity-list-by-deals.md). */
class PortalActivityBindingsTest {
    private static PortalSimulator start() {
        return PortalSimulator.start(PortalOptions.defaults().withRateLimit(false).withOperatingLimit(false));
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("result").values().forEach(r -> out.add(r.get("ID").stringValue() + "@" + r.get("OWNER_ID").stringValue()));
        return out;
    }

    @Test
    void bindingPairsSelectTheActivitiesOfThoseDeals() {
        try (PortalSimulator sim = start()) {
            PortalClient c = new PortalClient(sim);
            List<String> expected = ids(c.ok("crm.activity.list", "{\"order\":{\"ID\":\"ASC\"},\"filter\":{\"@OWNER_ID\":[5,7]}}"));
            assertFalse(expected.isEmpty());
            List<String> json = ids(c.ok("crm.activity.list", "{\"order\":{\"ID\":\"ASC\"},\"filter\":{\"BINDINGS\":["
                    + "{\"OWNER_TYPE_ID\":2,\"OWNER_ID\":5},{\"OWNER_TYPE_ID\":\"2\",\"OWNER_ID\":\"7\"}]}}"));
            assertEquals(expected, json);
            PortalClient.Response form = c.form("crm.activity.list", "order%5BID%5D=ASC"
                    + "&filter%5BBINDINGS%5D%5B0%5D%5BOWNER_TYPE_ID%5D=2&filter%5BBINDINGS%5D%5B0%5D%5BOWNER_ID%5D=5"
                    + "&filter%5BBINDINGS%5D%5B1%5D%5BOWNER_TYPE_ID%5D=2&filter%5BBINDINGS%5D%5B1%5D%5BOWNER_ID%5D=7");
            assertEquals(expected, ids(form.json()));
        }
    }

    @Test
    void bindingsAreAndedWithAnOwnerConditionAndOtherOwnerTypesMatchNothing() {
        try (PortalSimulator sim = start()) {
            PortalClient c = new PortalClient(sim);
            List<String> only7 = ids(c.ok("crm.activity.list", "{\"order\":{\"ID\":\"ASC\"},\"filter\":{\"OWNER_ID\":7}}"));
            assertEquals(only7, ids(c.ok("crm.activity.list", "{\"order\":{\"ID\":\"ASC\"},\"filter\":{\"@OWNER_ID\":[7,9],"
                    + "\"BINDINGS\":[{\"OWNER_TYPE_ID\":2,\"OWNER_ID\":5},{\"OWNER_TYPE_ID\":2,\"OWNER_ID\":7}]}}")));
            JsonNode contacts = c.ok("crm.activity.list", "{\"filter\":{\"BINDINGS\":[{\"OWNER_TYPE_ID\":3,\"OWNER_ID\":5}]}}");
            assertEquals(0, contacts.get("result").size());
            assertEquals(0, contacts.get("total").intValue());
        }
    }
}
