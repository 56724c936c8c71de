package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Envelope, authentication, scopes and parameter encodings (bitrix24-api.md §1, §4.3). */
class PortalEnvelopeTest extends UnlimitedPortalTest {

    @Test
    void wrongTokenAnswersInvalidCredentials401() {
        PortalClient.Response r = new PortalClient(sim.baseUrl() + "/rest/1/wrongtoken/").post("crm.deal.list", "{}");
        assertEquals(401, r.status());
        JsonNode e = r.json();
        // D:_includes/system-errors.md: no active webhook with this user id and secret
        assertEquals("INVALID_CREDENTIALS", e.get("error").stringValue());
        assertEquals("Invalid request credentials", e.get("error_description").stringValue());
        assertFalse(r.body().contains(sim.webhookUrl().split("/")[5]), "no token in the answer");
    }

    @Test
    void missingWebhookAnswersNoAuthFound401() {
        PortalClient.Response r = new PortalClient(sim.baseUrl() + "/rest/").post("crm.deal.list", "{}");
        assertEquals(401, r.status());
        assertEquals("NO_AUTH_FOUND", r.json().get("error").stringValue());
        assertEquals("Wrong authorization data", r.json().get("error_description").stringValue());
    }

    @Test
    void unknownMethodAnswersMethodNotFound404() {
        PortalClient.Response r = client.post("crm.nosuch.list", "{}");
        assertEquals(404, r.status());
        assertEquals("ERROR_METHOD_NOT_FOUND", r.json().get("error").stringValue());
    }

    @Test
    void methodOutsideTheWebhookScopesAnswersInsufficientScope() {
        try (PortalSimulator narrow = PortalSimulator.start(PortalOptions.defaults().withDeals(5).withScopes(Set.of("crm")))) {
            PortalClient c = new PortalClient(narrow);
            PortalClient.Response r = c.post("voximplant.statistic.get", "{}");
            assertEquals(403, r.status()); // D:_includes/system-errors.md lists 403 (an older copy said 401)
            assertEquals("insufficient_scope", r.json().get("error").stringValue());
            JsonNode m = c.ok("method.get", "{\"name\":\"voximplant.statistic.get\"}").get("result");
            assertTrue(m.get("isExisting").booleanValue());
            assertFalse(m.get("isAvailable").booleanValue());
            assertEquals("[\"crm\"]", c.ok("scope", "{}").get("result").toString());
        }
    }

    @Test
    void listEnvelopeHasNextAndTotalAndTheTimeObject() {
        // D:settings/how-to-call-rest-api/list-methods-pecularities.md, D:api-reference/data-types.md
        PortalClient.Response raw = client.post("crm.deal.list", "{\"order\":{\"ID\":\"ASC\"},\"select\":[\"ID\"]}");
        JsonNode r = raw.json();
        assertEquals(50, r.get("result").size());
        assertEquals(50, r.get("next").intValue());
        assertEquals(300, r.get("total").intValue());
        JsonNode t = r.get("time");
        for (String k : new String[]{"start", "finish", "duration", "processing", "operating"}) {
            assertTrue(t.get(k).isNumber(), k);
        }
        assertTrue(t.get("operating_reset_at").isIntegralNumber());
        assertTrue(t.get("date_start").stringValue().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+03:00"));
        assertTrue(raw.body().contains("\"start\":17"), "unix seconds written plainly: " + raw.body());
    }

    @Test
    void lastPageHasNoNextAndStartMinusOneHasTotalZero() {
        JsonNode last = client.ok("crm.deal.list", "{\"order\":{\"ID\":\"ASC\"},\"select\":[\"ID\"],\"start\":250}");
        assertEquals(50, last.get("result").size());
        assertNull(last.get("next"));
        JsonNode fast = client.ok("crm.deal.list", "{\"order\":{\"ID\":\"ASC\"},\"filter\":{\">ID\":0},\"select\":[\"ID\"],\"start\":-1}");
        assertEquals(50, fast.get("result").size());
        assertNull(fast.get("next"));
        assertEquals(0, fast.get("total").intValue()); // D:settings/performance/huge-data.md
    }

    @Test
    void formEncodedQueryStringAndJsonBodiesAreEquivalent() {
        String json = client.ok("crm.deal.list",
                "{\"order\":{\"ID\":\"DESC\"},\"filter\":{\">=ID\":10,\"<ID\":20},\"select\":[\"ID\",\"TITLE\"]}").get("result").toString();
        String form = client.form("crm.deal.list", "order%5BID%5D=DESC&filter%5B%3E%3DID%5D=10&filter%5B%3CID%5D=20"
                + "&select%5B%5D=ID&select%5B%5D=TITLE").json().get("result").toString();
        String query = client.get("crm.deal.list.json?ORDER[ID]=DESC&FILTER[" + PortalClient.enc(">=ID") + "]=10&FILTER["
                + PortalClient.enc("<ID") + "]=20&SELECT[0]=ID&SELECT[1]=TITLE").json().get("result").toString();
        assertEquals(json, form);
        assertEquals(json, query);
        assertTrue(json.startsWith("[{\"ID\":\"19\",\"TITLE\""), json);
    }

    @Test
    void malformedFilterAnswersTheCrmEmptyCodeError() {
        PortalClient.Response r = client.post("crm.deal.list", "{\"filter\":\"oops\"}");
        assertEquals(400, r.status());
        assertEquals("", r.json().get("error").stringValue()); // D:api-reference/crm/deals/crm-deal-list.md
        assertEquals("Parameter 'filter' must be array.", r.json().get("error_description").stringValue());
    }
}
