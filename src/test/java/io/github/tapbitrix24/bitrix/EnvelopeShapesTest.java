package io.github.tapbitrix24.bitrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What counts as an error envelope, and the numbers of the envelope in every spelling PHP gives
 * them: a body with a result and an empty error is data, never a failure, and a body with an
 * error but no result is a failure even when its code is empty or 0
 * [D:api-reference/crm/deals/crm-deal-list.md].
 */
class EnvelopeShapesTest {
    private static final JsonMapper M = JsonMapper.shared();

    private static JsonNode json(String s) {
        return M.readTree(s.replace('\'', '"'));
    }

    @Test
    void anErrorIsAnErrorKeyWithoutAResultOrWithSomethingInIt() {
        assertTrue(Envelopes.isError(json("{'error':'','error_description':''}")), "no result: an error, code empty");
        assertTrue(Envelopes.isError(json("{'error':0}")), "no result: an error, code 0");
        assertTrue(Envelopes.isError(json("{'result':[],'error':'ACCESS_DENIED'}")), "a result and a code");
        assertTrue(Envelopes.isError(json("{'result':[],'error':'','error_description':'Access denied.'}")));
        assertFalse(Envelopes.isError(json("{'result':[],'error':'','error_description':''}")), "a result, nothing said");
        assertFalse(Envelopes.isError(json("{'result':[],'error':null}")));
        assertFalse(Envelopes.isError(json("{'result':[]}")));
    }

    @Test
    void errorCodeAndDescriptionComeFromEitherShape() {
        JsonNode v2 = json("{'error':'QUERY_LIMIT_EXCEEDED','error_description':'Too many requests'}");
        assertEquals("QUERY_LIMIT_EXCEEDED", Envelopes.errorCode(v2));
        assertEquals("Too many requests", Envelopes.errorDescription(v2));
        JsonNode v3 = json("{'error':{'code':'ACCESS_DENIED','message':'Access denied.'}}");
        assertEquals("ACCESS_DENIED", Envelopes.errorCode(v3));
        assertEquals("Access denied.", Envelopes.errorDescription(v3));
        assertEquals("Access denied.", Envelopes.errorDescription(
                json("{'error':{'code':'ACCESS_DENIED','message':'Access denied.'},'error_description':null}")));
        assertEquals("0", Envelopes.errorCode(json("{'error':0}")));
        assertEquals("", Envelopes.errorCode(json("{'error':null}")));
        assertEquals("", Envelopes.errorDescription(json("{'error':'X'}")));
    }

    @Test
    void countsAndTimesAreReadFromNumbersAndNumericText() {
        assertEquals(50L, Envelopes.longOr(json("{'n':'50'}").get("n"), null));
        assertEquals(50L, Envelopes.longOr(json("{'n':' 50 '}").get("n"), null));
        assertEquals(50L, Envelopes.longOr(json("{'n':49.6}").get("n"), null));
        assertEquals(7L, Envelopes.longOr(json("{'n':'x'}").get("n"), 7L));
        assertEquals(7L, Envelopes.longOr(json("{'n':[]}").get("n"), 7L));
        assertNull(Envelopes.longOr(json("{'n':null}").get("n"), null));
        assertEquals(2.5, Envelopes.decimal(json("{'n':'2.5'}").get("n")));
        assertEquals(1725292715L, Envelopes.epochSeconds(json("{'n':1725292715.9}").get("n")));
        assertEquals(1725292715L, Envelopes.epochSeconds(json("{'n':'1725292715'}").get("n")));
        assertEquals(1725292715L, Envelopes.epochSeconds(json("{'n':'2024-09-02T17:58:35+02:00'}").get("n")));
        assertNull(Envelopes.epochSeconds(json("{'n':'soon'}").get("n")));
        assertNull(Envelopes.epochSeconds(json("{'n':{}}").get("n")));
    }

    @Test
    void batchMapsSentAsPhpEmptyArraysAreAbsent() {
        assertNull(Envelopes.map(json("{'result':[]}"), "result"));
        assertNull(Envelopes.map(null, "result"));
        assertEquals(json("{'a':1}"), Envelopes.map(json("{'result':{'a':1}}"), "result"));
    }
}
