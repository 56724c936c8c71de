package io.github.tapbitrix24.bitrix;

import tools.jackson.databind.JsonNode;

/**
 * The outcome of one batch sub-call: either {@code result} (with its own next/total/time) or
 * {@code error}. A command that the server skipped (no result, no error) has both null.
 */
public record SubResult(String key, String method, JsonNode result, Integer next, Long total,
                        TimeInfo time, BitrixException error) {
    public boolean ok() {
        return error == null && result != null;
    }
}
