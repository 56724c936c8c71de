package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deterministic fault injection. */
class PortalFaultsTest {
    static PortalSimulator sim;
    static PortalClient client;

    @BeforeAll
    static void start() {
        sim = PortalSimulator.start(PortalOptions.defaults().withDeals(20).withRateLimit(false)
                .withOperatingLimit(false).withSlowDelay(Duration.ofMillis(600)));
        client = new PortalClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void queuedFaultsHitTheNextRequestsThenServiceResumes() {
        sim.faults().failNext(1, Fault.HTTP_500).failNext(1, Fault.HTML_502).failNext(1, Fault.HTTP_503_RATE);
        PortalClient.Response a = client.post("scope", "{}");
        assertEquals(500, a.status());
        assertEquals("INTERNAL_SERVER_ERROR", a.json().get("error").stringValue());
        PortalClient.Response b = client.post("scope", "{}");
        assertEquals(502, b.status());
        assertTrue(b.contentType().startsWith("text/html") && b.body().contains("502 Bad Gateway"));
        assertEquals(503, client.post("scope", "{}").status());
        assertEquals(200, client.post("scope", "{}").status());
    }

    @Test
    void truncatedBodyIsNotValidJson() {
        sim.faults().failNext(1, Fault.TRUNCATED);
        PortalClient.Response r = client.post("crm.deal.list", "{}");
        assertEquals(200, r.status());
        assertThrows(RuntimeException.class, r::json);
    }

    @Test
    void resetClosesTheConnectionWithoutAnswer() {
        sim.faults().failNext(1, Fault.RESET);
        assertThrows(UncheckedIOException.class, () -> client.post("scope", "{}"));
        assertEquals(200, client.post("scope", "{}").status());
    }

    @Test
    void faultsCanTargetOneMethod() {
        sim.faults().failNext(1, Fault.HTTP_500, "crm.deal.list");
        assertEquals(200, client.post("scope", "{}").status());
        assertEquals(500, client.post("crm.deal.list", "{}").status());
    }

    @Test
    void slowResponseOutlastsAShortClientTimeout() throws Exception {
        sim.faults().failNext(1, Fault.SLOW);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(sim.webhookUrl() + "scope"))
                .timeout(Duration.ofMillis(200)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThrows(HttpTimeoutException.class, () -> http.send(req, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void randomFaultsAreRepeatableWithTheSameSeed() {
        List<Integer> first = statuses(7);
        List<Integer> second = statuses(7);
        assertEquals(first, second);
        assertTrue(first.stream().anyMatch(s -> s != 200) && first.stream().anyMatch(s -> s == 200), first.toString());
    }

    private List<Integer> statuses(long seed) {
        sim.faults().random(seed, 0.4, Fault.HTTP_500, Fault.HTTP_503_RATE);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(client.post("scope", "{}").status());
        }
        sim.faults().clear();
        return out;
    }
}
