package io.github.tapbitrix24.pacing;

import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.extract.children.DealContactLinks;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which stream a call was made for, from the call alone: the stream whose REST method and fixed
 * parameters it carries ({@code entityTypeId} tells the two stage histories and the SPA types apart;
 * the product-row streams send their {@code ownerType} as a filter), the most specific one when
 * several match; the deals' contact links ({@code CONTACT_IDS}, crm.item.list on deals) belong to
 * {@code deals}. A call no stream declares (a currency's localizations) is named {@code (method)}. With one scheduler packing several streams' sub-calls into a batch, this is
 * how a request's cost is shared among streams; the order streams run in says nothing.
 */
public final class CallStreams {
    private final List<StreamSpec> specs;

    public CallStreams(List<StreamSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    /** The given streams as the tap's stream table declares them for this config. */
    public static CallStreams of(Collection<String> streams, TapConfig config) {
        List<StreamSpec> specs = new ArrayList<>();
        streams.forEach(s -> StreamRegistry.forName(s, config).ifPresent(specs::add));
        return new CallStreams(specs);
    }

    /** The stream a call of {@code method} with {@code params} (null: none known) was made for. */
    public String of(String method, JsonNode params) {
        if (method.equalsIgnoreCase(DealContactLinks.METHOD) && params != null
                && params.path("entityTypeId").asString().equals(Integer.toString(StreamRegistry.DEAL_TYPE_ID))
                && specs.stream().anyMatch(s -> s.name().equals("deals"))) {
            return "deals"; // the deals' CONTACT_IDS, read by crm.item.list on deals (DealContactLinks)
        }
        StreamSpec best = null;
        for (StreamSpec spec : specs) {
            if (spec.method().equalsIgnoreCase(method) && carries(params, spec.fixedParams())
                    && (best == null || spec.fixedParams().size() > best.fixedParams().size())) {
                best = spec;
            }
        }
        return best == null ? "(" + method + ")" : best.name();
    }

    /** Whether the call carries each fixed parameter: as a parameter, or as a filter on it ({@code filter[=ownerType]}). */
    private static boolean carries(JsonNode params, JsonNode fixed) {
        for (Map.Entry<String, JsonNode> f : fixed.properties()) {
            if (params == null || !(same(params.get(f.getKey()), f.getValue())
                    || same(params.path("filter").get("=" + f.getKey()), f.getValue())
                    || same(params.path("filter").get(f.getKey()), f.getValue()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(JsonNode v, JsonNode fixed) {
        if (v == null || v.equals(fixed)) {
            return v != null;
        }
        if (!v.isValueNode() || !fixed.isValueNode()) {
            return false;
        }
        // a boolean goes over the wire as 1 or 0 (bitrix.PhpQuery): ADMIN_MODE=1 is users' ADMIN_MODE true
        String wire = fixed.isBoolean() ? (fixed.booleanValue() ? "1" : "0") : fixed.asString();
        return v.asString().equals(fixed.asString()) || v.asString().equals(wire);
    }

    /**
     * The top-level parameters of a PHP-style query string and, one level down, those in brackets
     * ({@code entityTypeId=128}, {@code filter[=ownerType]=L}): what {@link #of} looks at.
     */
    public static ObjectNode params(String raw) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            int open = key.indexOf('[');
            if (open < 0) {
                out.put(key, value);
            } else if (key.endsWith("]") && key.indexOf('[', open + 1) < 0) {
                JsonNode inner = out.get(key.substring(0, open));
                ObjectNode o = inner instanceof ObjectNode n ? n : out.putObject(key.substring(0, open));
                o.put(key.substring(open + 1, key.length() - 1), value);
            }
        }
        return out;
    }
}
