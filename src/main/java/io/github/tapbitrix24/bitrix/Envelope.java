package io.github.tapbitrix24.bitrix;

import tools.jackson.databind.JsonNode;

/**
 * A successful response: {@code result} as sent (array, object, scalar; PHP's {@code []} for an
 * empty map is left as is), {@code next} only when the server sent it, {@code total} (0 with
 * {@code start=-1} or when absent) and {@code time}.
 */
public record Envelope(JsonNode result, Integer next, long total, TimeInfo time) {
}
