package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.TimeInfo;
import io.github.tapbitrix24.extract.paging.KeysetPager;
import io.github.tapbitrix24.extract.paging.ListDialect;
import io.github.tapbitrix24.extract.spi.StreamUnavailableException;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.streams.ListApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class KeysetPagerTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ListDialect CRM = ListDialect.forApi(ListApi.CRM_LIST, "ID").orElseThrow();

    private static ArrayNode rows(long fromId, int count) {
        ArrayNode a = F.arrayNode();
        for (int i = 0; i < count; i++) {
            a.addObject().put("ID", Long.toString(fromId + i));
        }
        return a;
    }

    private static SubResult ok(BatchCommand c, JsonNode result) {
        return new SubResult(c.key(), c.method(), result, null, 0L, TimeInfo.EMPTY, null);
    }

    private static SubResult failed(BatchCommand c, BitrixErrorKind kind) {
        return new SubResult(c.key(), c.method(), null, null, null, null,
                new BitrixException(kind, c.method(), "X", 0, "boom", Duration.ZERO, null));
    }

    private static KeysetPager.Scan deals(ObjectNode filter) {
        return new KeysetPager.Scan("deals", "crm.deal.list", CRM, F.objectNode(), List.of("ID", "TITLE"), filter);
    }

    static final class Collect implements KeysetPager.Sink {
        final List<Long> ids = new ArrayList<>();
        final List<Long> checkpoints = new ArrayList<>();

        @Override
        public void rows(JsonNode rows) {
            rows.forEach(r -> ids.add(RowIds.of(r, "ID")));
        }

        @Override
        public void checkpoint(long lastId) {
            checkpoints.add(lastId);
        }
    }

    @Test
    void firstRequestHoldsOneCommandThenFiftyChainedByReferenceAndStopsAtTheFirstShortPage() {
        ScriptedApi api = new ScriptedApi(cmds -> {
            List<SubResult> out = new ArrayList<>();
            if (cmds.size() == 1) {
                out.add(ok(cmds.get(0), rows(1, 50)));
            } else {
                out.add(ok(cmds.get(0), rows(51, 50)));
                out.add(ok(cmds.get(1), rows(101, 10)));
                // An unresolved reference after a short page: undocumented, must be ignored.
                for (int i = 2; i < cmds.size(); i++) {
                    out.add(ok(cmds.get(i), rows(1, 50)));
                }
            }
            return new BatchResult(out);
        });
        Collect sink = new Collect();
        ObjectNode filter = F.objectNode().put(">=DATE_MODIFY", "2024-01-01T00:00:00+03:00");

        KeysetPager.Outcome outcome = new KeysetPager(api, d -> { }).scan(deals(filter), 0, null, sink);

        assertEquals(KeysetPager.Outcome.COMPLETE, outcome);
        assertEquals(110, sink.ids.size());
        assertEquals(List.of(50L, 110L), sink.checkpoints);
        assertEquals(2, api.batches.size());
        assertEquals(1, api.batches.get(0).size());
        List<BatchCommand> second = api.batches.get(1);
        assertEquals(50, second.size());
        ObjectNode p0 = second.get(0).params();
        assertEquals(50, p0.get("filter").get(">ID").asLong());
        assertEquals("2024-01-01T00:00:00+03:00", p0.get("filter").get(">=DATE_MODIFY").asString());
        assertEquals(-1, p0.get("start").asInt());
        assertEquals("ASC", p0.get("order").get("ID").asString());
        assertEquals("[\"ID\",\"TITLE\"]", p0.get("select").toString());
        assertEquals("$result[k0][49][ID]", second.get(1).params().get("filter").get(">ID").asString());
        assertEquals("$result[k48][49][ID]", second.get(49).params().get("filter").get(">ID").asString());
        assertTrue(filter.size() == 1, "the scan's filter is not modified");
    }

    @Test
    void aWrittenPageIsDroppedFromTheBatchAnswerSoItsRowsCanBeCollectedBeforeTheBatchEnds() {
        List<BatchResult> answers = new ArrayList<>();
        ScriptedApi api = new ScriptedApi(cmds -> {
            List<SubResult> out = new ArrayList<>();
            out.add(ok(cmds.get(0), rows(cmds.size() == 1 ? 1 : 51, cmds.size() == 1 ? 50 : 20)));
            answers.add(new BatchResult(out));
            return answers.get(answers.size() - 1);
        });
        List<JsonNode> seen = new ArrayList<>();
        List<Integer> sizesWhenHanded = new ArrayList<>();
        KeysetPager.Sink sink = new KeysetPager.Sink() {
            @Override
            public void rows(JsonNode rows) {
                sizesWhenHanded.add(rows.size());
                rows.forEach(seen::add);   // sinks keep rows, never the page's array
            }

            @Override
            public void checkpoint(long lastId) {
            }
        };

        new KeysetPager(api, d -> { }).scan(deals(F.objectNode()), 0, null, sink);

        assertEquals(List.of(50, 20), sizesWhenHanded, "each page reaches the sink whole");
        assertEquals(70, seen.size());
        assertEquals("70", seen.get(69).get("ID").asString(), "the rows a sink kept are intact");
        for (BatchResult answer : answers) {
            assertEquals(0, answer.results().get(0).result().size(), "the batch answer no longer holds a written page");
        }
    }

    @Test
    void crmItemListReferencesTheItemsArrayWithLowerCaseId() {
        ListDialect item = ListDialect.forApi(ListApi.CRM_ITEM_LIST, null).orElseThrow();
        assertEquals("$result[k3][items][49][id]", item.lastIdReference("k3"));
        ObjectNode p = item.params(F.objectNode().put("entityTypeId", 1040), List.of("id"), F.objectNode(), "id", true);
        assertEquals(1040, p.get("entityTypeId").asInt());
        assertEquals("ASC", p.get("order").get("id").asString());
    }

    @Test
    void userGetAndVoximplantSpellOrderAndFilterTheirOwnWay() {
        ObjectNode u = ListDialect.forApi(ListApi.USER_GET, "ID").orElseThrow()
                .params(F.objectNode(), List.of("ID"), F.objectNode().put(">ID", 5), "ID", true);
        assertEquals("ID", u.get("sort").asString());
        assertEquals("ASC", u.get("order").asString());
        assertEquals(5, u.get("FILTER").get(">ID").asInt());
        assertTrue(u.get("ADMIN_MODE").asBoolean());
        assertTrue(!u.has("select"), "user.get documents no select");
        ObjectNode v = ListDialect.forApi(ListApi.VOXIMPLANT_STATISTIC, "ID").orElseThrow()
                .params(F.objectNode(), List.of("ID"), F.objectNode(), "CALL_START_DATE", false);
        assertEquals("CALL_START_DATE", v.get("SORT").asString());
        assertEquals("DESC", v.get("ORDER").asString());
    }

    @Test
    void retryableSubCommandFailureRetriesFromTheLastIdSeen() {
        int[] call = {0};
        List<Duration> slept = new ArrayList<>();
        ScriptedApi api = new ScriptedApi(cmds -> {
            call[0]++;
            List<SubResult> out = new ArrayList<>();
            if (call[0] == 1) {
                out.add(ok(cmds.get(0), rows(1, 50)));
            } else if (call[0] == 2) {
                out.add(ok(cmds.get(0), rows(51, 50)));
                out.add(failed(cmds.get(1), BitrixErrorKind.SERVER)); // (OPERATION_TIME_LIMIT waits in the client)
                for (int i = 2; i < cmds.size(); i++) {
                    out.add(new SubResult(cmds.get(i).key(), cmds.get(i).method(), null, null, null, null, null));
                }
            } else {
                out.add(ok(cmds.get(0), rows(101, 3)));
            }
            return new BatchResult(out);
        });
        Collect sink = new Collect();

        new KeysetPager(api, slept::add).scan(deals(F.objectNode()), 0, null, sink);

        assertEquals(103, sink.ids.size());
        assertEquals(100, api.batches.get(2).get(0).params().get("filter").get(">ID").asLong());
        assertEquals(List.of(Duration.ZERO), slept, "waits as long as the error says");
    }

    @Test
    void missingScopeInsideBatchMakesTheStreamUnavailable() {
        ScriptedApi api = new ScriptedApi(cmds -> new BatchResult(List.of(failed(cmds.get(0), BitrixErrorKind.INSUFFICIENT_SCOPE))));
        StreamUnavailableException e = assertThrows(StreamUnavailableException.class,
                () -> new KeysetPager(api, d -> { }).scan(deals(F.objectNode()), 0, null, new Collect()));
        assertEquals("deals", e.stream());
    }

    @Test
    void invalidArgumentFailsTheRunInsteadOfSkipping() {
        ScriptedApi api = new ScriptedApi(cmds -> new BatchResult(List.of(failed(cmds.get(0), BitrixErrorKind.API))));
        BitrixException e = assertThrows(BitrixException.class,
                () -> new KeysetPager(api, d -> { }).scan(deals(F.objectNode()), 0, null, new Collect()));
        assertEquals(BitrixErrorKind.API, e.kind());
    }

    @Test
    void aServerThatIgnoresTheIdFilterStopsTheScanInsteadOfLooping() {
        ScriptedApi api = new ScriptedApi(cmds -> {
            List<SubResult> out = new ArrayList<>();
            cmds.forEach(c -> out.add(ok(c, rows(1, 50))));
            return new BatchResult(out);
        });
        assertThrows(IllegalStateException.class,
                () -> new KeysetPager(api, d -> { }).scan(deals(F.objectNode()), 0, null, new Collect()));
    }
}
