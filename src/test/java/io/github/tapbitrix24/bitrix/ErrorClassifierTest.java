package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.BitrixErrorKind.ACCESS_DENIED;
import static io.github.tapbitrix24.bitrix.BitrixErrorKind.API;
import static io.github.tapbitrix24.bitrix.BitrixErrorKind.AUTHENTICATION;
import static io.github.tapbitrix24.bitrix.BitrixErrorKind.MALFORMED_RESPONSE;
import static io.github.tapbitrix24.bitrix.BitrixErrorKind.RATE_LIMIT;
import static io.github.tapbitrix24.bitrix.BitrixErrorKind.SERVER;
import static io.github.tapbitrix24.bitrix.BitrixErrorKind.SUBSCRIPTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How an answer that is not a result becomes a typed error: by code first, then by HTTP status
 * when the code says nothing, and what its one-line message says (docs: _includes/system-errors.md).
 */
class ErrorClassifierTest {
    private static final WebhookUrl W = WebhookUrl.parse("https://acme.bitrix24.eu/rest/1/s3cr3tT0ken/");
    private static final ErrorClassifier C = new ErrorClassifier(W);

    private static BitrixErrorKind kind(int status, String code, String description) {
        return C.classify("crm.deal.list", status, code, description, null).kind();
    }

    @Test
    void withoutACodeTheStatusDecides() {
        assertEquals(AUTHENTICATION, kind(401, "", ""));
        assertEquals(AUTHENTICATION, kind(401, "0", ""));
        assertEquals(API, kind(400, null, null));
        assertEquals(API, kind(499, "", ""));
        assertEquals(API, kind(0, "", ""));
        assertEquals(SERVER, kind(500, "", ""));
        assertEquals(SERVER, kind(503, "0", "whatever"));
        assertEquals(RATE_LIMIT, kind(429, "", ""));
        assertEquals(ACCESS_DENIED, kind(403, "", "Access denied for this user"));
        assertEquals(ACCESS_DENIED, kind(500, "", "access denied"));
    }

    @Test
    void anUnknownCodeIsTypedByItsStatus() {
        assertEquals(AUTHENTICATION, kind(401, "SOMETHING_NEW", ""));
        assertEquals(SUBSCRIPTION, kind(402, "SOMETHING_NEW", ""));
        assertEquals(SERVER, kind(500, "SOMETHING_NEW", ""));
        assertEquals(API, kind(499, "SOMETHING_NEW", ""));
        assertEquals(API, kind(200, "SOMETHING_NEW", "access denied"));
        assertEquals(RATE_LIMIT, kind(429, "SOMETHING_NEW", ""));
    }

    @Test
    void theMessageQuotesCodeAndDescriptionAndTheStatusOnlyWhenThereIsOne() {
        assertEquals("Bitrix24 error calling crm.deal.list (ODD: it broke) (HTTP 400)",
                C.classify("crm.deal.list", 400, " ODD ", " it broke ", null).getMessage());
        assertEquals("Bitrix24 error calling crm.deal.list (it broke)",
                C.classify("crm.deal.list", 0, "", "it broke", null).getMessage());
        assertEquals("Bitrix24 error calling crm.deal.list (ODD)",
                C.classify("crm.deal.list", 0, "ODD", "", null).getMessage());
        assertEquals("Bitrix24 server error calling crm.deal.list (no error code) (HTTP 500)",
                C.classify("crm.deal.list", 500, null, null, null).getMessage());
        assertEquals(Duration.ofSeconds(3),
                C.classify("crm.deal.list", 503, "QUERY_LIMIT_EXCEEDED", "", Duration.ofSeconds(3)).retryAfter().orElseThrow());
    }

    @Test
    void aMissingScopeIsNamedByTheMethodsModule() {
        assertEquals("telephony", ErrorClassifier.scopeOf("voximplant.statistic.get"));
        assertEquals("crm", ErrorClassifier.scopeOf("CRM.deal.list"));
        assertEquals("tasks", ErrorClassifier.scopeOf("tasks.task.list"));
        assertEquals("profile", ErrorClassifier.scopeOf("profile"));
        assertEquals("the webhook lacks the 'user' scope needed by user.get (INSUFFICIENT_SCOPE) (HTTP 401); add it to"
                + " the webhook in Bitrix24", C.classify("user.get", 401, "INSUFFICIENT_SCOPE", "", null).getMessage());
    }

    @Test
    void aPageThatIsNotJsonIsRetriedUnlessAFourHundredSaysTheUrlIsWrong() {
        assertEquals(MALFORMED_RESPONSE, C.malformed("m", 0, "x", null).kind());
        assertEquals(MALFORMED_RESPONSE, C.malformed("m", 200, "x", null).kind());
        assertEquals(MALFORMED_RESPONSE, C.malformed("m", 399, "x", null).kind());
        assertEquals(MALFORMED_RESPONSE, C.malformed("m", 408, "x", null).kind());
        assertEquals(MALFORMED_RESPONSE, C.malformed("m", 429, "x", null).kind());
        assertEquals(MALFORMED_RESPONSE, C.malformed("m", 500, "x", null).kind());
        assertEquals(API, C.malformed("m", 400, "x", null).kind());
        assertEquals(API, C.malformed("m", 499, "x", null).kind());
        assertEquals(AUTHENTICATION, C.malformed("m", 401, "x", null).kind());
        assertEquals(SUBSCRIPTION, C.malformed("m", 402, "x", null).kind());
        assertEquals("unreadable answer to m (HTTP 404): an HTML page; check webhook_url",
                C.malformed("m", 404, "an HTML page", null).getMessage());
        assertEquals("unreadable answer to m (HTTP 401): x; check the webhook's secret in webhook_url",
                C.malformed("m", 401, "x", null).getMessage());
        assertEquals("unreadable answer to m (HTTP 402): x; the portal's subscription may have expired",
                C.malformed("m", 402, "x", null).getMessage());
        assertEquals("unreadable answer to m: x", C.malformed("m", 0, "x", null).getMessage());
    }

    @Test
    void aCauseIsKeptOnlyWhenNothingInItsChainHoldsTheSecret() {
        IOException clean = new IOException("reset", new IOException("deeper"));
        assertSame(clean, C.safe(clean));
        assertSame(clean, C.malformed("m", 0, "x", clean).getCause());
        assertNull(C.safe(new IOException("reset", new IOException("GET " + W.methodUrl("m")))));
        assertNull(C.safe(null));
        IOException noMessage = new IOException();
        assertSame(noMessage, C.safe(noMessage));
    }
}
