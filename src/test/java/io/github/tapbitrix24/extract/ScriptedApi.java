package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.RequestStats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records the batches a pager builds and answers each with a scripted function: for unit tests of
 * command building and result handling only (behaviour against a portal is tested on the simulator).
 */
public final class ScriptedApi implements BitrixApi {
    public final List<List<BatchCommand>> batches = new ArrayList<>();
    private final Function<List<BatchCommand>, BatchResult> answer;

    public ScriptedApi(Function<List<BatchCommand>, BatchResult> answer) {
        this.answer = answer;
    }

    @Override
    public Envelope call(String method, ObjectNode params) {
        throw new UnsupportedOperationException("only batch is scripted");
    }

    @Override
    public BatchResult batch(List<BatchCommand> commands) {
        batches.add(List.copyOf(commands));
        return answer.apply(commands);
    }

    @Override
    public RequestStats stats() {
        return new RequestStats(batches.size(), batches.stream().mapToLong(List::size).sum(), 0);
    }
}
