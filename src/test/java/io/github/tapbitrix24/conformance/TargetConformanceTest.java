package io.github.tapbitrix24.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.github.tapbitrix24.cli.TapCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the common Singer targets need from a tap's stdout, checked on the demo run (every stream,
 * every option, activate-version on) and on a run with fields deselected. Each rule is one a real
 * target was seen to break on (README, "Targets"):
 * <ul>
 * <li>every property, at any depth, has a {@code type} (pipelinewise target-postgres's
 *     {@code flatten_schema} crashes on one without; a {@code {}} property is dropped silently);</li>
 * <li>every RECORD has exactly the selected fields, null when absent (target-csv takes its columns
 *     from a stream's first record and drops later fields without a word);</li>
 * <li>key properties are present and non-null (targets upsert by them);</li>
 * <li>SCHEMA before a stream's first RECORD or ACTIVATE_VERSION; every RECORD valid against it;</li>
 * <li>no STATE equal to the message just before it.</li>
 * </ul>
 */
class TargetConformanceTest {
    private static final JsonMapper JSON = JsonMapper.shared();

    @TempDir
    static Path dir;

    private static List<JsonNode> demo;

    @BeforeAll
    static void runTheDemoWithActivateVersion() throws Exception {
        Path config = Files.writeString(dir.resolve("c.json"), "{\"emit_activate_version\": true}");
        demo = run("--demo", "--config", config.toString());
    }

    @Test
    void everyPropertyAtEveryDepthHasAType() {
        List<String> untyped = new ArrayList<>();
        for (JsonNode m : of(demo, "SCHEMA")) {
            untypedProperties(m.get("schema"), m.get("stream").asString(), untyped);
        }
        assertTrue(untyped.isEmpty(), "properties without a type: " + untyped);
        assertTrue(of(demo, "SCHEMA").size() > 20, "the demo announces every stream");
    }

    @Test
    void everyRecordHasExactlyTheFieldsOfItsSchema() {
        assertEveryRecordHasExactlyItsSchemaFields(demo);
    }

    @Test
    void keyPropertiesArePresentAndNonNull() {
        Map<String, List<String>> keys = new HashMap<>();
        for (JsonNode m : demo) {
            String stream = m.path("stream").asString();
            switch (m.get("type").asString()) {
                case "SCHEMA" -> {
                    List<String> k = new ArrayList<>();
                    m.get("key_properties").forEach(x -> k.add(x.asString()));
                    assertFalse(k.isEmpty(), stream + " declares its key");
                    k.forEach(p -> assertTrue(m.get("schema").get("properties").has(p), stream + " key " + p + " in schema"));
                    keys.put(stream, k);
                }
                case "RECORD" -> keys.get(stream).forEach(p -> {
                    JsonNode v = m.get("record").get(p);
                    assertTrue(v != null && !v.isNull(), stream + " record without its key " + p + ": " + m);
                });
                default -> { }
            }
        }
    }

    @Test
    void aSchemaComesBeforeItsStreamsRecordsAndVersionsAndEveryRecordIsValid() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        Map<String, Schema> schemas = new HashMap<>();
        long records = 0;
        long activations = 0;
        for (JsonNode m : demo) {
            String type = m.get("type").asString();
            String stream = m.path("stream").asString();
            switch (type) {
                case "SCHEMA" -> schemas.put(stream, registry.getSchema(m.get("schema")));
                case "RECORD", "ACTIVATE_VERSION" -> {
                    assertTrue(schemas.containsKey(stream), type + " of " + stream + " before its SCHEMA");
                    if (type.equals("RECORD")) {
                        List<Error> errors = schemas.get(stream).validate(m.get("record"));
                        assertTrue(errors.isEmpty(), stream + ": " + errors + " in " + m);
                        records++;
                    } else {
                        activations++;
                    }
                }
                case "STATE" -> { }
                default -> throw new AssertionError("unknown message type " + type);
            }
        }
        assertTrue(records > 1000, "the demo writes its records: " + records);
        assertTrue(activations > 0, "emit_activate_version in --config reaches the demo");
    }

    @Test
    void noStateRepeatsTheStateBeforeIt() {
        JsonNode previous = null;
        int states = 0;
        for (JsonNode m : of(demo, "STATE")) {
            assertFalse(m.equals(previous), "a STATE repeats the one before it: " + m);
            previous = m;
            states++;
        }
        assertTrue(states > 1);
    }

    @Test
    void deselectedFieldsAreNeitherInTheSchemaNorInRecords() throws Exception {
        JsonNode catalog = discoveredDemoCatalog();
        Set<String> dropped = new HashSet<>();
        for (JsonNode entry : catalog.get("streams")) {
            int n = 0;
            for (JsonNode md : entry.get("metadata")) {
                JsonNode crumb = md.get("breadcrumb");
                // every other available field of every stream
                if (crumb.size() == 2 && md.get("metadata").path("inclusion").asString().equals("available") && n++ % 2 == 0) {
                    ((ObjectNode) md.get("metadata")).put("selected", false);
                    dropped.add(entry.get("stream").asString() + "." + crumb.get(1).asString());
                }
            }
        }
        Path file = Files.writeString(dir.resolve("catalog.json"), catalog.toString());
        List<JsonNode> messages = run("--demo", "--catalog", file.toString());
        assertEveryRecordHasExactlyItsSchemaFields(messages);
        for (JsonNode m : of(messages, "SCHEMA")) {
            for (String name : m.get("schema").get("properties").propertyNames()) {
                assertFalse(dropped.contains(m.get("stream").asString() + "." + name), "deselected " + name + " announced");
            }
        }
        assertTrue(dropped.size() > 10, "fields were deselected: " + dropped);
    }

    /** The catalog {@code --demo} discovers, with the demo's options, from {@code --discover} against its portal. */
    private JsonNode discoveredDemoCatalog() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (io.github.tapbitrix24.portal.http.PortalSimulator portal = io.github.tapbitrix24.portal.http.Demo.startDemo()) {
            Path config = Files.writeString(dir.resolve("discover.json"), "{\"webhook_url\":\"" + portal.webhookUrl()
                    + "\",\"extract_deal_contacts\":true,\"enable_deal_comments_stream\":true,"
                    + "\"enable_deal_products_stream\":true,\"max_requests_per_second\":5,\"request_burst\":250}");
            int exit = TapCommand.run(new String[] {"--config", config.toString(), "--discover"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                    Map.of(), Clock.systemUTC(), d -> { });
            assertEquals(0, exit);
        }
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static void assertEveryRecordHasExactlyItsSchemaFields(List<JsonNode> messages) {
        Map<String, Set<String>> fields = new HashMap<>();
        long checked = 0;
        for (JsonNode m : messages) {
            String stream = m.path("stream").asString();
            if (m.get("type").asString().equals("SCHEMA")) {
                fields.put(stream, new LinkedHashSet<>(m.get("schema").get("properties").propertyNames()));
            } else if (m.get("type").asString().equals("RECORD")) {
                assertEquals(fields.get(stream), new LinkedHashSet<>(m.get("record").propertyNames()),
                        stream + ": a record's fields are its schema's");
                checked++;
            }
        }
        assertTrue(checked > 1000, "records checked: " + checked);
    }

    /** Names of properties (at any depth, array items included) whose schema has no {@code type}. */
    static void untypedProperties(JsonNode schema, String path, List<String> untyped) {
        JsonNode props = schema.get("properties");
        if (props != null) {
            for (Map.Entry<String, JsonNode> p : props.properties()) {
                String at = path + "." + p.getKey();
                if (!p.getValue().has("type")) {
                    untyped.add(at);
                }
                untypedProperties(p.getValue(), at, untyped);
            }
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            if (!items.has("type")) {
                untyped.add(path + "[]");
            }
            untypedProperties(items, path + "[]", untyped);
        }
    }

    private static List<JsonNode> of(List<JsonNode> messages, String type) {
        return messages.stream().filter(m -> m.get("type").asString().equals(type)).toList();
    }

    private static List<JsonNode> run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TapCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC(), d -> { });
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        List<JsonNode> messages = new ArrayList<>();
        out.toString(StandardCharsets.UTF_8).lines().forEach(l -> messages.add(JSON.readTree(l)));
        return messages;
    }
}
