package io.github.tapbitrix24.discover;

import io.github.tapbitrix24.schema.FieldDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the answer of a {@code *.fields} method into descriptors, in the order the portal gives
 * them. {@code crm.<entity>.fields} answers {@code {CODE: descriptor}}
 * (D:api-reference/crm/deals/crm-deal-fields.md); {@code crm.item.fields} wraps the same map in
 * {@code {"fields": ...}} (D:api-reference/crm/universal/crm-item-fields.md). An empty map may
 * arrive as PHP's {@code []}.
 */
public final class FieldMetadata {
    private FieldMetadata() {
    }

    public static List<FieldDescriptor> parse(JsonNode result) {
        List<FieldDescriptor> out = new ArrayList<>();
        if (result == null || !result.isObject()) {
            return out;
        }
        JsonNode map = result.has("fields") && result.get("fields").isContainer() && !looksLikeDescriptor(result.get("fields"))
                ? result.get("fields") : result;
        if (!map.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (e.getValue().isObject()) {
                out.add(FieldDescriptor.fromJson(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    /**
     * Whether {@code result} is a field map as the docs show it: every value a descriptor with a
     * {@code type}, the map itself possibly wrapped in {@code fields} or, empty, sent as PHP's [].
     */
    static boolean wellFormed(JsonNode result) {
        if (AnswerShapes.isEmptyList(result)) {
            return true;
        }
        if (!result.isObject()) {
            return false;
        }
        JsonNode map = result.has("fields") && result.get("fields").isContainer() && !looksLikeDescriptor(result.get("fields"))
                ? result.get("fields") : result;
        return AnswerShapes.isEmptyList(map)
                || map.isObject() && map.valueStream().allMatch(FieldMetadata::looksLikeDescriptor);
    }

    // an old-style answer could in theory have a field named "fields"; a descriptor has a "type"
    private static boolean looksLikeDescriptor(JsonNode n) {
        return n.isObject() && n.has("type") && n.get("type").isString();
    }
}
