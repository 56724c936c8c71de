package io.github.tapbitrix24.config;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@link TapConfig} from the {@code --config} sources, Singer-SDK style: each source is a
 * JSON file, or {@code ENV} for {@code TAP_BITRIX24_<KEY>} variables; later sources override
 * earlier keys. The merged object is validated against {@link ConfigSchema} and every problem is
 * reported at once, one line each, in words a user understands and never with the webhook secret.
 * Unknown keys are a warning, not a failure (Meltano passes extra keys freely).
 */
public final class ConfigLoader {
    public static final String ENV_SOURCE = "ENV";
    public static final String ENV_PREFIX = "TAP_BITRIX24_";
    private static final Logger LOG = Logger.getLogger(ConfigLoader.class.getName());
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Map<String, String> environment;
    private final ConfigSchema schema;

    public ConfigLoader(Map<String, String> environment, ConfigSchema schema) {
        this.environment = Map.copyOf(environment);
        this.schema = schema;
    }

    /** Reads the process environment for {@code --config ENV}. */
    public ConfigLoader() {
        this(System.getenv(), ConfigSchema.load());
    }

    public TapConfig load(List<String> sources) throws ConfigException {
        return toConfig(merge(sources));
    }

    /** The sources merged key by key, later ones winning; not yet validated. */
    public ObjectNode merge(List<String> sources) throws ConfigException {
        if (sources.isEmpty()) {
            throw new ConfigException("no configuration given: pass --config FILE (or --config ENV)");
        }
        ObjectNode merged = JSON.createObjectNode();
        List<String> problems = new ArrayList<>();
        for (String source : sources) {
            try {
                merged.setAll(source.equals(ENV_SOURCE) ? fromEnvironment() : fromFile(Path.of(source)));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return merged;
    }

    /** Validates a merged config object and turns it into the settings record. */
    public TapConfig toConfig(ObjectNode config) throws ConfigException {
        Map<String, JsonNode> known = schema.properties();
        for (String key : config.propertyNames()) {
            if (!known.containsKey(key)) {
                LOG.warning(() -> "unknown config key '" + key + "' is ignored");
            }
        }
        List<String> problems = new ArrayList<>();
        for (Error e : schema.validate(withoutHugeNumbers(config, known, problems))) {
            problems.add(describe(e));
        }
        WebhookUrl webhook = null;
        Optional<OffsetDateTime> startDate = Optional.empty();
        JsonNode url = config.get("webhook_url");
        if (url != null && url.isString() && !url.stringValue().isEmpty()) {
            try {
                webhook = WebhookUrl.parse(url.stringValue());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage()); // WebhookUrl's messages never contain the secret
            }
        }
        JsonNode start = config.get("start_date");
        if (start != null && start.isString()) {
            try {
                startDate = Optional.of(OffsetDateTime.parse(start.stringValue().trim().replace(' ', 'T')));
            } catch (DateTimeParseException e) {
                problems.add("start_date must be an RFC 3339 date-time such as 2024-01-01T00:00:00Z (was \""
                        + start.stringValue() + "\")");
            }
        }
        if (problems.isEmpty() && number(config, "retry_max_delay_seconds") <= number(config, "retry_initial_delay_seconds")) {
            problems.add("retry_max_delay_seconds must be greater than retry_initial_delay_seconds");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<Integer> categories = new ArrayList<>();
        value(config, "deal_category_ids").forEach(n -> categories.add(n.intValue()));
        return new TapConfig(webhook, startDate,
                value(config, "extract_deal_contacts").booleanValue(),
                value(config, "enable_deal_comments_stream").booleanValue(),
                value(config, "enable_deal_products_stream").booleanValue(),
                number(config, "operating_time_threshold"),
                categories,
                number(config, "max_requests_per_second"),
                value(config, "request_burst").intValue(),
                value(config, "request_timeout_seconds").intValue(),
                value(config, "retry_max_attempts").intValue(),
                number(config, "retry_initial_delay_seconds"),
                number(config, "retry_max_delay_seconds"),
                value(config, "retry_max_total_seconds").intValue(),
                value(config, "deal_comments_full_refresh_hours").intValue(),
                value(config, "emit_activate_version").booleanValue(),
                value(config, "max_response_mb").intValue(),
                new DeletionSettings(value(config, "detect_deletions").booleanValue(),
                        value(config, "deletion_sweep_interval_hours").intValue(),
                        number(config, "max_deletion_fraction"),
                        value(config, "confirm_mass_deletion").longValue()),
                new ProductRowStreams(value(config, "enable_lead_products_stream").booleanValue(),
                        value(config, "enable_quote_products_stream").booleanValue(),
                        value(config, "enable_invoice_products_stream").booleanValue(),
                        value(config, "enable_spa_products_streams").booleanValue()));
    }

    /** The configured value, else the schema's default: the schema is the one place defaults live. */
    private JsonNode value(ObjectNode config, String key) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            v = schema.defaultOf(key);
        }
        if (v == null) {
            throw new IllegalStateException("config schema has no default for " + key);
        }
        return v;
    }

