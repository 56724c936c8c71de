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
 * must never hold the secret. One {@code indexOf} per string value ({@link String#replace} returns
 * the same instance when there is nothing to replace, which the identity checks rely on).
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

    private void scrubObject(ObjectNode o) {
        List<String> dirty = null;
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode v = e.getValue();
            if (v.isString()) {
                if (webhook.redact(v.asString()) != v.asString()) {
                    dirty = dirty == null ? new ArrayList<>(1) : dirty;
                    dirty.add(e.getKey());
                }
            } else if (v.isObject()) {
                scrubObject((ObjectNode) v);
            } else if (v.isArray()) {
                scrubArray((ArrayNode) v);
            }
        }
        if (dirty != null) {
            for (String key : dirty) {
                o.put(key, webhook.redact(o.get(key).asString()));
            }
        }
    }

    private void scrubArray(ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (v.isString()) {
                String s = v.asString();
                String clean = webhook.redact(s);
                if (clean != s) {
                    a.set(i, F.stringNode(clean));
                }
            } else if (v.isObject()) {
                scrubObject((ObjectNode) v);
            } else if (v.isArray()) {
                scrubArray((ArrayNode) v);
            }
        }
    }
}
