package io.github.tapbitrix24.bitrix;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes JSON parameters the way PHP's {@code http_build_query} does, which is what the server
 * parses inside a batch command ({@code method?query}) [D:settings/how-to-call-rest-api/batch.md;
 * P:src/Core/Batch.php convertToApiCommands uses http_build_query]:
 * <ul>
 *   <li>nested objects become bracketed keys: {@code filter[>ID]=5}, {@code order[ID]=ASC};</li>
 *   <li>arrays get numeric indices: {@code select[0]=ID&select[1]=TITLE} (http_build_query never
 *       emits {@code select[]});</li>
 *   <li>booleans become {@code 1}/{@code 0}, because that is what http_build_query writes for PHP
 *       {@code true}/{@code false} and so what the official PHP SDK sends; a literal "true" string
 *       would be truthy for every PHP check, including {@code false};</li>
 *   <li>{@code null} and empty arrays/objects are left out, as http_build_query leaves them out;</li>
 *   <li>keys and values are form-encoded (PHP {@code urlencode}: space as {@code +}, everything
 *       but {@code A-Za-z0-9-_.} percent-encoded), so {@code [ ] > $ & = %} survive the trip.</li>
 * </ul>
 * Batch references such as {@code $result[p0][49][ID]} are ordinary string values here; the
 * server decodes the query first and resolves them afterwards.
 */
public final class PhpQuery {
    private PhpQuery() {
    }

    /** {@code {"filter":{">ID":5},"select":["ID"]}} → {@code filter%5B%3EID%5D=5&select%5B0%5D=ID}. */
    public static String encode(ObjectNode params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            append(out, e.getKey(), e.getValue());
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String key, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                append(out, key + "[" + e.getKey() + "]", e.getValue());
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                append(out, key + "[" + i + "]", value.get(i));
            }
        } else {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(urlencode(key)).append('=').append(urlencode(scalar(value)));
        }
    }

    private static String scalar(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? "1" : "0";
        }
        if (value.isString()) {
            return value.stringValue();
        }
        // Numbers: Jackson's canonical text (no exponent for integers, shortest form for doubles).
        return value.asString();
    }

    /** PHP urlencode: URLEncoder is the same scheme except that it leaves {@code *} alone. */
    static String urlencode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A");
    }
}
