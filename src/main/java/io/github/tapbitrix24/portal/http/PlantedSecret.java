package io.github.tapbitrix24.portal.http;

import io.github.tapbitrix24.portal.Json;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts the webhook secret into the texts of an answer a client may copy into its output: labels and
 * titles of field metadata, names in dictionaries, and error descriptions (a portal admin can type
 * anything into a label; an error page may echo the URL). Streamed list pages are left alone:
 * their values come from the generator.
 */
final class PlantedSecret {
    private static final Set<String> TEXT_KEYS = Set.of("title", "listLabel", "formLabel", "filterLabel", "NAME",
            "TITLE", "error_description", "LINE_NAME", "name");

    private PlantedSecret() {
    }

    static void plant(JsonNode node, String secret) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                JsonNode v = e.getValue();
                if (v.isString() && TEXT_KEYS.contains(e.getKey())) {
                    e.setValue(Json.F.stringNode(v.asString() + " /rest/1/" + secret + "/ " + secret));
                } else {
                    plant(v, secret);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(v -> plant(v, secret));
        }
    }
}
