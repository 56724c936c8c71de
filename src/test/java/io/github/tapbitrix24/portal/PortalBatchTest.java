package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** batch: references, limits, PHP empty maps (D:settings/how-to-call-rest-api/batch.md, bitrix24-api.md §3). */
class PortalBatchTest extends UnlimitedPortalTest {

    private static String keyset(String prev) {
        String ref = prev == null ? "0" : PortalClient.enc("$result[" + prev + "][49][ID]");
        return "crm.deal.list?order%5BID%5D=ASC&filter%5B%3EID%5D=" + ref + "&select%5B0%5D=ID&start=-1";
    }

    @Test
    void keysetChainResolvesReferencesInDeclarationOrder() {
        StringBuilder cmd = new StringBuilder("{\"halt\":1,\"cmd\":{");
        for (int i = 0; i < 6; i++) {
            cmd.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":\"").append(keyset(i == 0 ? null : "p" + (i - 1))).append("\"");
        }
        JsonNode r = client.ok("batch", cmd.append("}}").toString()).get("result");
        for (int i = 0; i < 6; i++) {
            JsonNode page = r.get("result").get("p" + i);
            assertEquals(50, page.size());
            assertEquals(Integer.toString(i * 50 + 1), page.get(0).get("ID").stringValue());
            assertEquals(0, r.get("result_total").get("p" + i).intValue());
        }
        assertTrue(r.get("result_error").isArray() && r.get("result_error").isEmpty(), "empty map is PHP []");
        assertTrue(r.get("result_next").isArray() && r.get("result_next").isEmpty());
        assertTrue(r.get("result_time").get("p0").get("operating").isNumber());
        assertEquals(1, sim.counters().httpRequests() >= 1 ? 1 : 0);
    }

    @Test
    void itemListReferenceIntoItems() {
        String p0 = "crm.item.list?entityTypeId=2&order%5Bid%5D=ASC&filter%5B%3Eid%5D=0&start=-1";
        String p1 = "crm.item.list?entityTypeId=2&order%5Bid%5D=ASC&filter%5B%3Eid%5D="
                + PortalClient.enc("$result[a][items][49][id]") + "&start=-1";
        JsonNode r = client.ok("batch", "{\"cmd\":{\"a\":\"" + p0 + "\",\"b\":\"" + p1 + "\"}}").get("result");
        assertEquals(51, r.get("result").get("b").get("items").get(0).get("id").intValue());
    }

    @Test
    void referencePastTheEndOfAShortPageFailsThatSubCommand() {
        // deals 1..300: page "a" starts after 280 and holds 20 rows, so [49] does not exist
        String a = "crm.deal.list?order%5BID%5D=ASC&filter%5B%3EID%5D=280&select%5B0%5D=ID&start=-1";
        JsonNode r = client.ok("batch", "{\"halt\":0,\"cmd\":{\"a\":\"" + a + "\",\"b\":\"" + keyset("a") + "\"}}").get("result");
        assertEquals(20, r.get("result").get("a").size());
        assertNull(r.get("result").get("b"));
        assertEquals("INVALID_ARG_VALUE", r.get("result_error").get("b").get("error").stringValue());
    }

    @Test
    void moreThanFiftyCommandsFailOnlyTheExcess() {
        StringBuilder cmd = new StringBuilder("{\"cmd\":{");
        for (int i = 0; i < 53; i++) {
            cmd.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":\"scope\"");
        }
        JsonNode r = client.ok("batch", cmd.append("}}").toString()).get("result");
        assertEquals(50, r.get("result").size());
        assertEquals(3, r.get("result_error").size());
        assertEquals("ERROR_BATCH_LENGTH_EXCEEDED", r.get("result_error").get("c52").get("error").stringValue());
    }

    @Test
    void haltStopsAtTheFirstFailureAndErrorsAreListedPerKey() {
        JsonNode r = client.ok("batch", "{\"halt\":1,\"cmd\":{\"a\":\"scope\",\"b\":\"crm.nosuch\",\"c\":\"scope\",\"d\":\"batch\"}}").get("result");
        assertEquals("ERROR_METHOD_NOT_FOUND", r.get("result_error").get("b").get("error").stringValue());
        assertNull(r.get("result").get("c"));
        JsonNode noHalt = client.ok("batch", "{\"cmd\":{\"a\":\"crm.nosuch\",\"b\":\"batch\",\"c\":\"scope\"}}").get("result");
        assertEquals("ERROR_BATCH_METHOD_NOT_ALLOWED", noHalt.get("result_error").get("b").get("error").stringValue());
        assertTrue(noHalt.get("result").get("c").isArray());
    }

    @Test
    void listCommandsGiveListResultsAndFormEncodedBatchWorks() {
        JsonNode r = client.ok("batch", "{\"cmd\":[\"scope\",\"method.get?name=user.get\"]}").get("result");
        assertTrue(r.get("result").isArray());
        assertTrue(r.get("result").get(1).get("isExisting").booleanValue());
        JsonNode f = client.form("batch", "halt=0&cmd%5Bx%5D=" + PortalClient.enc("crm.deal.list?filter[ID]=7&select[]=ID")).json();
        assertEquals("7", f.get("result").get("result").get("x").get(0).get("ID").stringValue());
        assertEquals(1, f.get("result").get("result_total").get("x").intValue());
    }

    @Test
    void subCommandsAreCountedAndNextIsReportedPerKey() {
        sim.counters().reset();
        JsonNode r = client.ok("batch", "{\"cmd\":{\"a\":\"crm.deal.list?select[]=ID\",\"b\":\"crm.deal.list?select[]=ID&start=-1\"}}").get("result");
        assertEquals(50, r.get("result_next").get("a").intValue());
        assertNull(r.get("result_next").get("b"));
        assertEquals(300, r.get("result_total").get("a").intValue());
        assertEquals(1, sim.counters().httpRequests());
        assertEquals(2, sim.counters().subCommands());
        assertEquals(2, sim.counters().calls("crm.deal.list"));
    }
}
