package io.github.tapbitrix24.portal.http;

import io.github.tapbitrix24.portal.ApiError;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.methods.MethodResult;
import io.github.tapbitrix24.portal.methods.Methods;
import io.github.tapbitrix24.portal.methods.PortalCounters;
import io.github.tapbitrix24.portal.methods.StreamedRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code batch} (D:settings/how-to-call-rest-api/batch.md, bitrix24-api.md §3): up to 50
 * {@code method?query} commands run in declaration order; values may reference earlier results as
 * {@code $result[key][49][ID]} or {@code $result[key][items][49][id]}. The answer is HTTP 200 with
 * {@code result}, {@code result_error}, {@code result_total}, {@code result_next}, {@code result_time},
 * each an empty PHP array {@code []} when empty. Commands past the 50th fail with
 * ERROR_BATCH_LENGTH_EXCEEDED; a nested batch with ERROR_BATCH_METHOD_NOT_ALLOWED; {@code halt}
 * stops at the first failure.
 *
 * <p>Undocumented case, defined here: a reference that does not resolve (the referenced command
 * failed or was not run, or its page is shorter than the index, e.g. {@code [49]} on a 30-row page)
 * fails that sub-command with INVALID_ARG_VALUE "Batch reference ... cannot be resolved". That is
 * the safe behaviour to test a tap against: it must stop at the first short page, never trust what
 * follows it.
 */
final class Batch {
    static final int MAX = 50;
    private static final Pattern REF = Pattern.compile("\\$result\\[([^\\]]*)\\]((?:\\[[^\\]]*\\])*)");
    private static final Pattern SEG = Pattern.compile("\\[([^\\]]*)\\]");

    private final Methods methods;
    private final PortalCounters counters;

    Batch(Methods methods, PortalCounters counters) {
        this.methods = methods;
        this.counters = counters;
    }

    /** Runs the batch; returns the {@code result} object and the simulated seconds spent. */
    Map.Entry<ObjectNode, Double> run(JsonNode params, double start) {
        JsonNode cmd = Json.param(params, "cmd");
        boolean halt = Json.truthy(Json.param(params, "halt"));
        ObjectNode result = Json.object();
        ObjectNode errors = Json.object();
        ObjectNode totals = Json.object();
        ObjectNode nexts = Json.object();
        ObjectNode times = Json.object();
        List<Map.Entry<String, JsonNode>> commands = new ArrayList<>();
        if (cmd != null && cmd.isObject()) {
            cmd.properties().forEach(commands::add);
        } else if (cmd != null && cmd.isArray()) {
            int i = 0;
            for (JsonNode c : cmd.values()) {
                commands.add(Map.entry(Integer.toString(i++), c));
            }
        }
        double now = start;
        int n = 0;
        for (Map.Entry<String, JsonNode> c : commands) {
            String key = c.getKey();
            if (n++ >= MAX) {
                errors.set(key, error("ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded"));
                continue;
            }
            String text = Json.text(c.getValue());
            String query = "";
            String method = text == null ? "" : text;
            int q = method.indexOf('?');
            if (q >= 0) {
                query = method.substring(q + 1);
                method = method.substring(0, q);
            }
            method = Methods.normalise(method.trim());
            counters.subCommand();
            Methods.Outcome out;
            if (method.equals("batch")) {
                counters.call(method);
                counters.error(method);
                out = new Methods.Outcome(null, new ApiError(405, "ERROR_BATCH_METHOD_NOT_ALLOWED",
                        "Method is not allowed for batch usage"), null, 0);
            } else {
                ObjectNode subParams = PhpQuery.parse(query);
                try {
                    subParams = (ObjectNode) resolve(subParams, result);
                    out = methods.call(method, subParams, now);
                } catch (ApiError e) {
                    counters.call(method);
                    counters.error(method);
                    out = new Methods.Outcome(null, e, null, 0);
                }
            }
            now += out.seconds();
            if (out.error() != null) {
                errors.set(key, error(out.error().code, out.error().description));
                if (halt) {
                    break;
                }
                continue;
            }
            MethodResult r = out.result();
            result.set(key, r.result());
            if (r.total() != null) {
                totals.put(key, r.total());
            }
            if (r.next() != null) {
                nexts.put(key, r.next());
            }
            times.set(key, out.time());
        }
        boolean list = cmd != null && cmd.isArray();
        ObjectNode body = Json.object();
        body.set("result", list ? Json.phpArray(result) : Json.phpMap(result));
        body.set("result_error", list ? Json.phpArray(errors) : Json.phpMap(errors));
        body.set("result_total", list ? Json.phpArray(totals) : Json.phpMap(totals));
        body.set("result_next", list ? Json.phpArray(nexts) : Json.phpMap(nexts));
        body.set("result_time", list ? Json.phpArray(times) : Json.phpMap(times));
        return Map.entry(body, now - start);
    }

    private static ObjectNode error(String code, String description) {
        ObjectNode e = Json.object();
        e.put("error", code);
        e.put("error_description", description);
        return e;
    }

    /** Replaces {@code $result[...]} references in every string value of the parameters. */
    private static JsonNode resolve(JsonNode node, ObjectNode results) {
        if (node.isObject()) {
            ObjectNode o = Json.object();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                o.set(e.getKey(), resolve(e.getValue(), results));
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = Json.array();
            for (JsonNode x : node.values()) {
                a.add(resolve(x, results));
            }
            return a;
        }
        String s = Json.text(node);
        if (s == null || !s.contains("$result[")) {
            return node;
        }
        Matcher m = REF.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            JsonNode v = results.get(m.group(1));
            List<String> path = new ArrayList<>();
            Matcher seg = SEG.matcher(m.group(2));
            while (seg.find()) {
                path.add(seg.group(1));
            }
            for (int p = 0; v != null && p < path.size(); p++) {
                String k = path.get(p);
                StreamedRows streamed = StreamedRows.of(v);
                if (streamed != null) {
                    v = streamed.reference(path.subList(p, path.size()));
                    break;
                }
                if (v.isArray()) {
                    try {
                        v = v.get(Integer.parseInt(k));
                    } catch (NumberFormatException e) {
                        v = null;
                    }
                } else {
                    v = v.get(k);
                }
            }
            String text = v == null || StreamedRows.of(v) != null ? null : Json.text(v);
            if (text == null) {
                throw ApiError.invalidArg("Batch reference " + m.group() + " cannot be resolved");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(text));
        }
        m.appendTail(sb);
        return Json.F.stringNode(sb.toString());
    }
}
