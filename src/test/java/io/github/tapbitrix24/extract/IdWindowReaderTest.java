package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.TimeInfo;
import io.github.tapbitrix24.extract.paging.IdWindowReader;
import io.github.tapbitrix24.extract.paging.ListDialect;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** task.elapseditem.getlist read in ID windows: every row once, no sub-call counting more than a page. */
class IdWindowReaderTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A table of elapsed items with gaps (deleted records), answering window and max-ID sub-calls. */
    private static ScriptedApi table(TreeSet<Long> ids, List<Long> counted) {
        return new ScriptedApi(commands -> {
            List<SubResult> results = new ArrayList<>();
            for (BatchCommand c : commands) {
                JsonNode filter = c.params().get("FILTER");
                boolean desc = c.params().get("ORDER").get("ID").asString().equals("DESC");
                long lo = filter.has(">ID") ? filter.get(">ID").asLong() : 0;
                long hi = filter.has("<=ID") ? filter.get("<=ID").asLong() : Long.MAX_VALUE;
                List<Long> matching = new ArrayList<>(ids.subSet(lo, false, hi, true));
                counted.add((long) matching.size());
                int size = c.params().get("PARAMS").get("NAV_PARAMS").get("nPageSize").asInt();
                ArrayNode rows = F.arrayNode();
                List<Long> ordered = new ArrayList<>(matching);
                if (desc) {
                    java.util.Collections.reverse(ordered);
                }
                ordered.stream().limit(size).forEach(id -> rows.addObject().put("ID", Long.toString(id))
                        .put("TASK_ID", "7"));
                results.add(new SubResult(c.key(), c.method(), rows, null, (long) matching.size(), TimeInfo.EMPTY, null));
            }
            return new BatchResult(results);
        });
    }

    private record Collected(List<Long> ids, List<Long> checkpoints) implements StreamOutput {
        @Override
        public void rows(JsonNode rows, Predicate<JsonNode> keep) {
            rows.forEach(r -> ids.add(RowIds.of(r, "ID")));
        }

        @Override
        public void checkpoint(StreamBookmark bookmark) {
            checkpoints.add(bookmark.lastId());
        }

        @Override
        public void complete(StreamBookmark bookmark) {
        }

        @Override
        public PortalOffset portalOffset() {
            return new PortalOffset();
        }
    }

    private static StreamPlan plan() {
        StreamSpec spec = StreamRegistry.forName("task_elapsed_time",
                io.github.tapbitrix24.config.TapConfig.defaults(
                        io.github.tapbitrix24.bitrix.WebhookUrl.parse("http://127.0.0.1:1/rest/1/abcdefgh/"))).orElseThrow();
        return new StreamPlan(spec, List.of("ID", "TASK_ID"), null, F.objectNode(), Optional.empty());
    }

    @Test
    void everyRowIsReadOnceAndNoSubCallCountsMoreThanOnePageExceptTheMaxIdProbe() {
        TreeSet<Long> ids = new TreeSet<>();
        for (long i = 1; i <= 6_000; i++) {
            if (i % 7 != 0) {
                ids.add(i);
            }
        }
        List<Long> counted = new ArrayList<>();
        ScriptedApi api = table(ids, counted);
        Collected out = new Collected(new ArrayList<>(), new ArrayList<>());
        new IdWindowReader(api, d -> { }).read(plan(), StreamBookmark.empty(null), out);

        assertEquals(new ArrayList<>(ids), out.ids(), "every row once, in ID order");
        assertEquals(3, api.batches.size(), "2,500 IDs per request: 6,000 IDs in three");
        assertEquals((long) ids.size(), counted.get(0), "only the max-ID probe counts the whole table");
        assertTrue(counted.subList(1, counted.size()).stream().allMatch(c -> c <= ListDialect.PAGE_SIZE), counted.toString());
        BatchCommand window = api.batches.get(1).get(0);
        assertEquals("{\">ID\":2450,\"<=ID\":2500}", window.params().get("FILTER").toString());
        assertEquals(List.of(2_450L, 4_950L, 6_000L), out.checkpoints(), "the upper bound of the last window read");
    }

    @Test
    void aResumedReadStartsAfterTheLastWindowWritten() {
        TreeSet<Long> ids = new TreeSet<>();
        for (long i = 1; i <= 3_000; i++) {
            ids.add(i);
        }
        ScriptedApi api = table(ids, new ArrayList<>());
        Collected out = new Collected(new ArrayList<>(), new ArrayList<>());
        new IdWindowReader(api, d -> { }).read(plan(), StreamBookmark.empty(null).progress(null, null, 2_450), out);
        assertEquals(550, out.ids().size());
        assertEquals(2_451L, out.ids().get(0));
    }
}
