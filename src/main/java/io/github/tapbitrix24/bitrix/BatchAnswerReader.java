package io.github.tapbitrix24.bitrix;

import java.io.IOException;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a batch answer [D:settings/how-to-call-rest-api/batch.md] with the streaming parser: each
 * sub-call's result ({@code result.result.<key>}, one page of at most 50 rows) is parsed on its own and
 * handed to a {@link SubResultConsumer} before the next one is parsed. No tree of the whole answer
 * (2,500 wide deals, ~4 MB of JSON, 20-40 MB as a tree, ~29 % of the sync's CPU with the collections
 * it caused) is ever built: an answer costs its raw bytes (read whole under the response cap) and the
 * tree of one page, and every part is parsed under a part limit ({@link CappedInputStream#limitPart}).
 *
 * <p>What comes after the results ({@code result_error}, {@code result_total}, {@code result_next},
 * {@code result_time}, {@code time}) is small; it is kept as a tree, and the answer comes back in the
 * shape {@link Envelopes} reads, the results being the very nodes the consumer was given.
 */
final class BatchAnswerReader {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ObjectMapper mapper;
    /** Reads one value where the parser stands; what follows it is the rest of the answer, not trailing junk. */
    private final ObjectReader parts;
    private final long partCap;

    /** @param partCap the most bytes of the body one result (or any other top-level part) may take */
    BatchAnswerReader(ObjectMapper mapper, long partCap) {
        this.mapper = mapper;
        this.parts = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.partCap = partCap;
    }

    /**
     * The answer in {@code body}, its results handed to {@code consumer} as they are read; only
     * results of {@code keys} are handed out. Returns what is not an object as it is (the caller
     * rejects it), null for an empty body.
     */
    JsonNode read(CappedInputStream body, Set<String> keys, SubResultConsumer consumer) throws IOException {
        try (JsonParser p = mapper.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            if (first != JsonToken.START_OBJECT) {
                return part(p, body);
            }
            ObjectNode answer = F.objectNode();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                if (p.nextToken() == JsonToken.START_OBJECT && name.equals("result")) {
                    answer.set(name, batchResult(p, body, keys, consumer));
                } else {
                    answer.set(name, part(p, body));
                }
            }
            return answer;
        }
    }

    /** {@code result}: the sub-calls' results, handed out one by one, then the five small maps. */
    private ObjectNode batchResult(JsonParser p, CappedInputStream body, Set<String> keys,
                                   SubResultConsumer consumer) throws IOException {
        ObjectNode out = F.objectNode();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.START_OBJECT && name.equals("result")) {
                ObjectNode results = out.putObject(name);
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    JsonNode result = part(p, body);
                    results.set(key, result);
                    if (keys.contains(key)) {
                        handOut(consumer, key, result);
                    }
                }
            } else {
                // PHP's [] for an empty map (no sub-call succeeded), and the small maps
                out.set(name, part(p, body));
            }
        }
        return out;
    }

    /** The consumer's own failures are its own: a Jackson one (its generator's) must not pass for a malformed answer. */
    private static void handOut(SubResultConsumer consumer, String key, JsonNode result) {
        try {
            consumer.accept(key, result);
        } catch (JacksonException e) {
            throw new IllegalStateException("handling the result of batch command " + key + " failed", e);
        }
    }

    private JsonNode part(JsonParser p, CappedInputStream body) {
        body.limitPart(partCap);
        JsonNode value = parts.readValue(p);
        return value == null ? F.nullNode() : value;
    }
}
