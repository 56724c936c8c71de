package io.github.tapbitrix24.schema;

import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Builds a stream's object schema from field descriptors through {@link FieldTypeMapping}. */
public final class SchemaBuilder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SchemaBuilder() {
    }

    /**
     * {@code {"$schema": draft-07, "type": "object", "properties": {...}}} with the fields in the
     * order given (the order of the {@code *.fields} answer).
     */
    public static ObjectNode objectSchema(Collection<FieldDescriptor> fields) {
        ObjectNode schema = emptyObjectSchema();
        ObjectNode props = (ObjectNode) schema.get("properties");
        for (FieldDescriptor f : fields) {
            props.set(f.id(), FieldTypeMapping.schemaFor(f));
        }
        return schema;
    }

    /** An object schema with no properties yet, dialect stated. */
    public static ObjectNode emptyObjectSchema() {
        ObjectNode schema = F.objectNode();
        schema.put("$schema", FieldTypeMapping.DIALECT);
        schema.put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    /**
     * Marks the key properties as always present and never null (the API guarantees an ID on
     * every row): removes {@code "null"} from their type and lists them in {@code required}.
     * Keys missing from the schema are ignored. Returns the same node.
     */
    public static ObjectNode requireKeys(ObjectNode schema, List<String> keys) {
        JsonNode props = schema.get("properties");
        ArrayNode required = null;
        for (String k : keys) {
            JsonNode p = props == null ? null : props.get(k);
            if (!(p instanceof ObjectNode prop)) {
                continue;
            }
            JsonNode type = prop.get("type");
            if (type != null && type.isArray()) {
                ArrayNode nonNull = F.arrayNode();
                type.values().forEach(t -> {
                    if (!"null".equals(t.asString())) {
                        nonNull.add(t);
                    }
                });
                if (nonNull.size() == 1) {
                    prop.set("type", nonNull.get(0));
                } else {
                    prop.set("type", nonNull);
                }
            }
            if (required == null) {
                required = schema.has("required") ? (ArrayNode) schema.get("required") : schema.putArray("required");
            }
            boolean listed = false;
            for (JsonNode r : required.values()) {
                listed |= r.asString().equals(k);
            }
            if (!listed) {
                required.add(k);
            }
        }
        return schema;
    }
}
