package io.github.tapbitrix24.extract.children;

import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads every child row (product row, timeline comment) of a group of deals with as few HTTP
 * requests as the API allows. One instance serves one stream read; it may learn how the portal
 * answers (see {@link ProductRowsFetcher}).
 */
interface DealChildFetcher {
    /**
     * Hands every child row of {@code dealIds} to {@code rows}, one JSON array at a time, and
     * returns when all are handed over.
     */
    void fetch(String stream, List<Long> dealIds, Consumer<JsonNode> rows);
}
