package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.TOKEN;
import static io.github.tapbitrix24.bitrix.ClientFixture.noParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A transport failure whose own message quotes the webhook URL, secret included: a proxy or load
 * balancer answering with a broken status line that echoes the request, which OkHttp puts verbatim
 * into its {@link java.net.ProtocolException}. The timeout and connection-refused messages OkHttp
 * writes never hold the path, so only a failure like this one proves the transport path masks.
 */
class TransportMaskingTest {
    private final ClientFixture f;

    TransportMaskingTest() throws Exception {
        f = new ClientFixture();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private void brokenStatusLineEchoingTheUrl() {
        f.server.enqueue(new MockResponse.Builder()
                .status("HTTP/1.1 2OO upstream failed: POST " + f.webhook.methodUrl("crm.deal.list")).build());
    }

    @Test
    void aTransportFailureQuotingTheWebhookUrlIsMaskedInMessageTraceAndLogs() {
        brokenStatusLineEchoingTheUrl();
        brokenStatusLineEchoingTheUrl();
        BitrixClient client = f.client(ClientFixture.settings()
                .withRetries(2, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)));

        BitrixException e = assertThrows(BitrixException.class, () -> client.call("crm.deal.list", noParams()));

        assertEquals(BitrixErrorKind.TRANSPORT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("/rest/1/***/crm.deal.list"),
                "the failure's message carries the URL, masked: " + e.getMessage());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(TOKEN), trace.toString());
        assertTrue(f.logs.any("retrying"), "the retry was logged: " + f.logs.lines);
        f.logs.lines.forEach(line -> assertFalse(line.contains(TOKEN), line));
    }
}
