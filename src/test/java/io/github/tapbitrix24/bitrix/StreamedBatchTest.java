package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch answer parsed page by page ({@link BitrixApi#batch(List, SubResultConsumer)}): each result
 * is handed out whole, once, after the exchange is over; an answer that breaks off after a hand-out is
 * returned as the error of the rest, never sent again (it would hand results out twice); one that breaks
 * before is retried as usual; and both the response cap and the part cap still end an answer that is
 * too large.
 */
class StreamedBatchTest {
    private final ClientFixture f;

    StreamedBatchTest() throws Exception {
        f = new ClientFixture();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static List<BatchCommand> pages(int n) {
        List<BatchCommand> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new BatchCommand("k" + i, "crm.deal.list", params("{\"start\":-1}")));
        }
        return out;
    }

    /** {"k0":[rows],"k1":[rows],...} of {@code n} pages, {@code rows} rows each, IDs counting from 1. */
    private static String results(int n, int rows, String padding) {
        StringBuilder b = new StringBuilder("{");
        int id = 1;
        for (int k = 0; k < n; k++) {
            b.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":[");
            for (int r = 0; r < rows; r++, id++) {
                b.append(r == 0 ? "" : ",").append("{\"ID\":\"").append(id).append("\",\"TITLE\":\"").append(padding)
                        .append("\"}");
            }
            b.append(']');
        }
        return b.append('}').toString();
    }

    private static String answer(String results) {
        return "{\"result\":{\"result\":" + results + ",\"result_error\":[],\"result_total\":[],\"result_next\":[],"
                + "\"result_time\":[]},\"time\":{\"start\":1725292115.0,\"finish\":1725292115.5}}";
    }

    /** What the consumer was given: key and row count, in order. */
    private static final class Handed implements SubResultConsumer {
        final List<String> got = new ArrayList<>();

        @Override
        public void accept(String key, tools.jackson.databind.JsonNode result) {
            got.add(key + ":" + result.size());
        }
    }

    @Test
    void anAnswerBrokenMidPageHandsOutTheWholePagesBeforeTheBreakOnceAndIsNotSentAgain() throws Exception {
        String whole = answer(results(3, 50, "x"));
        String cut = whole.substring(0, whole.indexOf("\"k2\"") + 200); // inside the third page
        f.enqueue(200, cut);
        f.enqueue(200, whole); // would hand the first two pages out again if the request were repeated
        Handed handed = new Handed();

        BatchResult result = f.client().batch(pages(3), handed);

        assertEquals(List.of("k0:50", "k1:50"), handed.got);
        assertEquals(1, f.server.getRequestCount(), "not sent again after results were handed out");
        assertTrue(result.get("k0").ok() && result.get("k1").ok());
        assertEquals(BitrixErrorKind.MALFORMED_RESPONSE, result.get("k2").error().kind());
    }

    @Test
    void anAnswerBrokenBeforeAnyResultIsSentAgainAndHandsOutEachResultOnce() throws Exception {
        String whole = answer(results(3, 50, "x"));
        f.enqueue(200, whole.substring(0, whole.indexOf("\"k0\"") + 100)); // inside the first page
        f.enqueue(200, whole);
        Handed handed = new Handed();

        BatchResult result = f.client().batch(pages(3), handed);

        assertEquals(List.of("k0:50", "k1:50", "k2:50"), handed.got);
        assertEquals(2, f.server.getRequestCount());
        assertTrue(result.results().stream().allMatch(SubResult::ok));
    }

    @Test
    void theResponseCapEndsAnAnswerBeforeAnyPageIsHandedOut() throws Exception {
        // 50 pages of ~40 KB, chunked (no length to refuse it by): 2 MB against a 1 MB cap; each page
        // is far below the part cap (256 KB)
        for (int i = 0; i < 2; i++) {
            f.server.enqueue(new mockwebserver3.MockResponse.Builder().code(200)
                    .setHeader("Content-Type", "application/json")
                    .chunkedBody(answer(results(50, 50, "y".repeat(800))), 64 << 10).build());
        }
        Handed handed = new Handed();

        BitrixException e = assertThrows(BitrixException.class,
                () -> f.client(twoAttempts().withMaxResponseBytes(1 << 20)).batch(pages(50), handed));

        assertEquals(List.of(), handed.got);
        assertTrue(e.getMessage().contains("larger than 1 MB (max_response_mb)"), e.getMessage());
        assertEquals(2, f.server.getRequestCount());
    }

    @Test
    void pagesAreHandedOutOnlyOnceTheExchangeIsOver() throws Exception {
        f.enqueue(200, answer(results(2, 50, "x")));
        List<String> events = new ArrayList<>();
        BitrixClient client = f.client();
        client.onExchange(e -> events.add("exchange"));

        client.batch(pages(2), (key, result) -> events.add(key));

        // a consumer that writes to a slow target or sends requests of its own holds no HTTP call open
        assertEquals(List.of("exchange", "k0", "k1"), events);
    }

    private static ClientSettings twoAttempts() {
        return ClientFixture.settings().withRetries(2, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));
    }

    @Test
    void aPageLargerThanAQuarterOfTheCapIsNotBuiltAndFailsNamingTheLimit() throws Exception {
        // one page of 600 KB: under the 1 MB response cap, over the part cap of 256 KB
        String oversized = answer(results(1, 50, "z".repeat(12_000)));
        ClientSettings settings = twoAttempts().withMaxResponseBytes(1 << 20);
        f.enqueue(200, oversized);
        f.enqueue(200, oversized);
        Handed handed = new Handed();

        BitrixException e = assertThrows(BitrixException.class, () -> f.client(settings).batch(pages(1), handed));

        assertEquals(List.of(), handed.got);
        assertTrue(e.getMessage().contains("larger than 256 KB"), e.getMessage());
        assertEquals(2, f.server.getRequestCount(), "nothing handed out: retried like any malformed answer");
    }

    @Test
    void anErrorAnswerIsRetriedAsForABatchReadWhole() throws Exception {
        f.enqueue(503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
        f.enqueue(200, answer(results(1, 3, "x")));
        Handed handed = new Handed();

        f.client().batch(pages(1), handed);

        assertEquals(List.of("k0:3"), handed.got);
        assertEquals(2, f.server.getRequestCount());
        assertTrue(f.logs.any("retrying batch"));
    }
}
