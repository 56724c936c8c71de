package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.body;
import static io.github.tapbitrix24.bitrix.ClientFixture.noParams;
import static io.github.tapbitrix24.bitrix.ClientFixture.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnvelopeParsingTest {
    private final ClientFixture f;

    EnvelopeParsingTest() throws Exception {
        f = new ClientFixture();
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void postsTheParamsAsJsonToTheMethodUrl() throws Exception {
        f.ok("[]");
        f.client().call("crm.deal.list", params("{\"filter\":{\">ID\":5},\"start\":-1}"));
        RecordedRequest r = f.take();
        assertEquals("POST", r.getMethod());
        assertEquals("/rest/1/" + ClientFixture.TOKEN + "/crm.deal.list", r.getUrl().encodedPath());
        assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"));
        assertTrue(r.getHeaders().get("User-Agent").startsWith("tap-bitrix24/"));
        assertEquals(params("{\"filter\":{\">ID\":5},\"start\":-1}"), body(r));
    }

    @Test
    void readsResultNextTotalAndTime() {
        f.enqueue(200, "{\"result\":[{\"ID\":\"37\"}],\"next\":50,\"total\":1234,\"time\":{\"start\":1725292115.026221,"
                + "\"finish\":1725292115.907058,\"duration\":0.88,\"processing\":0.248,"
                + "\"date_start\":\"2024-09-02T17:48:35+02:00\",\"date_finish\":\"2024-09-02T17:48:35+02:00\","
                + "\"operating_reset_at\":1725292715,\"operating\":0.2484}}");
        Envelope e = f.client().call("crm.deal.list", noParams());
        assertEquals("37", e.result().get(0).get("ID").stringValue());
        assertEquals(50, e.next());
        assertEquals(1234, e.total());
        assertEquals(0.2484, e.time().operating());
        assertEquals(1725292715L, e.time().operatingResetAt());
        assertEquals("2024-09-02T17:48:35+02:00", e.time().dateStart());
        assertEquals(0.88, e.time().duration());
    }

    @Test
    void acceptsNumbersSentAsStrings() {
        f.enqueue(200, "{\"result\":[],\"next\":\"100\",\"total\":\"250\",\"time\":{\"operating\":\"12.5\","
                + "\"operating_reset_at\":\"1725292715\"}}");
        Envelope e = f.client().call("crm.deal.list", noParams());
        assertEquals(100, e.next());
        assertEquals(250, e.total());
        assertEquals(12.5, e.time().operating());
        assertEquals(1725292715L, e.time().operatingResetAt());
    }

    @Test
    void acceptsOperatingResetAtAsIsoString() {
        f.enqueue(200, "{\"result\":[],\"time\":{\"operating_reset_at\":\"2024-09-02T18:00:00+02:00\"}}");
        Envelope e = f.client().call("crm.activity.list", noParams());
        assertEquals(OffsetDateTime.parse("2024-09-02T18:00:00+02:00").toEpochSecond(), e.time().operatingResetAt());
    }

    @Test
    void absentNextTotalAndTimeAreEmptyNotErrors() {
        f.enqueue(200, "{\"result\":{\"ID\":\"1\"}}");
        Envelope e = f.client().call("user.current", noParams());
        assertNull(e.next());
        assertEquals(0, e.total());
        assertEquals(TimeInfo.EMPTY, e.time());
        assertEquals("1", e.result().get("ID").stringValue());
    }

    @Test
    void phpEmptyArrayForAnEmptyMapIsAcceptedInResultAndTime() {
        f.enqueue(200, "{\"result\":[],\"time\":[]}");
        Envelope e = f.client().call("crm.deal.fields", noParams());
        assertTrue(e.result().isArray() && e.result().isEmpty());
        assertEquals(TimeInfo.EMPTY, e.time());
    }

    @Test
    void scalarResultsPassThrough() {
        f.enqueue(200, "{\"result\":true}");
        assertTrue(f.client().call("crm.deal.update", noParams()).result().booleanValue());
    }
}
