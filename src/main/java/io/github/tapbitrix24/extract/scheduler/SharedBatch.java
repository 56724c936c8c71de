package io.github.tapbitrix24.extract.scheduler;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.SubResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code batch} request built from several lanes' requests: each lane's commands get a key
 * prefix of their own ({@code q3_k0}), so keys are unique in the combined request, and their
 * {@code $result[k0]} references are rewritten to match; the answer is split back per lane with
 * the original keys (D:settings/how-to-call-rest-api/batch.md).
 */
final class SharedBatch {
    /** The most sub-calls one batch request may carry (D:settings/how-to-call-rest-api/batch.md). */
    static final int MAX_COMMANDS = 50;
    private static final Pattern REFERENCE = Pattern.compile("\\$(result\\w*)\\[([A-Za-z0-9_]+)]");

    /** One lane's part: a prefix of its request's commands. */
    record Part(Lane lane, List<BatchCommand> commands) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final List<BatchCommand> combined = new ArrayList<>();
    /** Per method, the sub-calls its operating budget still affords in this request. */
    private final Map<String, Integer> room = new HashMap<>();
    private final ToIntFunction<String> affordable;

    private SharedBatch(ToIntFunction<String> affordable) {
        this.affordable = affordable;
    }

    /**
     * One request for the parked batch requests of {@code ready} (oldest first): the oldest, then
     * whole requests in age order as far as they fit in 50. A request is not cut to fill the room
     * left: a stream's request then costs it one HTTP request, as alone, and the per-stream counts
     * keep their meaning (measured on the S-like portal of SharedRequestsTest: filling the room by
     * cutting chains saved no request in a full sync, one in a run without changes). Only a
     * method's operating budget cuts a request: the oldest, when its method is near its budget, goes
     * with as many sub-calls as {@code affordable} allows (at least its first {@code atLeast}), and
     * other methods fill the rest.
     */
    static SharedBatch pack(List<Lane> ready, ToIntFunction<String> affordable) {
        SharedBatch batch = new SharedBatch(affordable);
        for (Lane lane : ready) {
            if (lane.request instanceof LaneRequest.Batch request) {
                boolean oldest = batch.isEmpty();
                int n = batch.fitting(request, oldest);
                if (n == request.commands().size() || oldest) {
                    batch.add(lane, request.commands().subList(0, n));
                }
            }
        }
        return batch;
    }

    /** How many of the request's first commands fit in the places and each method's room left. */
    private int fitting(LaneRequest.Batch request, boolean oldest) {
        Map<String, Integer> used = new HashMap<>();
        int n = 0;
        while (n < request.commands().size() && size() + n < MAX_COMMANDS) {
            String method = request.commands().get(n).method();
            int left = room.computeIfAbsent(method, affordable::applyAsInt) - used.getOrDefault(method, 0);
            if (left <= 0 && !(oldest && n < request.atLeast())) {
                break;
            }
            used.merge(method, 1, Integer::sum);
            n++;
        }
        return n;
    }

    int size() {
        return combined.size();
    }

    boolean isEmpty() {
        return combined.isEmpty();
    }

    List<Part> parts() {
        return parts;
    }

    /** Adds {@code commands} (a prefix of the lane's request) under a fresh key prefix. */
    private void add(Lane lane, List<BatchCommand> commands) {
        String prefix = "q" + parts.size() + "_";
        Set<String> keys = new HashSet<>();
        commands.forEach(c -> keys.add(c.key()));
        for (BatchCommand c : commands) {
            room.merge(c.method(), -1, Integer::sum);
            ObjectNode params = (ObjectNode) rewrite(c.params(), prefix, keys);
            combined.add(new BatchCommand(prefix + c.key(), c.method(), params));
        }
        parts.add(new Part(lane, List.copyOf(commands)));
    }

    List<BatchCommand> commands() {
        return List.copyOf(combined);
    }

    /** The answer of part {@code i}, under its own keys. */
    BatchResult resultOf(int i, BatchResult all) {
        String prefix = "q" + i + "_";
        List<SubResult> own = new ArrayList<>();
        for (BatchCommand c : parts.get(i).commands()) {
            SubResult r = all.get(prefix + c.key());
            own.add(new SubResult(c.key(), r.method(), r.result(), r.next(), r.total(), r.time(), r.error()));
        }
        return new BatchResult(List.copyOf(own));
    }

    /** A copy of {@code node} whose references to the part's own keys carry its prefix. */
    private static JsonNode rewrite(JsonNode node, String prefix, Set<String> keys) {
        if (node.isString()) {
            String text = node.asString();
            if (!text.contains("$result")) {
                return node;
            }
            Matcher m = REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String key = keys.contains(m.group(2)) ? prefix + m.group(2) : m.group(2);
                m.appendReplacement(out, Matcher.quoteReplacement("$" + m.group(1) + "[" + key + "]"));
            }
            m.appendTail(out);
            return JsonNodeFactory.instance.stringNode(out.toString());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(e.getKey(), rewrite(e.getValue(), prefix, keys));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> copy.add(rewrite(v, prefix, keys)));
            return copy;
        }
        return node;
    }
}
