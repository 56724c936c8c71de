package io.github.tapbitrix24.bitrix;

import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A MockWebServer posing as a portal, a client pointed at it, fake time and captured logs. */
final class ClientFixture implements AutoCloseable {
    static final String TOKEN = "s3cr3tT0kenXYZ";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();
    final LogCapture logs = new LogCapture();
    final WebhookUrl webhook;

    ClientFixture() throws IOException {
        server.start();
        webhook = WebhookUrl.parse(server.url("/rest/1/" + TOKEN + "/").toString());
    }

    /** Fast settings: no throttling unless a test asks, quick timeouts, four attempts. */
    static ClientSettings settings() {
        return ClientSettings.defaults()
                .withThrottle(1000, 1000)
                .withRequestTimeout(Duration.ofMillis(400))
                .withRetries(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));
    }

    BitrixClient client() {
        return client(settings());
    }

    BitrixClient client(ClientSettings settings) {
        return new BitrixClient(webhook, settings, time, time);
    }

    void enqueue(int status, String body) {
        server.enqueue(new MockResponse.Builder().code(status)
                .setHeader("Content-Type", "application/json").body(body).build());
    }

    void ok(String resultJson) {
        enqueue(200, "{\"result\":" + resultJson + ",\"time\":{\"start\":1725292115.0,\"finish\":1725292115.5,"
                + "\"duration\":0.5,\"processing\":0.2,\"operating\":0.2,\"operating_reset_at\":1725292715}}");
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(2, java.util.concurrent.TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived");
        }
        return r;
    }

    static JsonNode body(RecordedRequest r) {
        return JSON.readTree(r.getBody().utf8());
    }

    static ObjectNode params(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    static ObjectNode noParams() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        logs.close();
        server.close();
    }
}
