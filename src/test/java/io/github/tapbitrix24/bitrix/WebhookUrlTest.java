package io.github.tapbitrix24.bitrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What {@code webhook_url} values the client takes, how it writes them back (with and without the
 * secret), and which are refused with a message that never holds the secret.
 */
class WebhookUrlTest {
    private static final String SECRET = "s3cr3tT0ken";

    private static String refused(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebhookUrl.parse(raw), raw);
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        return e.getMessage();
    }

    @Test
    void anInboundWebhookIsSplitIntoHostUserAndSecret() {
        WebhookUrl w = WebhookUrl.parse("  HTTPS://acme.bitrix24.eu/rest/17/" + SECRET + "/  ");
        assertEquals("https", w.scheme());
        assertEquals("acme.bitrix24.eu", w.host());
        assertEquals("17", w.userId());
        assertEquals("https://acme.bitrix24.eu/rest/17/" + SECRET + "/crm.deal.list", w.methodUrl("crm.deal.list"));
        assertEquals("https://acme.bitrix24.eu/rest/17/***/", w.masked());
        assertEquals(w.masked(), w.toString());
    }

    @Test
    void aPortAPathPrefixAndAnIpv6HostAreKept() {
        assertEquals("https://box.example:8443/b24/rest/1/" + SECRET + "/",
                WebhookUrl.parse("https://box.example:8443/b24/rest/1/" + SECRET + "/profile").baseUrl());
        assertEquals("[::1]:8080", WebhookUrl.parse("http://[::1]:8080/rest/1/" + SECRET + "/").host());
        assertEquals("https://box.example:65535/rest/1/***/",
                WebhookUrl.parse("https://box.example:65535/rest/1/" + SECRET).masked());
        assertEquals("box.example:1", WebhookUrl.parse("https://box.example:1/rest/1/" + SECRET).host());
    }

    @Test
    void plainHttpIsTakenOnlyForLoopbackHosts() {
        for (String host : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]",
                "[0:0:0:0:0:0:0:1]"}) {
            assertEquals("http", WebhookUrl.parse("http://" + host + ":9000/rest/1/" + SECRET + "/").scheme(), host);
        }
        for (String host : new String[] {"acme.bitrix24.eu", "128.0.0.1", "127.0.0.1.example", "localhost.example"}) {
            assertTrue(refused("http://" + host + "/rest/1/" + SECRET + "/").contains("https://"), host);
        }
        assertTrue(WebhookUrl.isLoopback("[::1]"));
        assertFalse(WebhookUrl.isLoopback("[::2]"));
    }

    @Test
    void valuesThatAreNoWebhookAreRefusedWithoutTheSecret() {
        assertEquals("webhook_url is empty", refused(null));
        assertEquals("webhook_url is empty", refused("   "));
        assertEquals("webhook_url is not a valid URL", refused("https://acme bitrix24.eu/rest/1/" + SECRET + "/"));
        assertTrue(refused("ftp://acme.bitrix24.eu/rest/1/" + SECRET + "/").contains("must look like"));
        assertTrue(refused("acme.bitrix24.eu/rest/1/" + SECRET + "/").contains("must look like"));
        assertTrue(refused("https://acme.bitrix24.eu/api/1/" + SECRET + "/").contains("no /rest/<user_id>/<secret>/ path"));
        assertTrue(refused("https://acme.bitrix24.eu/rest/x/" + SECRET + "/").contains("no /rest/"));
        assertTrue(refused("https://acme.bitrix24.eu:0/rest/1/" + SECRET + "/").contains("invalid port 0"));
        assertTrue(refused("https://acme.bitrix24.eu:65536/rest/1/" + SECRET + "/").contains("invalid port 65536"));
    }

    @Test
    void theSecretIsRedactedWhereverItAppearsAndShortTextIsLeftAsIs() {
        WebhookUrl w = WebhookUrl.parse("https://acme.bitrix24.eu/rest/1/" + SECRET + "/");
        assertEquals("a *** b ***", w.redact("a " + SECRET + " b " + SECRET));
        assertEquals("***", w.redact(SECRET));
        assertEquals("s3cr3t", w.redact("s3cr3t"));
        assertEquals(null, w.redact(null));
    }

    @Test
    void twoWebhooksAreEqualWhenTheyCallTheSameUrl() {
        WebhookUrl a = WebhookUrl.parse("https://acme.bitrix24.eu/rest/1/" + SECRET + "/");
        WebhookUrl b = WebhookUrl.parse("https://acme.bitrix24.eu/rest/1/" + SECRET + "/profile");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, WebhookUrl.parse("https://acme.bitrix24.eu/rest/2/" + SECRET + "/"));
        assertNotEquals(a.hashCode(), WebhookUrl.parse("https://acme.bitrix24.eu/rest/1/other/").hashCode());
        assertNotEquals(a, a.baseUrl());
        assertEquals("https://acme.bitrix24.ru/rest/1/" + SECRET + "/", a.withHost("https", "acme.bitrix24.ru").baseUrl());
    }
}
