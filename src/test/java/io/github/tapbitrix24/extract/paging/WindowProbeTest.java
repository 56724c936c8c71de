package io.github.tapbitrix24.extract.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.TimeInfo;
import io.github.tapbitrix24.streams.ListApi;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

class WindowProbeTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final OffsetDateTime START = OffsetDateTime.parse("2024-09-02T17:48:35+03:00");
    private static final KeysetPager.Scan SCAN = new KeysetPager.Scan("deals", "crm.deal.list",
            ListDialect.forApi(ListApi.CRM_LIST, "ID").orElseThrow(), F.objectNode(), List.of("ID"),
            F.objectNode().set("@CATEGORY_ID", F.arrayNode().add(1)));

    private static WindowProbe probe() {
        return new WindowProbe(SCAN, "DATE_MODIFY", START, "2024-09-02T17:48:35+03:00");
    }

    private static ArrayNode keys(String... values) {
        ArrayNode a = F.arrayNode();
        for (int i = 0; i < values.length; i++) {
            a.addObject().put("ID", Integer.toString(i + 1)).put("DATE_MODIFY", values[i]);
        }
        return a;
    }

    private static BatchResult answer(ArrayNode above, ArrayNode below) {
        return answer(above, below, keys("2024-01-01T00:00:00+03:00"));
    }

    private static BatchResult answer(ArrayNode above, ArrayNode below, ArrayNode any) {
        return new BatchResult(List.of(
                new SubResult(WindowProbe.ABOVE, "crm.deal.list", above, null, 0L, TimeInfo.EMPTY, null),
                new SubResult(WindowProbe.BELOW, "crm.deal.list", below, null, 0L, TimeInfo.EMPTY, null),
                new SubResult(WindowProbe.ANY, "crm.deal.list", any, null, 0L, TimeInfo.EMPTY, null)));
    }

    @Test
    void asksForTheOldestRowInsideAndTheNewestRowOutsideWithTheStreamsOwnFilter() {
        List<BatchCommand> c = probe().commands();
        assertEquals("2024-09-02T17:48:35+03:00", c.get(0).params().get("filter").get(">=DATE_MODIFY").asString());
        assertEquals("ASC", c.get(0).params().get("order").get("DATE_MODIFY").asString());
        assertEquals("2024-09-02T17:48:35+03:00", c.get(1).params().get("filter").get("<DATE_MODIFY").asString());
        assertEquals("DESC", c.get(1).params().get("order").get("DATE_MODIFY").asString());
        assertTrue(c.get(1).params().get("filter").has("@CATEGORY_ID"));
        assertEquals("[\"ID\",\"DATE_MODIFY\"]", c.get(0).params().get("select").toString());
        assertTrue(!c.get(2).params().get("filter").has(">=DATE_MODIFY"), "the third probe has no window");
        assertTrue(c.get(2).params().get("filter").has("@CATEGORY_ID"));
    }

    @Test
    void exactBoundaryIsAccepted() {
        assertTrue(probe().accept(answer(keys("2024-09-02T17:48:35+03:00"), keys("2024-09-02T17:48:34+03:00"))));
    }

    @Test
    void ignoredTimePartOnlyWidensAndIsAccepted() {
        assertTrue(probe().accept(answer(keys("2024-09-02T08:00:00+03:00"), keys("2024-09-01T23:59:59+03:00"))));
    }

    @Test
    void boundaryLaterThanTheWindowStartIsRejected() {
        // The server read the value three hours later (offset ignored): a row inside our window is counted out.
        assertFalse(probe().accept(answer(keys("2024-09-02T20:50:00+03:00"), keys("2024-09-02T18:00:00+03:00"))));
    }

    @Test
    void valueTheServerDidNotUnderstandIsRejected() {
        assertFalse(probe().accept(answer(F.arrayNode(), F.arrayNode())));
    }

    @Test
    void emptyStreamIsAccepted() {
        assertTrue(probe().accept(answer(F.arrayNode(), F.arrayNode(), F.arrayNode())));
    }

    @Test
    void nothingChangedSinceTheWindowStartIsAccepted() {
        assertTrue(probe().accept(answer(F.arrayNode(), keys("2024-09-01T10:00:00+03:00"))));
    }

    @Test
    void aRowCountedOutWhoseKeyCannotBeReadRejectsTheServerWindow() {
        assertFalse(probe().accept(answer(keys("2024-09-02T18:00:00+03:00"), keys("not a date"))));
    }

    @Test
    void aRowCountedInWhoseKeyCannotBeReadDoesNotStopTheServerWindow() {
        assertTrue(probe().accept(answer(keys("not a date"), keys("2024-09-02T17:48:34+03:00"))));
        assertTrue(probe().accept(answer(keys("not a date"), F.arrayNode())));
    }
}
