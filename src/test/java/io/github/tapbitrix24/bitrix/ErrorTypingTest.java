package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.noParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each error class of bitrix24-api.md §4.3, seen from a single call that is not retried. */
class ErrorTypingTest {
    private final ClientFixture f;

    ErrorTypingTest() throws Exception {
        f = new ClientFixture();
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** One attempt only, so retryable kinds surface as they were classified. */
    private BitrixException fails(String method, int status, String body) {
        f.enqueue(status, body);
        BitrixClient client = f.client(ClientFixture.settings()
                .withRetries(1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)));
        return assertThrows(BitrixException.class, () -> client.call(method, noParams()));
    }

    @Test
    void noAuthFoundIsAnAuthenticationErrorThatPointsAtTheWebhook() {
        BitrixException e = fails("scope", 401, "{\"error\":\"NO_AUTH_FOUND\",\"error_description\":\"Wrong authorization data\"}");
        assertEquals(BitrixErrorKind.AUTHENTICATION, e.kind());
        assertEquals("NO_AUTH_FOUND", e.code());
        assertEquals(401, e.httpStatus());
        assertTrue(e.getMessage().contains("check webhook_url"), e.getMessage());
    }

    @Test
    void insufficientScopeNamesTheMissingScope() {
        BitrixException e = fails("voximplant.statistic.get", 403, "{\"error\":\"insufficient_scope\",\"error_description\":\"\"}");
        assertEquals(BitrixErrorKind.INSUFFICIENT_SCOPE, e.kind());
        assertTrue(e.getMessage().contains("'telephony' scope"), e.getMessage());
        assertEquals("voximplant.statistic.get", e.method());
    }

    @Test
    void unknownMethodIsMethodNotFound() {
        BitrixException e = fails("imopenlines.config.list.get", 404,
                "{\"error\":\"ERROR_METHOD_NOT_FOUND\",\"error_description\":\"Method not found!\"}");
        assertEquals(BitrixErrorKind.METHOD_NOT_FOUND, e.kind());
    }

    @Test
    void emptyCodeWithAccessDeniedDescriptionIsAccessDenied() {
        BitrixException e = fails("crm.deal.list", 400, "{\"error\":\"\",\"error_description\":\"Access denied.\"}");
        assertEquals(BitrixErrorKind.ACCESS_DENIED, e.kind());
        assertEquals("", e.code());
    }

    /** A real portal answers a wrong secret so (b24pysdk's integration test): the secret, not the rights. */
    @Test
    void invalidCredentialsIsAnAuthenticationErrorThatPointsAtTheSecret() {
        BitrixException e = fails("crm.deal.list", 401,
                "{\"error\":\"INVALID_CREDENTIALS\",\"error_description\":\"Invalid request credentials\"}");
        assertEquals(BitrixErrorKind.AUTHENTICATION, e.kind());
        assertTrue(e.getMessage().contains("check the webhook's secret"), e.getMessage());
    }

    @Test
    void paymentRequiredNamesTheSubscriptionNotTheWebhook() {
        BitrixException e = fails("crm.deal.list", 402,
                "{\"error\":\"PAYMENT_REQUIRED\",\"error_description\":\"Payment required\"}");
        assertEquals(BitrixErrorKind.SUBSCRIPTION, e.kind());
        assertTrue(e.getMessage().contains("subscription"), e.getMessage());
        assertFalse(e.getMessage().contains("webhook_url"), e.getMessage());
    }

    @Test
    void anHtmlPaymentRequiredPageNamesTheSubscriptionNotTheWebhook() {
        BitrixException e = fails("crm.deal.list", 402, "<html><body>Payment required</body></html>");
        assertEquals(BitrixErrorKind.SUBSCRIPTION, e.kind());
        assertFalse(e.getMessage().contains("webhook_url"), e.getMessage());
    }

    @Test
    void restOnlyOnCommercialPlansFailsTheRunInsteadOfSkippingStreams() {
        BitrixException e = fails("crm.deal.list", 403,
                "{\"error\":\"ACCESS_DENIED\",\"error_description\":\"REST API is available only on commercial plans\"}");
        assertTrue(e.kind().refusesEverything(), e.kind().toString());
    }

    @Test
    void numericZeroCodeWithNotFoundIsAnApiError() {
        BitrixException e = fails("crm.deal.get", 400, "{\"error\":0,\"error_description\":\"Not found\"}");
        assertEquals(BitrixErrorKind.API, e.kind());
        assertTrue(e.getMessage().contains("Not found"));
    }

