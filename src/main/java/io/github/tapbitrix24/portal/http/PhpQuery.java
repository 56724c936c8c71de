package io.github.tapbitrix24.portal.http;

import io.github.tapbitrix24.portal.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses form-encoded / query-string parameters the way PHP's {@code parse_str} does, which is
 * how the real service reads them (D:settings/how-to-call-rest-api/data-encoding.md):
 * {@code filter[>=DATE_MODIFY]=...}, {@code select[]=ID}, {@code select[0]=ID}, {@code order[ID]=ASC},
 * {@code cmd[p0]=crm.deal.list?...}. Every value is a string, as in PHP. A map whose keys are exactly
 * {@code 0..n-1} becomes a JSON list, so {@code select[]=A&select[]=B} and a JSON {@code ["A","B"]}
 * look the same to the methods.
 */
final class PhpQuery {
    private PhpQuery() {
    }

    static ObjectNode parse(String query) {
        ObjectNode root = Json.object();
        if (query == null || query.isEmpty()) {
            return root;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawKey = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String key = decode(rawKey);
            String value = decode(rawValue);
            if (!key.isEmpty()) {
                put(root, key, value);
            }
        }
        return (ObjectNode) listify(root, true);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // PHP keeps malformed escapes as they are
        }
    }

    private static void put(ObjectNode root, String key, String value) {
        int open = key.indexOf('[');
        if (open <= 0 || key.indexOf(']', open) < 0) {
            root.put(key, value);
            return;
        }
        List<String> path = new ArrayList<>();
        path.add(key.substring(0, open));
        int i = open;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) {
                break;
            }
            path.add(key.substring(i + 1, close));
            i = close + 1;
        }
        ObjectNode node = root;
        for (int p = 0; p < path.size(); p++) {
            String seg = path.get(p);
            if (seg.isEmpty()) {
                seg = Integer.toString(nextIndex(node));
            }
            if (p == path.size() - 1) {
                node.put(seg, value);
            } else {
                JsonNode child = node.get(seg);
                if (!(child instanceof ObjectNode)) {
                    child = Json.object();
                    node.set(seg, child);
                }
                node = (ObjectNode) child;
            }
        }
    }

    private static int nextIndex(ObjectNode node) {
        int next = 0;
        for (String k : node.propertyNames()) {
            try {
                next = Math.max(next, Integer.parseInt(k) + 1);
            } catch (NumberFormatException ignored) {
                // non-numeric keys do not move PHP's next index
            }
        }
        return next;
    }

    private static JsonNode listify(JsonNode n, boolean top) {
        if (!(n instanceof ObjectNode obj)) {
            return n;
        }
        ObjectNode copy = Json.object();
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            copy.set(e.getKey(), listify(e.getValue(), false));
        }
        if (top) {
            return copy;
        }
        JsonNode maybe = Json.phpArray(copy);
        return maybe instanceof ArrayNode && copy.isEmpty() ? copy : maybe;
    }
}
