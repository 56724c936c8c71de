package io.github.tapbitrix24.extract.readers;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.extract.paging.StreamCalls;
import io.github.tapbitrix24.extract.spi.PrefetchedCalls;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.state.StreamBookmark;
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
    public static ArrayNode rows(JsonNode result) {
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
                taskAttributes(row);
            }
        }
        return rows;
    }

    /**
     * tasks.task.getFields names two attributes differently from the CRM descriptor: {@code required}
     * (isRequired) and {@code values}, the enum's codes as a map code → label, or as a plain list of
     * codes for DURATION_TYPE (D:api-reference/tasks/tasks-task-get-fields.md, response example). They
     * become {@code isRequired} and {@code items} ({@code [{ID, VALUE}]}, the CRM form), so the codes and
     * the flag reach the record instead of being dropped as undeclared.
     */
    private static void taskAttributes(ObjectNode row) {
        JsonNode required = row.remove("required");
        if (required != null && !row.has("isRequired")) {
            row.set("isRequired", required);
        }
        JsonNode values = row.remove("values");
        if (values != null && !row.has("items") && (values.isObject() || values.isArray())) {
            ArrayNode items = row.putArray("items");
            if (values.isObject()) {
                for (Map.Entry<String, JsonNode> v : values.properties()) {
                    ObjectNode item = items.addObject().put("ID", v.getKey());
                    item.set("VALUE", v.getValue());
                }
            } else {
                for (JsonNode v : values) {
                    ObjectNode item = items.addObject();
                    item.set("ID", v);
                    item.set("VALUE", v);
                }
            }
        }
    }
}
