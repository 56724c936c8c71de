package io.github.tapbitrix24.discover;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.TimeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A tiny in-memory BitrixApi for unit tests of discovery logic (the simulator tests cover HTTP). */
final class FakeBitrixApi implements BitrixApi {
    private final Map<String, Function<ObjectNode, Object>> answers = new HashMap<>();
    final List<String> calledMethods = new ArrayList<>();
    private long http;
    private long sub;

    /** {@code answer} returns a JsonNode result or a BitrixErrorKind to fail with. */
    FakeBitrixApi on(String method, Function<ObjectNode, Object> answer) {
        answers.put(method, answer);
        return this;
    }

    FakeBitrixApi on(String method, Object fixed) {
        return on(method, p -> fixed);
    }

    @Override
    public Envelope call(String method, ObjectNode params) {
        http++;
        calledMethods.add(method);
        Object a = answer(method, params);
        if (a instanceof BitrixErrorKind k) {
            throw error(k, method);
        }
        return new Envelope((JsonNode) a, null, 0, TimeInfo.EMPTY);
    }

    @Override
    public BatchResult batch(List<BatchCommand> commands) {
        http += (commands.size() + 49) / 50;
        sub += commands.size();
        List<SubResult> out = new ArrayList<>();
        for (BatchCommand c : commands) {
            calledMethods.add(c.method());
            Object a = answer(c.method(), c.params());
            if (a instanceof BitrixErrorKind k) {
                out.add(new SubResult(c.key(), c.method(), null, null, null, TimeInfo.EMPTY, error(k, c.method())));
            } else {
                out.add(new SubResult(c.key(), c.method(), (JsonNode) a, null, null, TimeInfo.EMPTY, null));
            }
        }
        return new BatchResult(out);
    }

    private Object answer(String method, ObjectNode params) {
        Function<ObjectNode, Object> f = answers.get(method);
        return f == null ? BitrixErrorKind.METHOD_NOT_FOUND : f.apply(params);
    }

    private static BitrixException error(BitrixErrorKind k, String method) {
        return new BitrixException(k, method, k.name(), 0, "failed: " + k, null, null);
    }

    @Override
    public RequestStats stats() {
        return new RequestStats(http, sub, 0);
    }
}
