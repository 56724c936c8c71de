package io.github.tapbitrix24.replay;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A MockWebServer that answers each method with its replay fixture ({@link Fixtures}), over real
 * HTTP: a direct call gets the fixture's status and body; a {@code batch} gets each sub-call's
 * fixture folded into the batch envelope (D:settings/how-to-call-rest-api/batch.md), with
 * {@code result_error} as PHP's empty {@code []} when nothing failed, as real portals send it
 * (F:tests/real_responses/batch_list_empty.py). A method without a fixture answers
 * {@code ERROR_METHOD_NOT_FOUND}, as a portal without that module does. A call with an
 * {@code entityTypeId} takes {@code <method>@entityTypeId=<id>.json} when there is one (the deals'
 * contact links read through crm.item.list), else, for a smart process, the method's fixture. A list answered as an array
 * keeps only the rows inside the numeric bounds the call's filter names ({@code >ID}, {@code <=ID},
 * {@code ENTITY_TYPE_ID: 8}, as a server applies them), so a reader that scans ID windows
 * (task.elapseditem.getlist) or owner types (crm.address.list) sees each row once.
 */
final class ReplayPortal implements AutoCloseable {
    static final String TOKEN = "r3playT0ken";

    /**
     * Entity types whose crm.item.list / crm.item.fields answers differ from a smart process's (the generic fixtures are one):
     * leads, deals, contacts, companies, quotes, smart invoices (D:api-reference/crm/data-types.md#object_type).
     * Without a fixture of their own they answer as a method without one.
     */
    private static final Set<String> SYSTEM_TYPES = Set.of("1", "2", "3", "4", "7", "31");
    private static final Pattern FILTER_KEY = Pattern.compile("(?i)filter\\[(.+)\\]");
    private static final Pattern BOUND = Pattern.compile("(>=|<=|>|<|)(\\w+)");
    /** The one equality applied: rows of fixtures such as crm.timeline.comment.list name owners that are not in the others. */
    private static final String OWNER_TYPE = "ENTITY_TYPE_ID";

    final MockWebServer server = new MockWebServer();
    final List<String> methods = Collections.synchronizedList(new ArrayList<>());

    ReplayPortal() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start();
    }

    String webhookUrl() {
        return server.url("/rest/1/" + TOKEN + "/").toString();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String method = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.json$", "");
        JsonNode body = Fixtures.JSON.readTree(request.getBody().utf8());
        if (method.equals("batch")) {
            return json(200, batch(body.get("cmd")));
        }
        JsonNode f = fixture(method, body.path("entityTypeId").asString(""));
        Map<String, String> bounds = new HashMap<>();
        JsonNode filter = body.has("FILTER") ? body.get("FILTER") : body.path("filter");
        filter.properties().forEach(p -> bounds.put(p.getKey(), p.getValue().asString()));
        return json(f.get("status").asInt(), within(f.get("body"), bounds));
    }

    private JsonNode fixture(String method, String entityTypeId) {
        methods.add(method);
        JsonNode f = entityTypeId.isEmpty() ? null : Fixtures.load(method + "@entityTypeId=" + entityTypeId);
        f = f != null || method.startsWith("crm.item.") && SYSTEM_TYPES.contains(entityTypeId) ? f : Fixtures.load(method);
        if (f != null) {
            return f;
        }
        return Fixtures.JSON.readTree("{\"status\":404,\"body\":{\"error\":\"ERROR_METHOD_NOT_FOUND\","
                + "\"error_description\":\"Method not found!\"}}");
    }

    private ObjectNode batch(JsonNode cmd) {
        ObjectNode out = Fixtures.JSON.createObjectNode();
        ObjectNode inner = out.putObject("result");
        ObjectNode result = inner.putObject("result");
        ObjectNode errors = Fixtures.JSON.createObjectNode();
        ObjectNode totals = Fixtures.JSON.createObjectNode();
        ObjectNode nexts = Fixtures.JSON.createObjectNode();
        ObjectNode times = Fixtures.JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> e : cmd.properties()) {
            String[] query = e.getValue().stringValue().split("\\?", 2);
            String method = URLDecoder.decode(query[0], StandardCharsets.UTF_8);
            String entityTypeId = "";
            Map<String, String> bounds = new HashMap<>();
            for (String pair : query.length > 1 ? query[1].split("&") : new String[0]) {
                String[] kv = pair.split("=", 2);
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                if (kv.length == 2 && key.equals("entityTypeId")) {
                    entityTypeId = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
                Matcher m = FILTER_KEY.matcher(key);
                if (kv.length == 2 && m.matches()) {
                    bounds.put(m.group(1), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            JsonNode f = fixture(method, entityTypeId);
            JsonNode body = within(f.get("body"), bounds);
            if (f.get("status").asInt() != 200 || body.has("error")) {
                errors.set(e.getKey(), body);
                continue;
            }
            result.set(e.getKey(), body.get("result"));
            if (body.has("total")) {
                totals.set(e.getKey(), body.get("total"));
            }
            if (body.has("next")) {
                nexts.set(e.getKey(), body.get("next"));
            }
            if (body.has("time")) {
                times.set(e.getKey(), body.get("time"));
            }
        }
        // PHP sends an empty map as []
        inner.set("result_error", errors.isEmpty() ? Fixtures.JSON.createArrayNode() : errors);
        inner.set("result_total", totals.isEmpty() ? Fixtures.JSON.createArrayNode() : totals);
        inner.set("result_next", nexts.isEmpty() ? Fixtures.JSON.createArrayNode() : nexts);
        inner.set("result_time", times.isEmpty() ? Fixtures.JSON.createArrayNode() : times);
        out.set("time", Fixtures.load("scope").get("body").get("time"));
        return out;
    }

    /** The body with only the array rows inside the numeric bounds ({@code >ID}: 7, {@code <=ID}: 57). */
    private static JsonNode within(JsonNode body, Map<String, String> bounds) {
        if (!body.path("result").isArray() || bounds.isEmpty()) {
            return body;
        }
        ArrayNode kept = Fixtures.JSON.createArrayNode();
        for (JsonNode row : body.get("result")) {
            boolean in = true;
            for (Map.Entry<String, String> b : bounds.entrySet()) {
                Matcher m = BOUND.matcher(b.getKey());
                boolean applied = m.matches() && (!m.group(1).isEmpty() || m.group(2).equals(OWNER_TYPE));
                String value = applied ? row.path(m.group(2)).asString("") : "";
                if (value.matches("-?\\d+") && b.getValue().matches("-?\\d+")) {
                    int c = Long.compare(Long.parseLong(value), Long.parseLong(b.getValue()));
                    in &= switch (m.group(1)) {
                        case "" -> c == 0;
                        case ">" -> c > 0;
                        case ">=" -> c >= 0;
                        case "<" -> c < 0;
                        default -> c <= 0;
                    };
                }
            }
            if (in) {
                kept.add(row);
            }
        }
        ObjectNode out = ((ObjectNode) body).deepCopy();
        out.set("result", kept);
        return out;
    }

    private static MockResponse json(int status, JsonNode body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
