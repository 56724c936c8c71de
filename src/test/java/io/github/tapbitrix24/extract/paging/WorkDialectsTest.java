package io.github.tapbitrix24.extract.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.TimeInfo;
import io.github.tapbitrix24.extract.ScriptedApi;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.streams.ListApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How the task and workgroup families spell their requests and read their rows. */
class WorkDialectsTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonMapper M = JsonMapper.shared();
    private static final List<String> TASK_SELECT = List.of("ID", "STATUS", "CHANGED_DATE", "UF_CRM_TASK",
            "UF_AUTO_499889542776");

    private static ListDialect tasks() {
        return ListDialect.forApi(ListApi.TASK_LIST, "ID").orElseThrow().forSelect(TASK_SELECT);
    }

    @Test
    void theServersCamelCaseOfAFieldCodeKeepsDigitsWithoutTheirUnderscore() {
        assertEquals("id", CamelCase.of("ID"));
        assertEquals("changedDate", CamelCase.of("CHANGED_DATE"));
        assertEquals("ufCrmTask", CamelCase.of("UF_CRM_TASK")); // D:api-reference/tasks/fields.md
        // a real script reads task.get("ufAuto499889542776") for the field UF_AUTO_499889542776
        assertEquals("ufAuto499889542776", CamelCase.of("UF_AUTO_499889542776"));
    }

    @Test
    void taskRowsAreRenamedToTheSelectedCodesAndKeepWhatTheyDoNotName() {
        // the row shape of a real tasks.task.list page (leshchenko1979/fast_bitrix24,
        // tests/real_responses/get_all_tasks.py: {"id","status","group":[],"subStatus"}), written here
        JsonNode result = M.readTree("{\"tasks\":[{\"id\":\"8618\",\"status\":\"2\",\"changedDate\":"
                + "\"2022-06-12T15:10:15+03:00\",\"ufCrmTask\":[\"D_7\"],\"ufAuto499889542776\":\"x\","
                + "\"group\":[],\"subStatus\":\"-1\"}]}");
        JsonNode row = tasks().rows(result).get(0);
        assertEquals("8618", row.get("ID").asString());
        assertEquals("2", row.get("STATUS").asString());
        assertEquals("2022-06-12T15:10:15+03:00", row.get("CHANGED_DATE").asString());
        assertEquals("[\"D_7\"]", row.get("UF_CRM_TASK").toString());
        assertEquals("x", row.get("UF_AUTO_499889542776").asString());
        assertEquals("-1", row.get("subStatus").asString(), "unselected keys pass through (the output drops them)");
        assertFalse(row.has("id"));
    }

    @Test
    void taskPagesFilterAndOrderByTheUpperCodeButReferenceTheRowsLowerCaseId() {
        ListDialect d = tasks();
        ObjectNode p = d.params(F.objectNode(), TASK_SELECT, F.objectNode().put(">ID", 7), "ID", true);
        assertEquals("{\"order\":{\"ID\":\"ASC\"},\"filter\":{\">ID\":7},\"select\":[\"ID\",\"STATUS\",\"CHANGED_DATE\","
                + "\"UF_CRM_TASK\",\"UF_AUTO_499889542776\"],\"start\":-1}", p.toString());
        assertEquals("$result[k3][tasks][49][id]", d.lastIdReference("k3"));
    }

    @Test
    void elapsedItemsKeepTheDocumentedParameterOrderAndPageWithNavParams() {
        ListDialect d = ListDialect.forApi(ListApi.ELAPSED_ITEM_LIST, "ID").orElseThrow();
        ObjectNode p = d.params(F.objectNode(), List.of("ID", "TASK_ID"), F.objectNode().put(">ID", 0), "ID", true);
        List<String> keys = new ArrayList<>(p.propertyNames());
        assertEquals(List.of("ORDER", "FILTER", "SELECT", "PARAMS"), keys);
        assertEquals("{\"NAV_PARAMS\":{\"nPageSize\":50,\"iNumPage\":1}}", p.get("PARAMS").toString());
        assertEquals("$result[k0][49][ID]", d.lastIdReference("k0"));
    }

    @Test
    void workgroupsAreAskedForAsAnAdministratorInUpperCaseParameters() {
        ListDialect d = ListDialect.forApi(ListApi.SONET_GROUP_GET, "ID").orElseThrow();
        ObjectNode p = d.params(F.objectNode(), List.of("ID"), F.objectNode().put(">ID", 0), "ID", true);
        assertEquals("{\"IS_ADMIN\":\"Y\",\"ORDER\":{\"ID\":\"ASC\"},\"FILTER\":{\">ID\":0},\"start\":-1}", p.toString());
    }

    @Test
    void theTaskKeysetMovesAfterTheLastRowsIdAcrossBatches() {
        // 120 tasks: the server resolves each reference to the previous page's last "id"
        ScriptedApi api = new ScriptedApi(commands -> {
            List<SubResult> results = new ArrayList<>();
            long previousLast = -1;
            for (var c : commands) {
                JsonNode bound = c.params().get("filter").get(">ID");
                long after = bound.isNumber() ? bound.asLong() : previousLast;
                ObjectNode page = F.objectNode();
                var tasks = page.putArray("tasks");
                for (long id = after + 1; id <= Math.min(after + 50, 120); id++) {
                    tasks.addObject().put("id", Long.toString(id)).put("changedDate", "2026-01-01T00:00:00+03:00");
                }
                previousLast = Math.min(after + 50, 120);
                results.add(new SubResult(c.key(), c.method(), page, null, 0L, TimeInfo.EMPTY, null));
            }
            return new BatchResult(results);
        });
        List<Long> ids = new ArrayList<>();
        new KeysetPager(api, d -> { }).scan(new KeysetPager.Scan("tasks", "tasks.task.list", tasks(), F.objectNode(),
                TASK_SELECT, F.objectNode()), 0, null, new KeysetPager.Sink() {
                    @Override
                    public void rows(JsonNode rows) {
                        rows.forEach(r -> ids.add(RowIds.of(r, "ID")));
                    }

                    @Override
                    public void checkpoint(long lastId) {
                    }
                });
        assertEquals(120, ids.size());
        assertEquals(120L, ids.get(ids.size() - 1));
        assertEquals(50, api.batches.get(1).get(0).params().get("filter").get(">ID").asInt(), "after the first page's last id");
        assertEquals("$result[k0][tasks][49][id]", api.batches.get(1).get(1).params().get("filter").get(">ID").asString());
    }
}
