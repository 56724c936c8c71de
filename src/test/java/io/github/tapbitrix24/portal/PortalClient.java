package io.github.tapbitrix24.portal;

import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A bare HTTP client for the simulator tests (the tap's own client lives in another package). */
public final class PortalClient {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    record Response(int status, String body, String contentType) {
        JsonNode json() {
            return MAPPER.readTree(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public PortalClient(PortalSimulator sim) {
        this(sim.webhookUrl());
    }

    public PortalClient(String base) {
        this.base = base;
    }

    Response post(String method, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + method)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response form(String method, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String methodAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + methodAndQuery)).GET());
    }

    public JsonNode ok(String method, String json) {
        Response r = post(method, json);
        if (r.status() != 200) {
            throw new AssertionError(method + " answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
