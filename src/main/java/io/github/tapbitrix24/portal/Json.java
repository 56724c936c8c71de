package io.github.tapbitrix24.portal;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The portal's own small JSON toolbox (the package stands alone: no other tap package is used). */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();
    public static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return F.objectNode();
    }

    public static ArrayNode array() {
        return F.arrayNode();
    }

    /** A scalar as text (numbers and booleans too); null for null, missing and containers. */
    public static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.isContainer()) {
            return null;
        }
        if (n.isString()) {
            return n.stringValue();
        }
        return n.asString();
    }

    /** Top-level parameter lookup: the REST service accepts {@code filter} and {@code FILTER} alike. */
    public static JsonNode param(JsonNode params, String name) {
        if (params == null || !params.isObject()) {
            return null;
        }
        JsonNode exact = params.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public static String paramText(JsonNode params, String name) {
        return text(param(params, name));
    }

    /** PHP-style truthiness of a request flag: {@code true}, {@code 1}, {@code "Y"}, {@code "true"}. */
    public static boolean truthy(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.asDouble() != 0;
        }
        String s = text(n);
        if (s == null) {
            return n.size() > 0;
        }
        s = s.trim().toLowerCase(Locale.ROOT);
        return s.equals("y") || s.equals("1") || s.equals("true") || s.equals("yes");
    }

    /** An int parameter given as number or string; {@code dflt} when absent or not a number. */
    public static long longParam(JsonNode n, long dflt) {
        String s = text(n);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return (long) Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /**
     * PHP serialises an empty associative array as {@code []}: the real service answers empty maps
     * that way (batch {@code result_*}, activity {@code SETTINGS}, comment {@code FILES};
     * D:settings/how-to-call-rest-api/batch.md).
     */
    public static JsonNode phpMap(ObjectNode map) {
        return map.isEmpty() ? array() : map;
    }

    /**
     * A PHP array whose keys are exactly 0..n-1 in order serialises as a JSON list, any other key
     * set as an object. Used for batch maps when {@code cmd} was sent as a list.
     */
    public static JsonNode phpArray(ObjectNode map) {
        if (map.isEmpty()) {
            return array();
        }
        int i = 0;
        Iterator<String> it = map.propertyNames().iterator();
        while (it.hasNext()) {
            if (!it.next().equals(Integer.toString(i++))) {
                return map;
            }
        }
        ArrayNode list = array();
        map.values().forEach(list::add);
        return list;
    }

    public static byte[] bytes(JsonNode n) {
        return MAPPER.writeValueAsBytes(n);
    }

    /** Writes {@code n} as JSON into {@code out} (streamed list pages generate their rows here). */
    public static void write(JsonNode n, java.io.OutputStream out) {
        MAPPER.writeValue(out, n);
    }

    public static JsonNode parse(String s) {
        return MAPPER.readTree(s);
    }
}
