package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.data.WorkSchemas;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The task and workgroup methods against the example responses of their official pages
 * (bitrix24/b24restdocs; path on each test).
 */
class PortalWorkDocShapesTest extends UnlimitedPortalTest {

    @Test
    void tasksTaskListWrapsCamelCaseRowsInResultTasks() { // api-reference/tasks/tasks-task-list.md
        JsonNode r = client.ok("tasks.task.list", "{\"order\":{\"ID\":\"asc\"},\"select\":[\"ID\",\"TITLE\",\"STATUS\","
                + "\"CHANGED_DATE\",\"RESPONSIBLE_ID\",\"AUDITORS\",\"TAGS\"],\"filter\":{\">ID\":0}}");
        JsonNode t = r.get("result").get("tasks").get(0);
        assertEquals("1", t.get("id").stringValue(), "ids as strings, lower camelCase key");
        for (String k : List.of("title", "status", "changedDate", "responsibleId", "auditors", "tags", "subStatus")) {
            assertTrue(t.has(k), k + " in " + t);
        }
        assertFalse(t.has("ID") || t.has("CHANGED_DATE"), "no UPPER_SNAKE keys in rows: " + t);
        assertFalse(t.has("createdDate"), "only what select names (plus computed keys): " + t);
        assertTrue(t.get("changedDate").stringValue().matches(PortalDocShapesTest.DATETIME));
        assertTrue(t.get("auditors").isArray());
        assertTrue(r.get("total").isIntegralNumber() && r.get("next").isIntegralNumber());
    }

    @Test
    void tasksTaskListDefaultsToIdDescendingAndSkipsTheCountWithStartMinusOne() { // tasks-task-list.md: "By default, it sorts in descending order by ID"
        JsonNode byDefault = client.ok("tasks.task.list", "{\"select\":[\"ID\"]}").get("result").get("tasks");
        assertTrue(byDefault.get(0).get("id").asLong() > byDefault.get(1).get("id").asLong());
        JsonNode uncounted = client.ok("tasks.task.list", "{\"select\":[\"ID\"],\"start\":-1}");
        assertEquals(0, uncounted.get("total").asInt());
        assertNull(uncounted.get("next"));
    }

    @Test
    void oneSystemUserFieldInSelectReturnsAllThree() { // api-reference/tasks/fields.md, note under UF_*
        JsonNode t = client.ok("tasks.task.list", "{\"select\":[\"ID\",\"UF_CRM_TASK\"]}").get("result").get("tasks").get(0);
        assertTrue(t.has("ufCrmTask") && t.has("ufTaskWebdavFiles") && t.has("ufMailMessage"), t.toString());
    }

    @Test
    void tasksTaskGetFieldsMapsCodesToTitleAndType() { // api-reference/tasks/tasks-task-get-fields.md
        JsonNode f = client.ok("tasks.task.getFields", "{}").get("result").get("fields");
        assertEquals("integer", f.get("ID").get("type").stringValue());
        assertTrue(f.get("ID").get("primary").booleanValue());
        assertEquals("datetime", f.get("CHANGED_DATE").get("type").stringValue());
        assertEquals("enum", f.get("STATUS").get("type").stringValue());
        assertEquals("Completed", f.get("STATUS").get("values").get("5").stringValue());
        assertEquals("crm", f.get("UF_CRM_TASK").get("type").stringValue());
        assertEquals("Contract number", f.get(WorkSchemas.UF_CONTRACT).get("title").stringValue());
        assertFalse(f.get(WorkSchemas.UF_COMPONENTS).has("isMultiple"), "getFields does not report multiplicity");
        // the docs' example (replayed in replay/tasks.task.getFields.json): required, Y/N values, a list for
        // DURATION_TYPE, defaults
        assertTrue(f.get("TITLE").get("required").booleanValue());
        assertFalse(f.get("DESCRIPTION").has("required"));
        assertEquals("Yes", f.get("MULTITASK").get("values").get("Y").stringValue());
        assertEquals("N", f.get("MULTITASK").get("default").stringValue());
        assertTrue(f.get("DURATION_TYPE").get("values").isArray());
        assertEquals("days", f.get("DURATION_TYPE").get("values").get(3).stringValue());
        assertEquals(2, f.get("STATUS").get("default").intValue());
        assertTrue(f.get("DEADLINE").get("default").isNull());
    }