    @Test
    void queryLimitIsRecognisedByCodeOn503() {
        BitrixException e = fails("crm.deal.list", 503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
        assertEquals(BitrixErrorKind.RATE_LIMIT, e.kind());
    }

    @Test
    void queryLimitIsRecognisedByCodeOnOlder429() {
        assertEquals(BitrixErrorKind.RATE_LIMIT, fails("crm.deal.list", 429,
                "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}").kind());
    }

    @Test
    void queryLimitIsRecognisedByCodeEvenWith200() {
        assertEquals(BitrixErrorKind.RATE_LIMIT, fails("crm.deal.list", 200,
                "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}").kind());
    }

    @Test
    void operationTimeLimitIsItsOwnKind() {
        f.enqueue(429, "{\"error\":\"OPERATION_TIME_LIMIT\",\"error_description\":\"Method is blocked due to operation time limit.\"}");
        ClientSettings noWaits = new ClientSettings(1000, 1000, Duration.ofSeconds(10), 200, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1), 0, Duration.ofSeconds(60), "t");
        BitrixException e = assertThrows(BitrixException.class, () -> f.client(noWaits).call("crm.deal.list", noParams()));
        assertEquals(BitrixErrorKind.OPERATING_TIME_LIMIT, e.kind());
    }

    @Test
    void internalServerErrorIsServer() {
        assertEquals(BitrixErrorKind.SERVER, fails("crm.deal.list", 500,
                "{\"error\":\"INTERNAL_SERVER_ERROR\",\"error_description\":\"Internal server error\"}").kind());
    }

    @Test
    void bare5xxWithoutCodeIsServer() {
        assertEquals(BitrixErrorKind.SERVER, fails("crm.deal.list", 502, "{}").kind());
    }

    @Test
    void portalDeletedIsNotRetryable() {
        BitrixException e = fails("crm.deal.list", 500, "{\"error\":\"PORTAL_DELETED\",\"error_description\":\"Portal was deleted\"}");
        assertEquals(BitrixErrorKind.API, e.kind());
        assertTrue(!e.kind().retryable());
    }

    @Test
    void invalidArgumentIsAnApiError() {
        assertEquals(BitrixErrorKind.API, fails("crm.item.list", 400,
                "{\"error\":\"INVALID_ARG_VALUE\",\"error_description\":\"Invalid filter field\"}").kind());
    }

    @Test
    void htmlPageFromAProxyIsMalformed() {
        f.server.enqueue(new mockwebserver3.MockResponse.Builder().code(502)
                .setHeader("Content-Type", "text/html").body("<html><body>Bad Gateway</body></html>").build());
        BitrixClient client = f.client(ClientFixture.settings()
                .withRetries(1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)));
        BitrixException e = assertThrows(BitrixException.class, () -> client.call("crm.deal.list", noParams()));
        assertEquals(BitrixErrorKind.MALFORMED_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("HTML"), e.getMessage());
    }

    @Test
    void truncatedJsonIsMalformed() {
        assertEquals(BitrixErrorKind.MALFORMED_RESPONSE, fails("crm.deal.list", 200, "{\"result\":[{\"ID\":\"1\"},").kind());
    }

    @Test
    void jsonWithoutResultOrErrorIsMalformed() {
        assertEquals(BitrixErrorKind.MALFORMED_RESPONSE, fails("crm.deal.list", 200, "{\"time\":{}}").kind());
    }

    @Test
    void emptyBodyIsMalformed() {
        assertEquals(BitrixErrorKind.MALFORMED_RESPONSE, fails("crm.deal.list", 200, "").kind());
    }

    @Test
    void refusedConnectionIsATransportError() throws Exception {
        WebhookUrl dead;
        try (mockwebserver3.MockWebServer s = new mockwebserver3.MockWebServer()) {
            s.start();
            dead = WebhookUrl.parse(s.url("/rest/1/" + ClientFixture.TOKEN + "/").toString());
        }
        BitrixClient client = new BitrixClient(dead, ClientFixture.settings()
                .withRetries(1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)), f.time, f.time);
        BitrixException e = assertThrows(BitrixException.class, () -> client.call("scope", noParams()));
        assertEquals(BitrixErrorKind.TRANSPORT, e.kind());
        assertEquals(0, e.httpStatus());
    }
}
