package io.github.tapbitrix24.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a raw Bitrix row into a record that validates against the stream's JSON Schema. Compiled
 * once per stream from that schema (the one {@link FieldTypeMapping} produced and the catalog
 * carries), so SCHEMA and RECORD cannot drift; per value it is a switch and a hand-written parse,
 * no regex.
 *
 * <p>Rules, by the schema's (non-null) {@code type}:
 * <ul>
 * <li>everything: {@code null} stays null; {@code ""} becomes null for every type but string
 *     (Bitrix sends {@code ""} for an empty number, date or link, D:api-reference/crm/deals/crm-deal-list.md);</li>
 * <li>integer: {@code "12"} → 12, {@code 12.0}/{@code "12.00"} → 12, booleans → 1/0;</li>
 * <li>number: numeric strings → exact decimals ({@code "19999.99"} stays 19999.99);</li>
 * <li>boolean: {@code Y/N}, {@code 1/0}, {@code true/false} (strings or numbers);</li>
 * <li>string {@code format: date-time}: any Bitrix datetime spelling → RFC 3339 UTC {@code ...Z};
 *     offset-less spellings are read in the portal's offset given to {@link #forSchema(JsonNode, ZoneOffset)};</li>
 * <li>string {@code format: date}: {@code yyyy-MM-dd}; a datetime (Bitrix returns dates as the local
 *     midnight, {@code 2024-08-30T00:00:00+02:00}) gives its <em>local</em> calendar date, because
 *     converting it to UTC would move it to the day before;</li>
 * <li>string: numbers and booleans → their text; a non-empty object or array → its JSON text;
 *     PHP's empty {@code []} → null;</li>
 * <li>object: properties coerced by their schema, unknown nested keys kept; a list (how PHP sends a
 *     map with keys 0..n) → the object {@code {"0":..,"1":..}}; PHP's empty {@code []} → {} for an
 *     open map, but null for an object with declared properties (an empty single {@code file}
 *     arrives as {@code []}); {@code false} (PHP's empty value) → null;</li>
 * <li>array: items coerced; a single value → {@code [value]}; a PHP map with numeric keys
 *     ({@code {"0":a,"2":b}}, an array after deletions) → its values; {@code false}, PHP's empty
 *     value that real portals send for an empty multiple user field, → {@code []};</li>
 * <li>no type ({@code {}}, the permissive schema): the value as sent.</li>
 * </ul>
 * At the top level exactly the schema's properties are written, in schema order: a deselected
 * field, pruned from the schema, never leaks, and a field the portal left out is written as null,
 * because targets that take their columns from a stream's first record (target-csv) would
 * otherwise drop every later value of it. Nested objects keep the keys they were sent with.
 *
 * <p><b>A value that cannot be converted</b> (e.g. {@code "abc"} for an integer) is written as
 * null and logged once per field (without the value: CRM data is personal data); it never stops
 * the sync and never produces a record that fails its own schema. {@link #unconvertibleValues()}
 * counts them, {@link #nulledValues()} per field, for the end-of-run report.
 */
public final class RecordCoercer {
    private static final Logger LOG = Logger.getLogger(RecordCoercer.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Map<String, Conv> properties;
    /** The top-level properties again, in schema order, with their names pre-encoded for {@link #write}. */
    private final List<Prop> writable;
    private final ZoneOffset portalOffset;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicLong unconvertible = new AtomicLong();
    private final Map<String, AtomicLong> nulledByField = new ConcurrentHashMap<>();

    private RecordCoercer(JsonNode objectSchema, ZoneOffset portalOffset) {
        this.portalOffset = portalOffset;
        this.properties = compileProperties(objectSchema, "");
        List<Prop> w = new ArrayList<>();
        properties.forEach((name, conv) -> w.add(new Prop(name, new SerializedString(name), conv)));
        this.writable = List.copyOf(w);
    }

    private record Prop(String key, SerializableString name, Conv conv) {
    }

    /** Offset-less datetimes are read as UTC. */
    public static RecordCoercer forSchema(JsonNode objectSchema) {
        return forSchema(objectSchema, ZoneOffset.UTC);
    }

    /** @param portalOffset the portal's UTC offset, for datetimes sent without one */
    public static RecordCoercer forSchema(JsonNode objectSchema, ZoneOffset portalOffset) {
        if (objectSchema == null || !objectSchema.isObject()) {
            throw new IllegalArgumentException("schema must be a JSON object");
        }
        return new RecordCoercer(objectSchema, portalOffset);
    }

    /**
     * A new record holding every property of the schema, in schema order: the value of
     * {@code rawRow} coerced, or null where the row left the field out.
     */
    public ObjectNode coerce(JsonNode rawRow) {
        if (rawRow == null || !rawRow.isObject()) {
            throw new IllegalArgumentException("a row must be a JSON object, was "
                    + (rawRow == null ? "null" : rawRow.getNodeType()));
        }
        ObjectNode out = F.objectNode();
        for (Map.Entry<String, Conv> e : properties.entrySet()) {
            JsonNode v = rawRow.get(e.getKey());
            out.set(e.getKey(), v == null ? F.nullNode() : e.getValue().apply(v));
        }
        return out;
    }

    /**
     * Writes the record {@link #coerce} would build straight to {@code gen}, as one JSON object,
     * without building it: the same conversions, the same property order, the same bytes. This is
     * the sync's hot path (every field of every record), so it skips the intermediate tree.
     */
    public void write(JsonNode rawRow, JsonGenerator gen) {
        if (rawRow == null || !rawRow.isObject()) {
            throw new IllegalArgumentException("a row must be a JSON object, was "
                    + (rawRow == null ? "null" : rawRow.getNodeType()));
        }
        gen.writeStartObject();
        for (Prop p : writable) {
            JsonNode v = rawRow.get(p.key());
            gen.writeName(p.name());
            if (v == null) {
                gen.writeNull();
            } else {
                writeValue(p.conv().apply(v), gen);
            }
        }
        gen.writeEndObject();
    }

    // Scalars and containers by hand (what each node's own serialize() writes); anything else via
    // the generator's tree writer.
    private static void writeValue(JsonNode v, JsonGenerator gen) {
        switch (v.getNodeType()) {
            case STRING -> gen.writeString(v.stringValue());
            case NULL -> gen.writeNull();
            case BOOLEAN -> gen.writeBoolean(v.booleanValue());
            case NUMBER -> {
                if (v.isInt()) {
                    gen.writeNumber(v.intValue());
                } else if (v.isLong()) {
                    gen.writeNumber(v.longValue());
                } else {
                    gen.writeTree(v);
                }
            }
            case ARRAY -> {
                gen.writeStartArray(v, v.size());
                for (JsonNode x : v.values()) {
                    writeValue(x, gen);
                }
                gen.writeEndArray();
            }
            case OBJECT -> {
                gen.writeStartObject(v);
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    gen.writeName(e.getKey());
                    writeValue(e.getValue(), gen);
                }
                gen.writeEndObject();
            }
            default -> gen.writeTree(v);
        }
    }

    /** How many values could not be converted and were written as null. */
    public long unconvertibleValues() {
        return unconvertible.get();
    }

    /**
     * Per top-level field, how many non-empty values could not be converted and were written as
     * null, in field-name order; only fields with at least one.
     */
    public Map<String, Long> nulledValues() {
        Map<String, Long> out = new java.util.TreeMap<>();
        nulledByField.forEach((field, n) -> out.put(field, n.get()));
        return out;
    }

    /** Converts one value; never throws on data. */
    private interface Conv {
        JsonNode apply(JsonNode v);
    }

    private Map<String, Conv> compileProperties(JsonNode schema, String prefix) {
        Map<String, Conv> map = new LinkedHashMap<>();
        JsonNode props = schema.get("properties");
        if (props != null && props.isObject()) {
            for (Map.Entry<String, JsonNode> e : props.properties()) {
                map.put(e.getKey(), compile(e.getValue(), prefix + e.getKey()));
            }
        }
        return map;
    }

    private Conv compile(JsonNode schema, String path) {
        String type = primaryType(schema);
        if (type == null) {
            return v -> v;
        }
        String format = schema.path("format").asString("");
        switch (type) {
            case "integer":
                return v -> toInteger(v, path);
            case "number":
                return v -> toNumber(v, path);
            case "boolean":
                return v -> toBoolean(v, path);
            case "string":
                if (format.equals("date-time")) {
                    return v -> toDateTime(v, path);
                }
                if (format.equals("date")) {
                    return v -> toDate(v, path);
                }
                return v -> toText(v, path);
            case "object":
                return compileObject(schema, path);
            case "array":
                JsonNode items = schema.get("items");
                Conv item = items == null || !items.isObject() ? x -> x : compile(items, path);
                boolean objectItems = "object".equals(items == null ? null : primaryType(items));
                return v -> toArray(v, item, objectItems, path);
            default:
                return v -> v;
        }
    }

    /** The one non-null type of a schema, or null when it has none or several (then values pass as sent). */
    private static String primaryType(JsonNode schema) {
        JsonNode t = schema.get("type");
        if (t == null) {
            return null;
        }
        if (t.isString()) {
            return t.stringValue();
        }
        String found = null;
        if (t.isArray()) {
            for (JsonNode x : t.values()) {
                String s = x.asString("");
                if (!s.equals("null")) {
                    if (found != null) {
                        return null;
                    }
                    found = s;
                }
            }
        }
        return found;
    }

    private Conv compileObject(JsonNode schema, String path) {
        Map<String, Conv> props = compileProperties(schema, path + ".");
        return v -> {
            if (v.isObject()) {
                if (props.isEmpty()) {
                    return v;
                }
                ObjectNode out = F.objectNode();
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    Conv c = props.get(e.getKey());
                    out.set(e.getKey(), c == null ? e.getValue() : c.apply(e.getValue()));
                }
                return out;
            }
            if (v.isNull()) {
                return v;
            }
            if (v.isArray() && v.isEmpty()) {
                // PHP serialises an empty map as []; for a file (declared properties) it means no file
                return props.isEmpty() ? F.objectNode() : F.nullNode();
            }
            if (v.isBoolean() && !v.booleanValue()) {
                return F.nullNode();   // PHP's empty value
            }
            if (v.isArray()) {
                // PHP serialises a map with keys 0..n (the empty one included) as a list: the same map back
                ObjectNode map = F.objectNode();
                for (int i = 0; i < v.size(); i++) {
                    JsonNode x = v.get(i);
                    Conv c = props.get(Integer.toString(i));
                    map.set(Integer.toString(i), c == null ? x : c.apply(x));
                }
                return map;
            }
            if (v.isString() && v.stringValue().isEmpty()) {
                return F.nullNode();
            }
            return fail(path, v, "object");
        };
    }

    private JsonNode toArray(JsonNode v, Conv item, boolean objectItems, String path) {
        if (v.isNull()) {
            return v;
        }
        if (v.isArray()) {
            ArrayNode out = F.arrayNode(v.size());
            for (JsonNode x : v.values()) {
                out.add(item.apply(x));
            }
            return out;
        }
        if (v.isString() && v.stringValue().isEmpty()) {
            return F.nullNode();
        }
        if (v.isBoolean() && !v.booleanValue()) {
            // an empty multiple user field: real portals send PHP's false, not []
            return F.arrayNode(0);
        }
        if (v.isObject() && (!objectItems || numericKeys(v))) {
            ArrayNode out = F.arrayNode(v.size());
            for (JsonNode x : v.values()) {
                out.add(item.apply(x));
            }
            return out;
        }
        ArrayNode out = F.arrayNode(1);
        out.add(item.apply(v));
        return out;
    }

    private static boolean numericKeys(JsonNode object) {
        if (object.isEmpty()) {
            return true;
        }
        for (String k : object.propertyNames()) {
            if (k.isEmpty()) {
                return false;
            }
            for (int i = 0; i < k.length(); i++) {
                if (k.charAt(i) < '0' || k.charAt(i) > '9') {
                    return false;
                }
            }
        }
        return true;
    }

    private JsonNode toInteger(JsonNode v, String path) {
        if (v.isIntegralNumber() || v.isNull()) {
            return v;
        }
        if (v.isString()) {
            String s = v.stringValue();
            if (s.isEmpty()) {
                return F.nullNode();
            }
            long parsed = parseLong(s);
            if (parsed != Long.MIN_VALUE) {
                return integer(parsed);
            }
            JsonNode big = integralDecimal(s.trim());
            return big != null ? big : fail(path, v, "integer");
        }
        if (v.isNumber()) {
            JsonNode big = integralDecimal(v.decimalValue());
            return big != null ? big : fail(path, v, "integer");
        }
        if (v.isBoolean()) {
            // false is PHP's empty value (an unset single user field), never the ID or count 0
            return v.booleanValue() ? F.numberNode(1) : F.nullNode();
        }
        return fail(path, v, "integer");
    }

    // an int node when it fits, as Jackson's parser would make it: equal values compare equal
    private static JsonNode integer(long v) {
        return v == (int) v ? F.numberNode((int) v) : F.numberNode(v);
    }

    /** Plain decimal digits with an optional sign, up to 18 digits; else Long.MIN_VALUE. */
    private static long parseLong(String s) {
        int n = s.length();
        int i = 0;
        boolean neg = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        if (i == n || n - i > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        return neg ? -v : v;
    }

    private static JsonNode integralDecimal(String s) {
        try {
            return integralDecimal(new BigDecimal(s));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode integralDecimal(BigDecimal d) {
        try {
            BigInteger i = d.toBigIntegerExact();
            return i.bitLength() < 64 ? integer(i.longValue()) : F.numberNode(i);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private JsonNode toNumber(JsonNode v, String path) {
        if (v.isNumber() || v.isNull()) {
            return v;
        }
        if (v.isString()) {
            String s = v.stringValue().trim();
            if (s.isEmpty()) {
                return F.nullNode();
            }
            long parsed = parseLong(s);
            if (parsed != Long.MIN_VALUE) {
                return integer(parsed);
            }
            try {
                return F.numberNode(new BigDecimal(s));
            } catch (NumberFormatException e) {
                return fail(path, v, "number");
            }
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? F.numberNode(1) : F.nullNode();   // false: PHP's empty value
        }
        return fail(path, v, "number");
    }

    private JsonNode toBoolean(JsonNode v, String path) {
        if (v.isBoolean() || v.isNull()) {
            return v;
        }
        if (v.isString()) {
            switch (v.stringValue().trim()) {
                case "Y", "y", "1", "true", "TRUE", "True":
                    return F.booleanNode(true);
                case "N", "n", "0", "false", "FALSE", "False":
                    return F.booleanNode(false);
                case "":
                    return F.nullNode();
                default:
                    return fail(path, v, "boolean");
            }
        }
        if (v.isIntegralNumber() && (v.longValue() == 0 || v.longValue() == 1)) {
            return F.booleanNode(v.longValue() == 1);
        }
        return fail(path, v, "boolean");
    }

    private JsonNode toDateTime(JsonNode v, String path) {
        if (v.isString()) {
            String s = v.stringValue();
            if (s.isEmpty()) {
                return F.nullNode();
            }
            String utc = Timestamps.toUtc(s, portalOffset);
            return utc != null ? F.stringNode(utc) : fail(path, v, "date-time");
        }
        return emptyOrFail(v, path, "date-time");
    }

    private JsonNode toDate(JsonNode v, String path) {
        if (v.isString()) {
            String s = v.stringValue();
            if (s.isEmpty()) {
                return F.nullNode();
            }
            String d = Timestamps.toDate(s);
            return d != null ? F.stringNode(d) : fail(path, v, "date");
        }
        return emptyOrFail(v, path, "date");
    }

    // user.get shows empty dates as {} (D:api-reference/user/user-get.md)
    private JsonNode emptyOrFail(JsonNode v, String path, String what) {
        if (v.isNull()) {
            return v;
        }
        if (v.isContainer() && v.isEmpty()) {
            return F.nullNode();
        }
        return fail(path, v, what);
    }

    private JsonNode toText(JsonNode v, String path) {
        if (v.isString() || v.isNull()) {
            return v;
        }
        if (v.isNumber() || v.isBoolean()) {
            return F.stringNode(v.asString());
        }
        if (v.isContainer()) {
            return v.isEmpty() ? F.nullNode() : F.stringNode(v.toString());
        }
        return fail(path, v, "string");
    }

    private JsonNode fail(String path, JsonNode v, String wanted) {
        unconvertible.incrementAndGet();
        nulledByField.computeIfAbsent(topLevel(path), k -> new AtomicLong()).incrementAndGet();
        if (warned.add(path)) {
            LOG.warning(() -> "field " + path + ": a " + v.getNodeType().name().toLowerCase()
                    + " value cannot be read as " + wanted + "; written as null (later such values of this field are not logged)");
        }
        return F.nullNode();
    }

    private static String topLevel(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** The property names this coercer writes, for tests and callers that build selects. */
    public List<String> propertyNames() {
        return new ArrayList<>(properties.keySet());
    }
}
