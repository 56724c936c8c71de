package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.body;
import static io.github.tapbitrix24.bitrix.ClientFixture.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A batch carries at most 50 commands (D:api-reference/how-to-call-rest-api/batch.md; a 51st fails
 * the whole request with ERROR_BATCH_LENGTH_EXCEEDED): the split is asserted request by request,
 * keys in order, none lost or sent twice.
 */
class BatchSplitTest {
    private final ClientFixture f;
    /** The command keys of each batch request, in the order the requests arrived. */
    private final List<List<String>> requests = new CopyOnWriteArrayList<>();

    BatchSplitTest() throws Exception {
        f = new ClientFixture();
        f.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                JsonNode cmd = body(request).get("cmd");
                List<String> keys = new ArrayList<>();
                ObjectNode inner = ClientFixture.JSON.createObjectNode();
                for (Map.Entry<String, JsonNode> e : cmd.properties()) {
                    keys.add(e.getKey());
                    inner.put(e.getKey(), e.getValue().stringValue());
                }
                requests.add(keys);
                return new MockResponse.Builder().body("{\"result\":{\"result\":" + inner + "}}").build();
            }
        });
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static List<BatchCommand> commands(int n) {
        List<BatchCommand> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new BatchCommand("c" + i, "crm.deal.get", params("{\"id\":" + i + "}")));
        }
        return out;
    }

    private static List<String> keys(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("c" + i);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} commands")
    @CsvSource({"50, 50", "51, 50+1", "100, 50+50", "101, 50+50+1"})
    void commandsGoInRequestsOfAtMostFiftyInOrder(int commands, String sizes) {
        BatchResult result = f.client().batch(commands(commands));

        List<List<String>> expected = new ArrayList<>();
        int from = 0;
        for (String size : sizes.split("\\+")) {
            int n = Integer.parseInt(size);
            expected.add(keys(from, from + n));
            from += n;
        }
        assertEquals(expected, requests, "the keys of each request");
        assertEquals(keys(0, commands), result.results().stream().map(SubResult::key).toList());
        assertEquals("crm.deal.get?id=" + (commands - 1), result.get("c" + (commands - 1)).result().stringValue());
    }

    @Test
    void theStatisticsCountEachRequestAndEachCommandOnce() {
        BitrixClient client = f.client();
        client.batch(commands(101));
        assertEquals(new RequestStats(3, 101, 0), client.stats());
    }
}
