package io.github.tapbitrix24.bitrix;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sub-call of a batch. {@code params} is the same JSON a direct call would send; the client
 * encodes it PHP-style ({@code filter[>ID]=5&select[0]=ID}) into {@code method?query}. A string
 * value such as {@code "$result[p0][49][ID]"} is a reference to an earlier command's result and
 * is passed through for the server to resolve.
 */
public record BatchCommand(String key, String method, ObjectNode params) {
    public BatchCommand {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        if (!key.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("batch command key must be [A-Za-z0-9_]+, was: " + key);
        }
    }
}
