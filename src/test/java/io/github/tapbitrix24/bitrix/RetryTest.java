package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.noParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {
    private static final String LIMIT = "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}";
    private final ClientFixture f;

    RetryTest() throws Exception {
        f = new ClientFixture();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private void assertRecoveredAfterOneRetry(BitrixClient client) {
        Envelope e = client.call("crm.deal.list", noParams());
        assertEquals("ok", e.result().stringValue());
        assertEquals(2, f.server.getRequestCount());
        assertEquals(1, client.stats().retries());
        assertEquals(1, f.time.sleeps.size());
        assertTrue(f.logs.any("retrying crm.deal.list"), f.logs.lines.toString());
    }

    @Test
    void retriesA503RateLimitThenSucceeds() {
        f.enqueue(503, LIMIT);
        f.ok("\"ok\"");
        assertRecoveredAfterOneRetry(f.client());
        assertTrue(f.logs.any("QUERY_LIMIT_EXCEEDED"));
    }

    @Test
    void retriesA500ThenSucceeds() {
        f.enqueue(500, "{\"error\":\"INTERNAL_SERVER_ERROR\",\"error_description\":\"Internal server error\"}");
        f.ok("\"ok\"");
        assertRecoveredAfterOneRetry(f.client());
    }

    @Test
    void retriesATimeoutThenSucceeds() {
        f.server.enqueue(new MockResponse.Builder().body("{\"result\":\"late\"}").headersDelay(4, TimeUnit.SECONDS).build());
        f.ok("\"ok\"");
        // OkHttp's own timer, not the injected clock: short, yet far above a loopback answer.
        BitrixClient client = f.client(ClientFixture.settings().withRequestTimeout(Duration.ofMillis(300)));
        assertRecoveredAfterOneRetry(client);
        assertTrue(f.logs.any("network problem"), f.logs.lines.toString());
    }

    @Test
    void retriesATruncatedJsonBodyThenSucceeds() {
        f.enqueue(200, "{\"result\":[{\"ID\":\"1\"},{\"ID\"");
        f.ok("\"ok\"");
        assertRecoveredAfterOneRetry(f.client());
    }

    @Test
    void retriesAConnectionDroppedMidBodyThenSucceeds() {
        f.server.enqueue(new MockResponse.Builder().body("{\"result\":[{\"ID\":\"1\"}]}")
                .onResponseBody(new SocketEffect.CloseSocket()).build());
        f.ok("\"ok\"");
        assertRecoveredAfterOneRetry(f.client());
    }

    @Test
    void neverRetriesInvalidCredentials() {
        f.enqueue(401, "{\"error\":\"NO_AUTH_FOUND\",\"error_description\":\"Wrong authorization data\"}");
        f.ok("\"never reached\"");
        BitrixClient client = f.client();
        BitrixException e = assertThrows(BitrixException.class, () -> client.call("scope", noParams()));
        assertEquals(BitrixErrorKind.AUTHENTICATION, e.kind());
        assertEquals(1, f.server.getRequestCount());
        assertEquals(0, client.stats().retries());
        assertTrue(f.time.sleeps.isEmpty());
    }

    @Test
    void backoffGrowsExponentiallyWithJitter() {
        for (int i = 0; i < 3; i++) {
            f.enqueue(503, LIMIT);
        }
        f.ok("\"ok\"");
        f.client().call("crm.deal.list", noParams());
        assertEquals(3, f.time.sleeps.size());
        // initial 1 s, doubling, 25 % jitter
        double[] base = {1, 2, 4};
        for (int i = 0; i < 3; i++) {
            double s = f.time.sleeps.get(i).toMillis() / 1000.0;
            assertTrue(s >= base[i] * 0.75 - 0.01 && s <= base[i] * 1.25 + 0.01, "sleep " + i + " was " + s);
        }
    }

    @Test
    void honoursRetryAfterWhenLongerThanTheBackoff() {
        f.server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "7").body(LIMIT).build());
        f.ok("\"ok\"");
        f.client().call("crm.deal.list", noParams());
        assertEquals(Duration.ofSeconds(7), f.time.sleeps.get(0));
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        for (int i = 0; i < 4; i++) {
            f.enqueue(503, LIMIT);
        }
        BitrixClient client = f.client();
        BitrixException e = assertThrows(BitrixException.class, () -> client.call("crm.deal.list", noParams()));
        assertEquals(BitrixErrorKind.RATE_LIMIT, e.kind());
        assertEquals(4, f.server.getRequestCount());
        assertEquals(3, client.stats().retries());
        assertTrue(e.getMessage().contains("gave up after 4 attempts"), e.getMessage());
    }

    @Test
    void givesUpWhenTheNextWaitWouldPassTheTotalRetryTime() {
        f.server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "120").body(LIMIT).build());
        f.ok("\"never reached\"");
        BitrixClient client = f.client(ClientFixture.settings()
                .withRetries(10, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThrows(BitrixException.class, () -> client.call("crm.deal.list", noParams()));
        assertEquals(1, f.server.getRequestCount());
        assertTrue(f.time.sleeps.isEmpty());
    }

    @Test
    void countsEveryHttpRequestIncludingRetries() {
        f.enqueue(500, "{}");
        f.ok("1");
        f.ok("2");
        BitrixClient client = f.client();
        client.call("a.b", noParams());
        client.call("a.b", noParams());
        assertEquals(new RequestStats(3, 0, 1), client.stats());
    }
}
