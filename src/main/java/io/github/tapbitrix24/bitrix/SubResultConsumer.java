package io.github.tapbitrix24.bitrix;

import tools.jackson.databind.JsonNode;

/**
 * Takes each sub-call's result of a batch answer as soon as it has been parsed
 * ({@link BitrixApi#batch(java.util.List, SubResultConsumer)}), so a caller can write one page's rows
 * before the next page is parsed and no tree of the whole answer is built. A scheduler that packs the sub-calls of several streams into one
 * request hands each result to its owner by key.
 */
@FunctionalInterface
public interface SubResultConsumer {
    /**
     * The whole result of sub-call {@code key} (never a part of it), in the order of the answer, which
     * is the order of the commands; a sub-call that failed or was skipped is not passed. The node is the
     * one the returned {@link BatchResult} holds: a consumer may empty it once read, so the rows of the
     * answer are not kept until its end.
     */
    void accept(String key, JsonNode result);
}
