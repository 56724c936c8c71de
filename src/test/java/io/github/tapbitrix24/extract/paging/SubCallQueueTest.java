package io.github.tapbitrix24.extract.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.TimeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class SubCallQueueTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /**
     * A shared request may carry only some of the queue's calls (the scheduler, BitrixApi.batchPrefix):
     * the others were not sent, not failed: they go first into the next request, each is answered
     * once, and nothing backs off.
     */
    @Test
    void callsLeftOutOfASharedRequestGoFirstIntoTheNextWithoutBackOff() {
        List<List<Integer>> requests = new ArrayList<>();
        BitrixApi api = new BitrixApi() {
            @Override
            public Envelope call(String method, ObjectNode params) {
                throw new AssertionError("sub-calls only");
            }

            @Override
            public BatchResult batch(List<BatchCommand> commands) {
                throw new AssertionError("independent calls may be cut: a prefix is asked for");
            }

            @Override
            public BatchResult batchPrefix(List<BatchCommand> commands, int atLeast) {
                List<SubResult> sent = new ArrayList<>();
                List<Integer> deals = new ArrayList<>();
                for (BatchCommand c : commands.subList(0, Math.min(2, commands.size()))) {
                    deals.add(c.params().get("deal").asInt());
                    sent.add(new SubResult(c.key(), c.method(), F.arrayNode(), null, 0L, TimeInfo.EMPTY, null));
                }
                requests.add(deals);
                return new BatchResult(sent);
            }

            @Override
            public RequestStats stats() {
                return new RequestStats(requests.size(), 0, 0);
            }
        };
        List<Integer> answered = new ArrayList<>();
        List<SubCallQueue.Call> calls = new ArrayList<>();
        for (int deal = 1; deal <= 5; deal++) {
            int d = deal;
            calls.add(new SubCallQueue.Call() {
                @Override
                public String method() {
                    return "crm.timeline.comment.list";
                }

                @Override
                public ObjectNode params() {
                    return F.objectNode().put("deal", d);
                }

                @Override
                public List<SubCallQueue.Call> done(SubResult result) {
                    answered.add(d);
                    return List.of();
                }
            });
        }
        List<Duration> slept = new ArrayList<>();

        new SubCallQueue(api, slept::add).run("deal_comments", calls);

        assertEquals(List.of(1, 2, 3, 4, 5), answered);
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5)), requests);
        assertEquals(List.of(), slept);
    }
}
