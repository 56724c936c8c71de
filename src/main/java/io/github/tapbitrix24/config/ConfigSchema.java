package io.github.tapbitrix24.config;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code schemas/config.schema.json}, the one definition of every setting: it validates the
 * config, supplies the defaults, and is what {@code --about} prints. Loaded from the classpath
 * (the build packages the top-level {@code schemas/} directory into the jar).
 */
public final class ConfigSchema {
    public static final String RESOURCE = "/schemas/config.schema.json";

    private final ObjectNode node;
    private final Schema schema;

    private ConfigSchema(ObjectNode node) {
        this.node = node;
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build()));
        this.schema = registry.getSchema(node);
    }

    public static ConfigSchema load() {
        try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: broken build");
            }
            return new ConfigSchema((ObjectNode) JsonMapper.shared().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole schema document. */
    public ObjectNode node() {
        return node;
    }

    /** Setting name → its property schema (type, default, description, ...), in schema order. */
    public Map<String, JsonNode> properties() {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.get("properties").properties()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    public List<String> required() {
        List<String> out = new ArrayList<>();
        node.path("required").forEach(n -> out.add(n.stringValue()));
        return out;
    }

    /** The schema's {@code default} of {@code key}, or null when it has none. */
    public JsonNode defaultOf(String key) {
        return node.path("properties").path(key).get("default");
    }

    List<Error> validate(JsonNode config) {
        return schema.validate(config);
    }
}
