package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.WebhookUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes the webhook secret from every string of a record before it is written. The portal can
 * hand it back in data: file fields carry download links ({@code url}, {@code urlMachine},
 * {@code downloadUrl}) built for the caller, which "may contain authorization data"
 * (D:api-reference/crm/universal/object-fields.md; the b24restdocs file-field notes), and stdout
 * must never hold the secret. One {@code indexOf} per string value.
 */
final class SecretScrubber {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final WebhookUrl webhook;

    SecretScrubber(WebhookUrl webhook) {
        this.webhook = webhook;
    }

    /** Scrubs {@code record} in place and returns it. */
    ObjectNode scrub(ObjectNode record) {
        if (webhook != null) {
            scrubObject(record);
        }
        return record;
    }

    /** {@code text} without the secret (for records written without a tree). */
    String scrubText(String text) {
        return webhook == null ? text : webhook.redact(text);
    }

    private void scrubObject(ObjectNode o) {
        List<String> dirty = null;
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            if (scrubbed(e.getValue()) != null) {
                dirty = dirty == null ? new ArrayList<>(1) : dirty;
                dirty.add(e.getKey());
            }
        }
        if (dirty != null) {
            for (String key : dirty) {
                o.set(key, scrubbed(o.get(key)));
            }
        }
    }

    private void scrubArray(ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
            JsonNode clean = scrubbed(a.get(i));
            if (clean != null) {
                a.set(i, clean);
            }
        }
    }

    /** The replacement of a string holding the secret, else null; containers are scrubbed in place. */
    private JsonNode scrubbed(JsonNode v) {
        if (v.isString()) {
            String s = v.asString();
            String clean = webhook.redact(s);
            return clean.equals(s) ? null : F.stringNode(clean);
        }
        if (v.isObject()) {
            scrubObject((ObjectNode) v);
        } else if (v.isArray()) {
            scrubArray((ArrayNode) v);
        }
        return null;
    }
}
