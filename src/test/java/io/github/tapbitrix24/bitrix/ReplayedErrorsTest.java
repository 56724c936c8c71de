package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.noParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The real error bodies of {@code src/test/resources/replay/errors/} (each names its source), served
 * over real HTTP: what the client reads from them (code, description, HTTP status), that the two
 * limits are waited out and retried, and the two real forms of a batch's {@code result_error}.
 * Which kind each error is classified as is asserted by ErrorTypingTest, not here.
 */
class ReplayedErrorsTest {
    private final ClientFixture f;

    ReplayedErrorsTest() throws Exception {
        f = new ClientFixture();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static JsonNode fixture(String name) {
        try (InputStream in = ReplayedErrorsTest.class.getResourceAsStream("/replay/errors/" + name + ".json")) {
            return ClientFixture.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve(JsonNode fixture) {
        f.enqueue(fixture.get("status").asInt(), fixture.get("body").toString());
    }

    private BitrixException failsWith(String name, String method) {
        JsonNode fx = fixture(name);
        serve(fx);
        // a spare success: an error that is retried would take it and not fail
        f.ok("[]");
        return checked(name, fx, method);
    }

    private BitrixException checked(String name, JsonNode fx, String method) {
        BitrixException e = assertThrows(BitrixException.class, () -> f.client().call(method, noParams()), name);
        JsonNode body = fx.get("body");
        assertEquals(body.get("error").asString(), e.code(), name);
        assertEquals(fx.get("status").asInt(), e.httpStatus(), name);
        String description = body.get("error_description").asString();
        assertTrue(e.getMessage().contains(description), name + ": " + e.getMessage());
        assertEquals(1, f.server.getRequestCount(), name + " is not retried");
        return e;
    }

    /** What the client reads; whether INVALID_CREDENTIALS is retried is the error classification's call. */
    private void readsCodeStatusAndDescription(String name, String method) {
        JsonNode fx = fixture(name);
        for (int i = 0; i < 6; i++) {
            serve(fx);
        }
        BitrixException e = assertThrows(BitrixException.class, () -> f.client().call(method, noParams()), name);
        JsonNode body = fx.get("body");
        assertEquals(body.get("error").asString(), e.code(), name);
        assertEquals(fx.get("status").asInt(), e.httpStatus(), name);
        assertTrue(e.getMessage().contains(body.get("error_description").asString()), name + ": " + e.getMessage());
    }

    @Test
    void invalidCredentialsIsReadWithItsCodeStatusAndDescription() {
        readsCodeStatusAndDescription("invalid-credentials", "crm.deal.list");
    }

    @Test
    void expiredTokenIsReadWithItsCodeStatusAndDescription() {
        failsWith("expired-token", "crm.deal.list");
    }

    @Test
    void insufficientScopeIsReadAndNotRetried() {
        failsWith("insufficient-scope", "voximplant.statistic.get");
    }

    @Test
    void methodNotFoundIsReadAndNotRetried() {
        failsWith("method-not-found", "imopenlines.config.list.get");
    }

    @Test
    void accessDeniedWithAnEmptyCodeKeepsItsDescription() {
        assertEquals("", failsWith("access-denied", "crm.type.list").code());
    }

    private void retriedThenSucceeds(String name) throws Exception {
        serve(fixture(name));
        f.ok("[{\"ID\":\"1\"}]");
        Envelope e = f.client().call("crm.deal.list", noParams());
        assertEquals("1", e.result().get(0).get("ID").asString());
        assertEquals(2, f.server.getRequestCount(), name + " is retried once");
    }

    @Test
    void queryLimitExceededIsWaitedOutAndRetried() throws Exception {
        retriedThenSucceeds("query-limit-exceeded");
    }

    @Test
    void operationTimeLimitIsWaitedOutAndRetried() throws Exception {
        retriedThenSucceeds("operation-time-limit");
    }

    @Test
    void batchWithResultErrorAsPhpsEmptyArrayHasNoFailures() {
        serve(fixture("batch-result-error-empty"));
        BatchResult r = f.client().batch(List.of(new BatchCommand("order0000000000", "crm.deal.list", noParams())));
        SubResult s = r.get("order0000000000");
        assertTrue(s.ok());
        assertTrue(s.result().isArray() && s.result().isEmpty());
        assertEquals(0L, s.total());
        assertNull(s.next());
    }

    @Test
    void batchWithResultErrorAsAListFailsTheCommandsWithoutAResult() {
        serve(fixture("batch-result-error-list"));
        BatchResult r = f.client().batch(List.of(new BatchCommand("35943", "crm.deal.get", noParams()),
                new BatchCommand("35944", "crm.deal.get", noParams()),
                new BatchCommand("35945", "crm.deal.get", noParams())));
        assertTrue(r.get("35943").ok());
        assertEquals("35943", r.get("35943").result().get("ID").asString());
        SubResult second = r.get("35944");
        assertTrue(!second.ok() && second.error().getMessage().contains("ID is not defined or invalid."),
                String.valueOf(second.error()));
        assertTrue(r.get("35945").error().getMessage().contains("Not found"));
    }
}
