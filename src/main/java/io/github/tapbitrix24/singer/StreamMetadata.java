package io.github.tapbitrix24.singer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the standard metadata of a discovered stream (Singer spec, "Metadata"):
 * <ul>
 * <li>{@code []}: {@code inclusion: available}, {@code selected-by-default: true},
 *     {@code table-key-properties}; for incremental streams {@code valid-replication-keys} (default
 *     first) plus {@code replication-method: INCREMENTAL} and {@code replication-key} (the default,
 *     which the user may change to another valid key); for the others
 *     {@code forced-replication-method: FULL_TABLE}; {@code parent-tap-stream-id} for child streams;</li>
 * <li>{@code ["properties", NAME]} for every property: {@code inclusion: automatic} for the key
 *     and every valid replication key (the sync cannot work without them), otherwise
 *     {@code available} with {@code selected-by-default: true}.</li>
 * </ul>
 */
public final class StreamMetadata {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StreamMetadata() {
    }

    public static CatalogEntry entry(String tapStreamId, ObjectNode schema, List<String> keyProperties,
                                     List<String> validReplicationKeys, String parentTapStreamId) {
        List<MetadataEntry> md = new ArrayList<>();
        ObjectNode root = F.objectNode();
        root.put("inclusion", "available");
        root.put("selected-by-default", true);
        root.set("table-key-properties", array(keyProperties));
        if (validReplicationKeys.isEmpty()) {
            root.put("forced-replication-method", CatalogEntry.FULL_TABLE);
        } else {
            root.set("valid-replication-keys", array(validReplicationKeys));
            root.put("replication-method", CatalogEntry.INCREMENTAL);
            root.put("replication-key", validReplicationKeys.get(0));
        }
        if (parentTapStreamId != null) {
            root.put("parent-tap-stream-id", parentTapStreamId);
        }
        md.add(new MetadataEntry(List.of(), root));

        Set<String> automatic = new HashSet<>(keyProperties);
        automatic.addAll(validReplicationKeys);
        JsonNode props = schema.get("properties");
        if (props != null) {
            for (String name : props.propertyNames()) {
                ObjectNode m = F.objectNode();
                if (automatic.contains(name)) {
                    m.put("inclusion", "automatic");
                } else {
                    m.put("inclusion", "available");
                    m.put("selected-by-default", true);
                }
                md.add(new MetadataEntry(List.of("properties", name), m));
            }
        }
        return new CatalogEntry(tapStreamId, tapStreamId, schema, md);
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
