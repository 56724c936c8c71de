package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.body;
import static io.github.tapbitrix24.bitrix.ClientFixture.noParams;
import static io.github.tapbitrix24.bitrix.ClientFixture.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class BatchTest {
    private final ClientFixture f;

    BatchTest() throws Exception {
        f = new ClientFixture();
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Answers every batch by echoing each command back as its result, like a portal would run them. */
    private void echoPortal() {
        f.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                JsonNode cmd = body(request).get("cmd");
                ObjectNode result = ClientFixture.JSON.createObjectNode();
                ObjectNode inner = result.putObject("result");
                for (Map.Entry<String, JsonNode> e : cmd.properties()) {
                    inner.put(e.getKey(), e.getValue().stringValue());
                }
                result.putArray("result_error");
                result.putArray("result_total");
                result.putArray("result_next");
                result.putArray("result_time");
                return new MockResponse.Builder().body("{\"result\":" + result + "}").build();
            }
        });
    }

    private static List<BatchCommand> commands(int n) {
        List<BatchCommand> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new BatchCommand("c" + i, "crm.deal.get", params("{\"id\":" + i + "}")));
        }
        return out;
    }

    @Test
    void sendsHaltZeroAndPhpEncodedCommands() throws Exception {
        echoPortal();
        f.client().batch(List.of(
                new BatchCommand("p0", "crm.deal.list",
                        params("{\"order\":{\"ID\":\"ASC\"},\"filter\":{\">ID\":0},\"select\":[\"ID\"],\"start\":-1}")),
                new BatchCommand("u", "user.current", noParams())));
        RecordedRequest r = f.take();
        assertEquals("/rest/1/" + ClientFixture.TOKEN + "/batch", r.getUrl().encodedPath());
        JsonNode b = body(r);
        assertEquals(0, b.get("halt").intValue());
        assertEquals("crm.deal.list?order%5BID%5D=ASC&filter%5B%3EID%5D=0&select%5B0%5D=ID&start=-1",
                b.get("cmd").get("p0").stringValue());
        assertEquals("user.current", b.get("cmd").get("u").stringValue());
    }

    @Test
    void splitsMoreThanFiftyCommandsIntoSeveralRequestsInOrder() {
        echoPortal();
        BitrixClient client = f.client();
        BatchResult result = client.batch(commands(120));
        assertEquals(3, f.server.getRequestCount());
        assertEquals(120, result.results().size());
        for (int i = 0; i < 120; i++) {
            SubResult r = result.results().get(i);
            assertEquals("c" + i, r.key());
            assertEquals("crm.deal.get?id=" + i, r.result().stringValue());
        }
        assertEquals(new RequestStats(3, 120, 0), client.stats());
    }

    @Test
    void exactlyFiftyCommandsIsOneRequest() {
        echoPortal();
        f.client().batch(commands(50));
        assertEquals(1, f.server.getRequestCount());
    }

    @Test
    void surfacesPerCommandResultsErrorsNextsTotalsAndTimes() {
        f.enqueue(200, "{\"result\":{"
                + "\"result\":{\"p0\":[{\"ID\":\"1\"}],\"u\":{\"ID\":\"1\"}},"
                + "\"result_error\":{\"p1\":{\"error\":\"insufficient_scope\",\"error_description\":\"\"},"
                + "\"p2\":{\"error\":\"\",\"error_description\":\"Access denied.\"}},"
                + "\"result_total\":{\"p0\":\"120\"},"
                + "\"result_next\":{\"p0\":50},"
                + "\"result_time\":{\"p0\":{\"duration\":0.0032,\"operating\":1.5}}},"
                + "\"time\":{\"duration\":0.05}}");
        BatchResult r = f.client().batch(List.of(
                new BatchCommand("p0", "crm.deal.list", noParams()),
                new BatchCommand("p1", "voximplant.statistic.get", noParams()),
                new BatchCommand("p2", "crm.company.list", noParams()),
                new BatchCommand("u", "user.current", noParams()),
                new BatchCommand("skipped", "crm.lead.list", noParams())));
        SubResult p0 = r.get("p0");
        assertTrue(p0.ok());
        assertEquals(50, p0.next());
        assertEquals(120L, p0.total());
        assertEquals(1.5, p0.time().operating());
        SubResult p1 = r.get("p1");
        assertFalse(p1.ok());
        assertEquals(BitrixErrorKind.INSUFFICIENT_SCOPE, p1.error().kind());
        assertTrue(p1.error().getMessage().contains("'telephony'"), p1.error().getMessage());
        assertEquals(BitrixErrorKind.ACCESS_DENIED, r.get("p2").error().kind());
        assertEquals("1", r.get("u").result().get("ID").stringValue());
        assertNull(r.get("u").next());
        SubResult skipped = r.get("skipped");
        assertNull(skipped.result());
        assertNull(skipped.error());
        assertEquals(List.of("p0", "p1", "p2", "u", "skipped"), r.results().stream().map(SubResult::key).toList());
    }

    @Test
    void acceptsPhpEmptyArraysForAllFiveMaps() {
        f.enqueue(200, "{\"result\":{\"result\":[],\"result_error\":[],\"result_total\":[],\"result_next\":[],"
                + "\"result_time\":[]},\"time\":[]}");
        BatchResult r = f.client().batch(List.of(new BatchCommand("a", "crm.deal.list", noParams())));
        assertNull(r.get("a").result());
        assertNull(r.get("a").error());
    }

    @Test
    void aWholeBatchFailureIsThrownAndRetried() {
        f.enqueue(503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
        echoLater();
        BitrixClient client = f.client();
        BatchResult r = client.batch(commands(2));
        assertEquals("ok", r.get("c1").result().stringValue());
        assertEquals(new RequestStats(2, 4, 1), client.stats());
    }

    private void echoLater() {
        f.enqueue(200, "{\"result\":{\"result\":{\"c0\":\"ok\",\"c1\":\"ok\"}}}");
    }

    @Test
    void rejectsDuplicateKeys() {
        BitrixClient client = f.client();
        assertThrows(IllegalArgumentException.class, () -> client.batch(List.of(
                new BatchCommand("a", "x.y", noParams()), new BatchCommand("a", "x.z", noParams()))));
        assertEquals(0, f.server.getRequestCount());
    }

    @Test
    void emptyCommandListSendsNothing() {
        assertTrue(f.client().batch(List.of()).results().isEmpty());
        assertEquals(0, f.server.getRequestCount());
    }
}