    @Test
    void elapsedItemsOfEveryTaskComeAsAPlainArrayPagedByNavParams() { // tasks/elapsed-item/task-elapsed-item-get-list.md
        JsonNode r = client.ok("task.elapseditem.getlist", "{\"ORDER\":{\"ID\":\"asc\"},\"FILTER\":{\">ID\":0},"
                + "\"SELECT\":[\"*\"],\"PARAMS\":{\"NAV_PARAMS\":{\"nPageSize\":50,\"iNumPage\":1}}}");
        JsonNode rows = r.get("result");
        assertEquals(50, rows.size());
        JsonNode e = rows.get(0);
        for (String k : List.of("ID", "TASK_ID", "USER_ID", "COMMENT_TEXT", "SECONDS", "MINUTES", "SOURCE")) {
            assertTrue(e.get(k).isString(), k + " is a string in " + e);
        }
        assertTrue(e.get("DATE_STOP").stringValue().matches(PortalDocShapesTest.DATETIME));
        List<String> tasks = new ArrayList<>();
        rows.values().forEach(x -> tasks.add(x.get("TASK_ID").stringValue()));
        assertTrue(tasks.stream().distinct().count() > 1, "records of many tasks without TASKID");
        assertTrue(r.get("total").asInt() > 50);
    }

    @Test
    void elapsedItemParametersOutOfTheDocumentedOrderFail() { // task-elapsed-item-get-list.md: "mandatory to follow the specified order"
        PortalClient.Response r = client.post("task.elapseditem.getlist", "{\"FILTER\":{\">ID\":0},\"ORDER\":{\"ID\":\"asc\"}}");
        assertEquals(400, r.status());
        assertEquals("ERROR_CORE", r.json().get("error").stringValue());
    }

    @Test
    void sonetGroupGetReturnsUpperCaseRowsAndHidesInvisibleGroupsWithoutIsAdmin() { // api-reference/sonet-group/sonet-group-get.md
        JsonNode all = client.ok("sonet_group.get", "{\"ORDER\":{\"ID\":\"ASC\"},\"IS_ADMIN\":\"Y\"}").get("result");
        JsonNode g = all.get(0);
        for (String k : List.of("ID", "SITE_ID", "NAME", "DATE_CREATE", "DATE_UPDATE", "ACTIVE", "VISIBLE", "OPENED",
                "CLOSED", "SUBJECT_ID", "OWNER_ID", "NUMBER_OF_MEMBERS", "DATE_ACTIVITY", "SUBJECT_NAME", "PROJECT",
                "IS_EXTRANET")) {
            assertTrue(g.has(k), k + " in " + g);
        }
        JsonNode visible = client.ok("sonet_group.get", "{\"ORDER\":{\"ID\":\"ASC\"}}").get("result");
        assertTrue(visible.size() < all.size(), "a user's view leaves hidden groups out");
    }

    @Test
    void sonetGroupUserGetListsUserIdAndRole() { // api-reference/sonet-group/members/sonet-group-user-get.md
        JsonNode m = client.ok("sonet_group.user.get", "{\"ID\":1}").get("result");
        assertEquals("A", m.get(0).get("ROLE").stringValue(), "the owner first");
        m.values().forEach(x -> assertTrue(List.of("A", "E", "K").contains(x.get("ROLE").stringValue())));
        assertTrue(m.get(0).get("USER_ID").isString());
        assertEquals(400, client.post("sonet_group.user.get", "{\"ID\":99999}").status());
    }

    @Test
    void taskStagesGetIsAMapKeyedByStageId() { // api-reference/tasks/stages/task-stages-get.md
        JsonNode plan = client.ok("task.stages.get", "{\"entityId\":0}").get("result");
        assertTrue(plan.isObject());
        JsonNode first = plan.get("1");
        assertEquals("U", first.get("ENTITY_TYPE").stringValue());
        assertEquals("NEW", first.get("SYSTEM_TYPE").stringValue());
        assertTrue(first.get("ADDITIONAL_FILTER").isArray() && first.get("TO_UPDATE_ACCESS").isNull());
        JsonNode group = client.ok("task.stages.get", "{\"entityId\":2,\"isAdmin\":true}").get("result");
        group.properties().forEach(e -> {
            assertEquals(e.getKey(), e.getValue().get("ID").stringValue());
            assertEquals("G", e.getValue().get("ENTITY_TYPE").stringValue());
        });
    }

    @Test
    void taskMethodsNeedTheTaskScopeAndGroupMethodsTheSonetGroupScope() { // api-reference/scopes/permissions.md
        try (PortalSimulator crmOnly = PortalSimulator.start(PortalOptions.defaults().withRateLimit(false)
                .withOperatingLimit(false).withScopes(java.util.Set.of("crm")))) {
            PortalClient c = new PortalClient(crmOnly);
            assertEquals("insufficient_scope", c.post("tasks.task.list", "{}").json().get("error").stringValue());
            assertEquals("insufficient_scope", c.post("sonet_group.get", "{}").json().get("error").stringValue());
        }
    }
}