    private double number(ObjectNode config, String key) {
        return value(config, key).doubleValue();
    }

    private ObjectNode fromFile(Path file) throws ConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode node = JSON.readTree(in);
            if (node == null || !node.isObject()) {
                throw new ConfigException("config file " + file + " must contain a JSON object like {\"webhook_url\": \"...\"}");
            }
            return (ObjectNode) node;
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (JacksonException e) {
            // Only the position: the parser's own text may quote the file's content, secret included.
            TokenStreamLocation at = e.getLocation();
            throw new ConfigException("config file " + file + " is not valid JSON"
                    + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /**
     * {@code TAP_BITRIX24_<KEY>} for each setting of the schema. String settings are taken as
     * they are; the others are parsed as JSON ({@code true}, {@code 5}, {@code [1,2]}), and a value
     * that does not parse is kept as text so that validation names the setting and its type.
     */
    private ObjectNode fromEnvironment() {
        ObjectNode out = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> p : schema.properties().entrySet()) {
            String raw = environment.get(ENV_PREFIX + p.getKey().toUpperCase(Locale.ROOT));
            if (raw == null) {
                continue;
            }
            if ("string".equals(p.getValue().path("type").asString(""))) {
                out.put(p.getKey(), raw);
                continue;
            }
            try {
                out.set(p.getKey(), JSON.readTree(raw.trim()));
            } catch (JacksonException e) {
                out.put(p.getKey(), raw);
            }
        }
        return out;
    }

    /** Beyond this magnitude no setting is usable, and networknt's range checks fail on it (asLong). */
    private static final double HUGE = 1e15;

    /**
     * A copy of {@code config} without numbers of absurd magnitude ({@code 3e20}), each reported as
     * over its schema maximum: the validator would throw on them instead of reporting.
     */
    private static ObjectNode withoutHugeNumbers(ObjectNode config, Map<String, JsonNode> known, List<String> problems) {
        ObjectNode copy = config.deepCopy();
        for (String key : config.propertyNames()) {
            JsonNode v = config.get(key);
            JsonNode property = known.getOrDefault(key, JSON.createObjectNode());
            if (huge(v)) {
                problems.add(key + ": must be at most " + property.path("maximum").asString("a usable number")
                        + " (was " + v + ")");
                copy.remove(key);
            } else if (v.isArray()) {
                for (int i = 0; i < v.size(); i++) {
                    if (huge(v.get(i))) {
                        problems.add(key + "[" + i + "]: must be at most "
                                + property.path("items").path("maximum").asString("a usable number") + " (was " + v.get(i) + ")");
                        ((tools.jackson.databind.node.ArrayNode) copy.get(key)).set(i, JSON.getNodeFactory().numberNode(0));
                    }
                }
            }
        }
        return copy;
    }

    private static boolean huge(JsonNode n) {
        return n != null && n.isNumber() && Math.abs(n.doubleValue()) > HUGE;
    }

    /** One networknt error in words: the setting, what it must be, and what it was (never the webhook). */
    private static String describe(Error e) {
        String path = settingPath(e.getInstanceLocation());
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        if (keyword.equals("required")) {
            String property = e.getProperty() != null ? e.getProperty() : String.valueOf(e.getArguments()[0]);
            return property + " is required" + (property.equals("webhook_url")
                    ? ": the inbound webhook URL from Bitrix24, like https://<portal>/rest/<user_id>/<secret>/" : "");
        }
        String message = e.getMessage() == null ? keyword : e.getMessage();
        // networknt prefixes the location ("$.x: must be ..."); we print the setting name ourselves.
        message = message.replaceFirst("^\\$[^ ]*:\\s*", "");
        if (keyword.equals("type")) {
            message = "must be " + expectedType(e);
        }
        JsonNode was = e.getInstanceNode();
        boolean secret = path.startsWith("webhook_url");
        String wasText = was == null || secret ? "" : " (was " + was + ")";
        return (path.isEmpty() ? "config" : path) + ": " + message + wasText;
    }

    /** {@code deal_category_ids[0]}: how a user would point at the value. */
    private static String settingPath(NodePath location) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Number) {
                out.append('[').append(element).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(element);
            }
        }
        return out.toString();
    }

    private static String expectedType(Error e) {
        JsonNode type = e.getSchemaNode();
        String t = type == null ? "" : type.isString() ? type.stringValue() : type.toString();
        return switch (t) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "array" -> "a JSON array";
            case "string" -> "a string";
            case "object" -> "a JSON object";
            default -> t;
        };
    }
}
