package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.body;
import static io.github.tapbitrix24.bitrix.ClientFixture.noParams;
import static io.github.tapbitrix24.bitrix.ClientFixture.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedirectTest {
    private final ClientFixture f;
    private final MockWebServer renamed = new MockWebServer();

    RedirectTest() throws Exception {
        f = new ClientFixture();
        renamed.start();
    }

    @AfterEach
    void close() {
        renamed.close();
        f.close();
    }

    private void redirect(int status) {
        // same host name as the portal (a rename to another host is refused, RedirectRefusalTest), other port
        String location = "http://" + f.server.getHostName() + ":" + renamed.getPort() + "/rest/1/" + ClientFixture.TOKEN + "/crm.deal.list";
        f.server.enqueue(new MockResponse.Builder().code(status).setHeader("Location", location).build());
    }

    @Test
    void rePostsTheSameBodyToTheNewPortal() throws Exception {
        redirect(302);
        renamed.enqueue(new MockResponse.Builder().body("{\"result\":[{\"ID\":\"1\"}]}").build());
        BitrixClient client = f.client();
        Envelope e = client.call("crm.deal.list", params("{\"filter\":{\">ID\":0}}"));
        assertEquals("1", e.result().get(0).get("ID").stringValue());
        RecordedRequest moved = renamed.takeRequest();
        assertEquals("POST", moved.getMethod());
        assertEquals(params("{\"filter\":{\">ID\":0}}"), body(moved));
        assertEquals("/rest/1/" + ClientFixture.TOKEN + "/crm.deal.list", moved.getUrl().encodedPath());
    }

    @Test
    void keepsUsingTheNewPortalAndLogsItMasked() {
        redirect(301);
        renamed.enqueue(new MockResponse.Builder().body("{\"result\":1}").build());
        renamed.enqueue(new MockResponse.Builder().body("{\"result\":2}").build());
        BitrixClient client = f.client();
        client.call("crm.deal.list", noParams());
        client.call("crm.deal.list", noParams());
        assertEquals(1, f.server.getRequestCount());
        assertEquals(2, renamed.getRequestCount());
        assertEquals(f.server.getHostName() + ":" + renamed.getPort(), client.webhook().host());
        assertTrue(f.logs.any("now using http://" + f.server.getHostName() + ":" + renamed.getPort() + "/rest/1/***/"),
                f.logs.lines.toString());
        assertFalse(f.logs.lines.stream().anyMatch(l -> l.contains(ClientFixture.TOKEN)));
    }

    @Test
    void followsA307AndA308Too() throws Exception {
        for (int status : new int[] {307, 308}) {
            redirect(status);
            renamed.enqueue(new MockResponse.Builder().body("{\"result\":" + status + "}").build());
            assertEquals(status, f.client().call("crm.deal.list", params("{\"id\":" + status + "}")).result().intValue());
            RecordedRequest moved = renamed.takeRequest();
            assertEquals("POST", moved.getMethod(), "after " + status);
            assertEquals(params("{\"id\":" + status + "}"), body(moved), "the same body after " + status);
        }
        assertEquals(2, f.server.getRequestCount());
    }

    @Test
    void refusesToSendTheSecretToAPlainHttpPublicHost() {
        f.server.enqueue(new MockResponse.Builder().code(302)
                .setHeader("Location", "http://evil.example.com/rest/1/" + ClientFixture.TOKEN + "/crm.deal.list").build());
        BitrixClient client = f.client(ClientFixture.settings()
                .withRetries(1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)));
        BitrixException e = assertThrows(BitrixException.class, () -> client.call("crm.deal.list", noParams()));
        assertTrue(e.getMessage().contains("non-https"), e.getMessage());
        assertEquals(1, f.server.getRequestCount());
    }
}
