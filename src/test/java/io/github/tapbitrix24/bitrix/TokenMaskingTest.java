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
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token never appears in any message the client produces, even when the server echoes the
 * URL back in its error text or a proxy page.
 */
class TokenMaskingTest {
    private static final String ECHO = "https://x.bitrix24.com/rest/1/" + TOKEN + "/crm.deal.list";
    private final ClientFixture f;

    TokenMaskingTest() throws Exception {
        f = new ClientFixture();
    }

    @AfterEach
    void close() {
        assertNoTokenInLogs();
        f.close();
    }

    private void assertNoTokenInLogs() {
        for (String line : f.logs.lines) {
            assertFalse(line.contains(TOKEN), line);
        }
    }

    private static void assertClean(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(TOKEN), trace.toString());
        assertFalse(String.valueOf(e).contains(TOKEN));
    }

    private BitrixException failure(BitrixClient client) {
        BitrixException e = assertThrows(BitrixException.class, () -> client.call("crm.deal.list", noParams()));
        assertClean(e);
        return e;
    }

    private BitrixClient oneTry() {
        return f.client(ClientFixture.settings().withRetries(1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)));
    }

    @Test
    void everyErrorCodeMessageIsMasked() {
        for (String code : List.of("NO_AUTH_FOUND", "insufficient_scope", "ERROR_METHOD_NOT_FOUND", "ACCESS_DENIED",
                "INTERNAL_SERVER_ERROR", "INVALID_ARG_VALUE", "", "OPERATION_TIME_LIMIT", "QUERY_LIMIT_EXCEEDED")) {
            f.enqueue(400, "{\"error\":\"" + code + "\",\"error_description\":\"failed at " + ECHO + "\"}");
            BitrixException e = failure(f.client(new ClientSettings(1000, 1000, Duration.ofSeconds(10), 200, 1,
                    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1), 0, Duration.ofSeconds(1), "t")));
            assertTrue(e.getMessage().contains("/rest/1/***/"), e.getMessage());
        }
    }

    @Test
    void retryLogLinesAreMasked() {
        f.enqueue(503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"slow down " + ECHO + "\"}");
        f.ok("1");
        f.client().call("crm.deal.list", noParams());
        assertTrue(f.logs.any("retrying"));
    }

    @Test
    void malformedBodyMessagesAreMasked() {
        f.server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html>" + ECHO + "</html>").build());
        failure(oneTry());
        f.enqueue(200, "{\"result\": \"" + ECHO);
        failure(oneTry());
    }

    @Test
    void timeoutMessagesAreMasked() {
        f.server.enqueue(new MockResponse.Builder().body("{}").headersDelay(4, TimeUnit.SECONDS).build());
        // OkHttp's own timer, not the injected clock: kept short, the request is the only one.
        failure(f.client(ClientFixture.settings().withRequestTimeout(Duration.ofMillis(100))
                .withRetries(1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1))));
    }

    @Test
    void connectionFailureMessagesAreMasked() throws Exception {
        WebhookUrl dead;
        try (MockWebServer s = new MockWebServer()) {
            s.start();
            dead = WebhookUrl.parse(s.url("/rest/1/" + TOKEN + "/").toString());
        }
        BitrixClient client = new BitrixClient(dead, ClientFixture.settings()
                .withRetries(2, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)), f.time, f.time);
        BitrixException e = assertThrows(BitrixException.class, () -> client.call("crm.deal.list", noParams()));
        assertClean(e);
    }

    @Test
    void redirectMessagesAreMasked() {
        f.server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "http://evil.example.com/rest/1/"
                + TOKEN + "/crm.deal.list").build());
        failure(oneTry());
    }

    @Test
    void batchSubErrorMessagesAreMasked() {
        f.enqueue(200, "{\"result\":{\"result_error\":{\"a\":{\"error\":\"INVALID_ARG_VALUE\",\"error_description\":\""
                + ECHO + "\"}}}}");
        BatchResult r = f.client().batch(List.of(new BatchCommand("a", "crm.deal.list", noParams())));
        assertClean(r.get("a").error());
    }

    @Test
    void webhookAndClientSettingsPrintMasked() {
        BitrixClient client = f.client();
        io.github.tapbitrix24.config.TapConfig config = io.github.tapbitrix24.config.TapConfig.defaults(f.webhook);
        // What a log line or an exception may print about the client: each shows the masked webhook or none.
        for (Object printed : List.of(f.webhook, client.webhook(), client.webhook().masked(), ClientFixture.settings(),
                config, config.clientSettings())) {
            assertFalse(String.valueOf(printed).contains(TOKEN), printed.getClass().getSimpleName() + ": " + printed);
        }
        assertTrue(f.webhook.toString().contains("/rest/1/***/"), f.webhook.toString());
        assertTrue(config.toString().contains("/rest/1/***/"), "the config names its webhook, masked: " + config);
    }

    @Test
    void anyWebhookShapedTextIsMaskedButMethodPathsAndMaskedUrlsStay() {
        assertEquals("Unmatched argument at index 0: 'https://x.bitrix24.ru/rest/7/***/'",
                WebhookUrl.maskAny("Unmatched argument at index 0: 'https://x.bitrix24.ru/rest/7/abcDEF123/'"));
        assertEquals("config file https:/x.ru/rest/1/*** does not exist",
                WebhookUrl.maskAny("config file https:/x.ru/rest/1/s3cr3t does not exist"));
        assertEquals("https://x.ru/rest/1/***/", WebhookUrl.maskAny("https://x.ru/rest/1/***/"));
        assertEquals("https://x.ru/rest/crm.deal.list", WebhookUrl.maskAny("https://x.ru/rest/crm.deal.list"));
    }
}
