package io.github.tapbitrix24.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The strategy the reference connector documents, as a baseline: every list read page by page with
 * {@code start} offsets (0, 50, 100, … while the answer has {@code next}), so the portal counts the
 * filtered set on every page; and one request per deal for each child option
 * ({@code crm.deal.contact.items.get}, {@code crm.timeline.comment.list} with its own paging,
 * {@code crm.deal.productrows.get}). It really sends these requests over HTTP, one at a time, and
 * parses every answer (it needs {@code next}); it does not coerce or write records, so its CPU is
 * not compared with the tap's.
 */
final class NaiveClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one naive stream read: requests sent and records received. */
    record Read(String stream, long requests, long records) {
    }

    private final String webhook;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** @param webhook {@code http://127.0.0.1:port/rest/1/token/} (through the trace relay) */
    NaiveClient(String webhook) {
        this.webhook = webhook;
    }

    /** Pages a list method with start offsets; {@code ids} (may be null) collects the {@code ID}s read. */
    Read list(String stream, String method, ObjectNode params, String itemsKey, List<Long> ids)
            throws IOException, InterruptedException {
        long requests = 0;
        long records = 0;
        long start = 0;
        while (true) {
            ObjectNode p = params.deepCopy();
            p.put("start", start);
            JsonNode answer = call(method, p);
            requests++;
            JsonNode rows = itemsKey == null ? answer.path("result") : answer.path("result").path(itemsKey);
            records += rows.size();
            if (ids != null) {
                for (JsonNode r : rows) {
                    ids.add(r.path("ID").asLong(r.path("id").asLong()));
                }
            }
            JsonNode next = answer.get("next");
            if (next == null || next.isNull()) {
                return new Read(stream, requests, records);
            }
            start = next.asLong();
        }
    }

    /** One request per deal (with the comment list's own {@code next} paging when a deal has more than 50). */
    Read perDeal(String stream, String method, List<Long> dealIds) throws IOException, InterruptedException {
        long requests = 0;
        long records = 0;
        for (long id : dealIds) {
            ObjectNode p = JSON.createObjectNode();
            if (method.equals("crm.timeline.comment.list")) {
                p.putObject("filter").put("ENTITY_ID", id).put("ENTITY_TYPE", "deal");
            } else {
                p.put("id", id);
            }
            long start = 0;
            while (true) {
                if (start > 0) {
                    p.put("start", start);
                }
                JsonNode answer = call(method, p);
                requests++;
                records += answer.path("result").size();
                JsonNode next = answer.get("next");
                if (next == null || next.isNull()) {
                    break;
                }
                start = next.asLong();
            }
        }
        return new Read(stream, requests, records);
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    static ObjectNode byId(String idField, String... select) {
        ObjectNode p = JSON.createObjectNode();
        p.putObject("order").put(idField, "ASC");
        if (select.length > 0) {
            var s = p.putArray("select");
            for (String f : select) {
                s.add(f);
            }
        }
        return p;
    }

    private JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook + method + ".json"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(params))).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(method + " answered HTTP " + response.statusCode() + ": "
                    + new String(response.body(), 0, Math.min(300, response.body().length), java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    /** A systematic sample of {@code n} ids spread over the whole list (every k-th). */
    static List<Long> sample(List<Long> ids, int n) {
        if (ids.size() <= n) {
            return ids;
        }
        List<Long> out = new ArrayList<>(n);
        double step = ids.size() / (double) n;
        for (int i = 0; i < n; i++) {
            out.add(ids.get((int) (i * step)));
        }
        return out;
    }
}
