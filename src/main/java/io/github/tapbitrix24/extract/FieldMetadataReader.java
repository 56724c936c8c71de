package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.streams.StreamSpec;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code *_fields} metadata streams: one {@code *.fields} call, one record per field,
 * {@code {"id": <field code>, ...descriptor}}. {@code crm.<entity>.fields} returns the map as
 * {@code result}, {@code crm.item.fields} as {@code result.fields} (bitrix24-api.md §5.1, §5.2).
 */
public final class FieldMetadataReader implements StreamReader {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final BitrixApi api;

    public FieldMetadataReader(BitrixApi api) {
        this.api = api;
    }


    @Override
    public Optional<PrefetchedCalls.Call> firstCall(StreamSpec spec) {
        return Optional.of(new PrefetchedCalls.Call(spec.method(), spec.fixedParams().deepCopy()));
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        PrefetchedCalls.Call call = firstCall(plan.spec()).orElseThrow();
        Envelope envelope = StreamCalls.call(api, plan.name(), call.method(), call.params());
        out.rows(rows(envelope.result()), r -> true);
        out.complete(null);
    }

    /** One row per field, in the order the portal lists them. */
    static ArrayNode rows(JsonNode result) {
        JsonNode fields = result != null && result.has("fields") && result.get("fields").isObject()
                ? result.get("fields") : result;
        ArrayNode rows = F.arrayNode();
        if (fields == null || !fields.isObject()) {
            return rows;
        }
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            ObjectNode row = rows.addObject();
            row.put("id", field.getKey());
            if (field.getValue().isObject()) {
                row.setAll((ObjectNode) field.getValue());
            }
        }
        return rows;
    }
}
