package io.github.tapbitrix24.singer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One stream of a Singer catalog with its metadata, and the reading rules of the Singer spec
 * (as singer-python's {@code metadata.should_sync_field} and the Meltano SDK apply them):
 * {@code selected} wins over {@code selected-by-default}; {@code inclusion: automatic} fields are
 * always synced, {@code unsupported} never; a forced replication method wins over the user's.
 */
public record CatalogEntry(String tapStreamId, String stream, ObjectNode schema, List<MetadataEntry> metadata) {
    public static final String INCREMENTAL = "INCREMENTAL";
    public static final String FULL_TABLE = "FULL_TABLE";

    public CatalogEntry {
        Objects.requireNonNull(tapStreamId, "tapStreamId");
        stream = stream == null ? tapStreamId : stream;
        Objects.requireNonNull(schema, "schema");
        metadata = List.copyOf(metadata);
    }

    /** The metadata at breadcrumb {@code []} (an empty object when there is none). */
    public ObjectNode streamMetadata() {
        for (MetadataEntry m : metadata) {
            if (m.isStream()) {
                return m.metadata();
            }
        }
        return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    /** The metadata at {@code ["properties", name]}, if any. */
    public Optional<ObjectNode> propertyMetadata(String name) {
        for (MetadataEntry m : metadata) {
            if (name.equals(m.propertyName())) {
                return Optional.of(m.metadata());
            }
        }
        return Optional.empty();
    }

    /** {@code selected}, else {@code selected-by-default}, else false. */
    public boolean isSelected() {
        ObjectNode root = streamMetadata();
        JsonNode selected = root.get("selected");
        if (selected != null && selected.isBoolean()) {
            return selected.booleanValue();
        }
        JsonNode byDefault = root.get("selected-by-default");
        return byDefault != null && byDefault.isBoolean() && byDefault.booleanValue();
    }

    /**
     * The schema's properties to sync, in schema order: {@code automatic} ones, then those
     * {@code selected}, else {@code selected-by-default}; a property without metadata is synced
     * (the Meltano SDK's rule: a field the catalog says nothing about follows its stream).
     */
    public Set<String> selectedProperties() {
        Set<String> out = new LinkedHashSet<>();
        JsonNode props = schema.get("properties");
        if (props == null) {
            return out;
        }
        for (String name : props.propertyNames()) {
            Optional<ObjectNode> md = propertyMetadata(name);
            if (md.isEmpty() || fieldSelected(md.get())) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean fieldSelected(ObjectNode md) {
        String inclusion = md.path("inclusion").asString("");
        if (inclusion.equals("automatic")) {
            return true;
        }
        if (inclusion.equals("unsupported")) {
            return false;
        }
        JsonNode selected = md.get("selected");
        if (selected != null && selected.isBoolean()) {
            return selected.booleanValue();
        }
        JsonNode byDefault = md.get("selected-by-default");
        return byDefault == null || !byDefault.isBoolean() || byDefault.booleanValue();
    }

    /**
     * A copy of the schema with only {@link #selectedProperties()}: what the SCHEMA message
     * announces and what {@code RecordCoercer.forSchema} should be compiled from, so a deselected
     * field is neither announced nor written.
     */
    public ObjectNode selectedSchema() {
        ObjectNode copy = schema.deepCopy();
        Set<String> keep = selectedProperties();
        JsonNode props = copy.get("properties");
        if (props instanceof ObjectNode p) {
            p.retain(keep);
        }
        if (copy.get("required") instanceof ArrayNode req) {
            ArrayNode kept = req.arrayNode();
            req.values().forEach(r -> {
                if (keep.contains(r.asString())) {
                    kept.add(r);
                }
            });
            copy.set("required", kept);
        }
        return copy;
    }

    /** {@code valid-replication-keys}, the default first; empty for full-table streams. */
    public List<String> validReplicationKeys() {
        return strings(streamMetadata().get("valid-replication-keys"));
    }

    /**
     * {@code forced-replication-method} wins; else the user's {@code replication-method}; else
     * INCREMENTAL when the stream offers a replication key. INCREMENTAL without any valid key
     * falls back to FULL_TABLE.
     */
    public String replicationMethod() {
        ObjectNode root = streamMetadata();
        String forced = root.path("forced-replication-method").asString("").toUpperCase(Locale.ROOT);
        if (!forced.isEmpty()) {
            return forced;
        }
        String chosen = root.path("replication-method").asString("").toUpperCase(Locale.ROOT);
        boolean offered = !validReplicationKeys().isEmpty();
        if (chosen.equals(FULL_TABLE) || !offered) {
            return FULL_TABLE;
        }
        return INCREMENTAL;
    }

    /**
     * The replication key for an INCREMENTAL stream: the user's {@code replication-key} at
     * {@code []}, else the default (the first valid key). Empty for FULL_TABLE.
     *
     * @throws IllegalArgumentException when the user chose a key the stream does not offer
     */
    public Optional<String> replicationKey() {
        if (!replicationMethod().equals(INCREMENTAL)) {
            return Optional.empty();
        }
        List<String> valid = validReplicationKeys();
        String chosen = streamMetadata().path("replication-key").asString("");
        if (chosen.isEmpty()) {
            return Optional.of(valid.get(0));
        }
        if (!valid.contains(chosen)) {
            throw new IllegalArgumentException("stream " + tapStreamId + ": replication-key " + chosen
                    + " is not one of the valid replication keys " + valid);
        }
        return Optional.of(chosen);
    }

    /** {@code table-key-properties} at {@code []}. */
    public List<String> keyProperties() {
        return strings(streamMetadata().get("table-key-properties"));
    }

    /** {@code parent-tap-stream-id} at {@code []} (deal_products → deals), if any. */
    public Optional<String> parentTapStreamId() {
        String p = streamMetadata().path("parent-tap-stream-id").asString("");
        return p.isEmpty() ? Optional.empty() : Optional.of(p);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.values().forEach(v -> out.add(v.asString()));
        }
        return out;
    }
}
