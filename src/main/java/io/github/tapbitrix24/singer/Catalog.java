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
            if (mdArray != null && !mdArray.isNull() && !mdArray.isArray()) {
                throw new IllegalArgumentException("catalog stream " + id + ": metadata is not a list");
            }
            if (mdArray != null && mdArray.isArray()) {
                for (JsonNode m : mdArray.values()) {
                    List<String> crumb = new ArrayList<>();
                    JsonNode breadcrumb = m.path("breadcrumb");
                    if (!breadcrumb.isArray()) {
                        throw new IllegalArgumentException("catalog stream " + id + ": a metadata breadcrumb is not a list");
                    }
                    for (JsonNode b : breadcrumb.values()) {
                        if (!b.isString()) {
                            throw new IllegalArgumentException("catalog stream " + id + ": breadcrumb " + breadcrumb
                                    + " is not a list of strings");
                        }
                        crumb.add(b.asString());
                    }
                    JsonNode meta = m.get("metadata");
                    if (meta == null || !meta.isObject()) {
                        throw new IllegalArgumentException("catalog stream " + id + ": metadata at " + crumb
                                + " is not an object");
                    }
                    checkMetadata(id, crumb, meta);
                    md.add(new MetadataEntry(crumb, (ObjectNode) meta.deepCopy()));
                }
            }
            String stream = s.path("stream").asString("");
            CatalogEntry entry = new CatalogEntry(id, stream.isEmpty() ? id : stream, (ObjectNode) schema.deepCopy(), md);
            if (entry.isSelected()) {
                entry.replicationKey(); // an unknown replication-key fails here, before any request
            }
            out.add(entry);
        }
        return new Catalog(out);
    }

    /** What the tap reads from a metadata entry has the type the Singer spec gives it. */
    private static void checkMetadata(String id, List<String> crumb, JsonNode meta) {
        JsonNode selected = meta.get("selected");
        if (selected != null && !selected.isNull() && !selected.isBoolean()) {
            throw new IllegalArgumentException("catalog stream " + id + ": \"selected\" at " + crumb
                    + " must be true or false, not " + selected);
        }
        JsonNode method = meta.get("replication-method");
        if (crumb.isEmpty() && method != null && !method.isNull() && !(method.isString()
                && List.of(CatalogEntry.INCREMENTAL, CatalogEntry.FULL_TABLE).contains(method.asString().toUpperCase(java.util.Locale.ROOT)))) {
            throw new IllegalArgumentException("catalog stream " + id + ": replication-method " + method
                    + " is neither INCREMENTAL nor FULL_TABLE");
        }
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
