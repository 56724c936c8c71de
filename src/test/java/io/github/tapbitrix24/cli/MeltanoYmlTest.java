package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's {@code meltano.yml} is what {@code --about} says, as a Meltano project: the
 * extractor with its executable, every capability, every setting with its Meltano kind, label and
 * description (all from {@code schemas/config.schema.json}). Regenerated here and compared;
 * {@code mvn test -Dtest=MeltanoYmlTest -DupdateSamples=true} rewrites it.
 */
class MeltanoYmlTest {
    private static final Path FILE = Path.of("meltano.yml");
    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void meltanoYmlIsWhatAboutSays() throws IOException {
        String expected = meltanoYml(about());
        if (Boolean.getBoolean("updateSamples")) {
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(FILE, StandardCharsets.UTF_8),
                "meltano.yml drifted from --about; rerun with -DupdateSamples=true and review the diff");
    }

    @Test
    void everyCapabilityAndSettingIsListed() throws IOException {
        JsonNode about = about();
        String yml = Files.readString(FILE, StandardCharsets.UTF_8);
        about.get("capabilities").forEach(c -> assertTrue(yml.contains("\n    - " + c.asString() + "\n"), c.asString()));
        about.get("settings").get("properties").propertyNames()
                .forEach(s -> assertTrue(yml.contains("\n    - name: " + s + "\n"), s));
        assertTrue(yml.contains("- activate-version\n"));
        assertTrue(yml.contains("executable: bin/tap-bitrix24\n"));
    }

    private static JsonNode about() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = TapCommand.run(new String[] {"--about"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()), Map.of(), Clock.systemUTC(), d -> { });
        assertEquals(0, exit);
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** The project file: YAML, with every free text as a JSON string (valid YAML, no quoting rules to get wrong). */
    static String meltanoYml(JsonNode about) {
        StringBuilder y = new StringBuilder();
        y.append("# A Meltano project with tap-bitrix24, generated from `bin/tap-bitrix24 --about`\n")
                .append("# (schemas/config.schema.json) by MeltanoYmlTest, which fails when the two drift.\n")
                .append("# Try it: meltano install; meltano config tap-bitrix24 set webhook_url <your webhook>;\n")
                .append("#          meltano run tap-bitrix24 target-jsonl\n")
                .append("default_environment: dev\n")
                .append("environments:\n- name: dev\n")
                .append("plugins:\n  extractors:\n")
                .append("  - name: ").append(about.get("name").asString()).append('\n')
                .append("    namespace: tap_bitrix24\n")
                .append("    executable: bin/tap-bitrix24\n")
                .append("    description: ").append(quoted(about.get("description").asString())).append('\n')
                .append("    capabilities:\n");
        about.get("capabilities").forEach(c -> y.append("    - ").append(c.asString()).append('\n'));
        y.append("    settings:\n");
        JsonNode schema = about.get("settings");
        for (Map.Entry<String, JsonNode> e : schema.get("properties").properties()) {
            JsonNode p = e.getValue();
            y.append("    - name: ").append(e.getKey()).append('\n')
                    .append("      kind: ").append(kind(p)).append('\n')
                    .append("      label: ").append(quoted(label(e.getKey()))).append('\n');
            if (p.has("default")) {
                y.append("      value: ").append(JSON.writeValueAsString(p.get("default"))).append('\n');
            }
            y.append("      description: ").append(quoted(p.path("description").asString(""))).append('\n');
            if (p.path("writeOnly").asBoolean(false)) {
                y.append("      sensitive: true\n");
            }
        }
        y.append("    settings_group_validation:\n    - [");
        for (int i = 0; i < schema.get("required").size(); i++) {
            y.append(i == 0 ? "" : ", ").append(schema.get("required").get(i).asString());
        }
        y.append("]\n")
                .append("  loaders:\n")
                .append("  - name: target-jsonl\n")
                .append("    variant: andyh1203\n")
                .append("    pip_url: target-jsonl\n");
        return y.toString();
    }

    /** Meltano's setting kinds, from the JSON Schema type. */
    private static String kind(JsonNode p) {
        if (p.path("writeOnly").asBoolean(false)) {
            return "password";
        }
        return switch (p.path("type").asString("")) {
            case "boolean" -> "boolean";
            case "integer" -> "integer";
            case "number" -> "decimal";
            case "array" -> "array";
            case "object" -> "object";
            default -> p.path("format").asString("").equals("date-time") ? "date_iso8601" : "string";
        };
    }

    /** {@code deal_category_ids} → {@code Deal Category Ids}. */
    private static String label(String name) {
        StringBuilder l = new StringBuilder();
        for (String w : name.split("_")) {
            l.append(l.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return l.toString().replace("Url", "URL").replace("Ids", "IDs");
    }

    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }
}
