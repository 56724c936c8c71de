package io.github.tapbitrix24.singer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A Singer catalog: {@code {"streams": [{tap_stream_id, stream, schema, metadata}, ...]}}. */
public record Catalog(List<CatalogEntry> streams) {
    public Catalog {
        streams = List.copyOf(streams);
    }

    /**
     * Reads a catalog file's JSON (the legacy {@code --properties} shape too).
     *
     * @throws IllegalArgumentException naming the stream and key that is wrong
     */
    public static Catalog fromJson(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("streams").isArray()) {
            throw new IllegalArgumentException("catalog must be an object with a \"streams\" array");
        }
        List<CatalogEntry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode s : json.get("streams").values()) {
            String where = "catalog streams[" + i++ + "]";
            if (!s.isObject()) {
                throw new IllegalArgumentException(where + " is not an object");
            }
            String id = s.path("tap_stream_id").asString("");
            if (id.isEmpty()) {
                throw new IllegalArgumentException(where + " has no tap_stream_id");
            }
            JsonNode schema = s.get("schema");
            if (schema == null || !schema.isObject()) {
                throw new IllegalArgumentException("catalog stream " + id + " has no schema object");
            }
            List<MetadataEntry> md = new ArrayList<>();
            JsonNode mdArray = s.get("metadata");
            if (mdArray != null && mdArray.isArray()) {
                for (JsonNode m : mdArray.values()) {
                    List<String> crumb = new ArrayList<>();
                    m.path("breadcrumb").values().forEach(b -> crumb.add(b.asString()));
                    JsonNode meta = m.get("metadata");
                    if (meta == null || !meta.isObject()) {
                        throw new IllegalArgumentException("catalog stream " + id + ": metadata at " + crumb
                                + " is not an object");
                    }
                    md.add(new MetadataEntry(crumb, (ObjectNode) meta.deepCopy()));
                }
            }
            String stream = s.path("stream").asString("");
            out.add(new CatalogEntry(id, stream.isEmpty() ? id : stream, (ObjectNode) schema.deepCopy(), md));
        }
        return new Catalog(out);
    }

    public JsonNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode arr = root.putArray("streams");
        for (CatalogEntry e : streams) {
            ObjectNode s = arr.addObject();
            s.put("tap_stream_id", e.tapStreamId());
            s.put("stream", e.stream());
            s.set("schema", e.schema());
            ArrayNode md = s.putArray("metadata");
            for (MetadataEntry m : e.metadata()) {
                ObjectNode entry = md.addObject();
                ArrayNode crumb = entry.putArray("breadcrumb");
                m.breadcrumb().forEach(crumb::add);
                entry.set("metadata", m.metadata());
            }
        }
        return root;
    }

    public Optional<CatalogEntry> find(String tapStreamId) {
        return streams.stream().filter(e -> e.tapStreamId().equals(tapStreamId)).findFirst();
    }

    /** The streams to sync, in catalog order. */
    public List<CatalogEntry> selected() {
        return streams.stream().filter(CatalogEntry::isSelected).toList();
    }
}
