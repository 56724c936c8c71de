package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.config.BuildInfo;
import io.github.tapbitrix24.config.ConfigSchema;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --about}: what the tap is and which settings it takes, Singer-SDK style. The settings
 * come from the same {@code config.schema.json} that validates the config, so they cannot drift.
 */
final class AboutMode implements Mode {
    enum Format { json, markdown }

    /** The Singer capabilities this tap implements. */
    static final List<String> CAPABILITIES = List.of("catalog", "discover", "state", "about", "test", "activate-version");

    private final Format format;
    private final ConfigSchema schema;
    private final PrintStream out;

    AboutMode(Format format, ConfigSchema schema, PrintStream out) {
        this.format = format;
        this.schema = schema;
        this.out = out;
    }

    @Override
    public int run() {
        out.print(format == Format.json ? json() : markdown());
        out.flush();
        return 0;
    }

    String json() {
        JsonMapper mapper = JsonMapper.shared();
        ObjectNode about = mapper.createObjectNode();
        about.put("name", BuildInfo.NAME);
        about.put("version", BuildInfo.version());
        about.put("description", BuildInfo.DESCRIPTION);
        CAPABILITIES.forEach(about.putArray("capabilities")::add);
        // As the Singer SDK does: "settings" is the JSON Schema of the config (type, default, description per key).
        about.set("settings", schema.node());
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(about) + System.lineSeparator();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# `").append(BuildInfo.NAME).append("`\n\n")
                .append(BuildInfo.DESCRIPTION).append(".\n\n")
                .append("Version: ").append(BuildInfo.version()).append("\n\n")
                .append("## Capabilities\n\n");
        CAPABILITIES.forEach(c -> md.append("* `").append(c).append("`\n"));
        md.append("\n## Settings\n\n")
                .append("| Setting | Type | Required | Default | Description |\n")
                .append("|:--------|:-----|:--------:|:--------|:------------|\n");
        List<String> required = schema.required();
        for (Map.Entry<String, JsonNode> e : schema.properties().entrySet()) {
            JsonNode p = e.getValue();
            JsonNode def = p.get("default");
            md.append("| ").append(e.getKey())
                    .append(" | ").append(type(p))
                    .append(" | ").append(required.contains(e.getKey()) ? "yes" : "no")
                    .append(" | ").append(def == null ? "" : "`" + def + "`")
                    .append(" | ").append(cell(p.path("description").asString("")))
                    .append(" |\n");
        }
        md.append("\nSettings can also come from environment variables: `--config ENV` reads `")
                .append("TAP_BITRIX24_<SETTING>` (for example `TAP_BITRIX24_WEBHOOK_URL`).\n");
        return md.toString();
    }

    private static String type(JsonNode p) {
        String t = p.path("type").asString("");
        if (t.equals("array")) {
            t = "array of " + p.path("items").path("type").asString("values");
        }
        if (p.has("format")) {
            t += " (" + p.get("format").asString() + ")";
        }
        return t;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
