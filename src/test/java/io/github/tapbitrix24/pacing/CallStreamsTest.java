package io.github.tapbitrix24.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tapbitrix24.config.ConfigLoader;
import io.github.tapbitrix24.config.TapConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A sub-call is attributed to the stream it was made for, from its method and parameters alone. */
class CallStreamsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static CallStreams streams() throws Exception {
        ObjectNode c = JSON.createObjectNode();
        c.put("webhook_url", "https://portal.invalid/rest/1/x/");
        c.put("extract_deal_contacts", true);
        c.put("enable_deal_products_stream", true);
        c.put("enable_lead_products_stream", true);
        TapConfig config = new ConfigLoader().toConfig(c);
        return CallStreams.of(List.of("deals", "leads", "deal_stage_history", "lead_stage_history", "deal_products",
                "lead_products", "spa_128", "users", "open_lines"), config);
    }

    @Test
    void oneMethodOfTwoStreamsIsToldApartByTheEntityTypeItCarries() throws Exception {
        CallStreams s = streams();
        assertEquals("deal_stage_history", s.of("crm.stagehistory.list", CallStreams.params("entityTypeId=2&order%5BID%5D=ASC")));
        assertEquals("lead_stage_history", s.of("crm.stagehistory.list", CallStreams.params("entityTypeId=1&filter%5B%3EID%5D=7")));
        assertEquals("spa_128", s.of("crm.item.list", CallStreams.params("entityTypeId=128&start=-1")));
    }

    @Test
    void productRowsAreToldApartByTheOwnerTypeTheyFilterOn() throws Exception {
        CallStreams s = streams();
        assertEquals("lead_products", s.of("crm.item.productrow.list", CallStreams.params("filter%5B%3DownerType%5D=L&filter%5B%3DownerId%5D%5B0%5D=5")));
        assertEquals("deal_products", s.of("crm.item.productrow.list", CallStreams.params("filter[=ownerType]=D")));
    }

    @Test
    void theDealsContactLinksCountForDealsAndCallsOfNoStreamAreNamedByTheirMethod() throws Exception {
        CallStreams s = streams();
        assertEquals("deals", s.of("crm.item.list", CallStreams.params("entityTypeId=2&select%5B0%5D=id&select%5B1%5D=contactIds")));
        assertEquals("deals", s.of("crm.deal.list", CallStreams.params("start=-1")));
        assertEquals("(crm.currency.localizations.get)", s.of("crm.currency.localizations.get", CallStreams.params("id=USD")));
        assertEquals("(crm.item.list)", s.of("crm.item.list", CallStreams.params("entityTypeId=1040")), "a type not selected");
    }

    @Test
    void aBooleanParameterIsRecognisedInItsWireForm() throws Exception {
        CallStreams s = streams();
        // users' fixed ADMIN_MODE true goes over the wire as 1 (bitrix.PhpQuery)
        assertEquals("users", s.of("user.get", CallStreams.params("ADMIN_MODE=1&start=0")));
        assertEquals("(user.get)", s.of("user.get", CallStreams.params("ADMIN_MODE=0")));
    }

    @Test
    void anObjectParameterIsComparedAsAWholeAndNeverAsText() throws Exception {
        CallStreams s = streams();
        // open_lines' fixed OPTIONS is an object; a plain value there is another call, not a failure
        assertEquals("open_lines", s.of("imopenlines.config.list.get", CallStreams.params("OPTIONS%5BQUEUE%5D=Y&OPTIONS%5BCONFIG_QUEUE%5D=Y")));
        assertEquals("(imopenlines.config.list.get)", s.of("imopenlines.config.list.get", CallStreams.params("OPTIONS=Y")));
    }
}
