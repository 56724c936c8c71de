package io.github.tapbitrix24.extract.scheduler;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.SubResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** One lane's part: the first {@code count} of its commands. */
    record Part(Lane lane, List<BatchCommand> commands) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final List<BatchCommand> combined = new ArrayList<>();

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
    void add(Lane lane, List<BatchCommand> commands) {
        String prefix = "q" + parts.size() + "_";
        Set<String> keys = new java.util.HashSet<>();
        commands.forEach(c -> keys.add(c.key()));
        for (BatchCommand c : commands) {
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
