package io.github.tapbitrix24.portal.methods;

import io.github.tapbitrix24.portal.ApiError;
import io.github.tapbitrix24.portal.DateFilterMode;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.data.EntitySchema;
import io.github.tapbitrix24.portal.data.FieldDef;
import io.github.tapbitrix24.portal.data.PortalData;
import io.github.tapbitrix24.portal.data.Table;
import io.github.tapbitrix24.portal.data.WorkData;
import io.github.tapbitrix24.portal.data.WorkSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The task and workgroup methods (scopes {@code task}, {@code sonet_group}); each follows its page in
 * the official docs (D: paths on the handlers).
 */
final class WorkMethods {
    /** The documented order of task.elapseditem.getlist's parameters; another order makes the call fail. */
    private static final List<String> ELAPSED_PARAMS = List.of("TASKID", "ORDER", "FILTER", "SELECT", "PARAMS");

    private final PortalData data;
    private final WorkData work;
    private final CostModel cost;
    private final DateFilterMode mode;

    WorkMethods(PortalData data, CostModel cost, DateFilterMode mode) {
        this.data = data;
        this.work = data.work();
        this.cost = cost;
        this.mode = mode;
    }

    void register(Map<String, Methods.Handler> m) {
        m.put("tasks.task.getfields", p -> new MethodResult(data.fields("tasks.task.getFields", p), null, null, cost.fields()));
        m.put("tasks.task.list", this::taskList);
        m.put("task.elapseditem.getlist", this::elapsedList);
        m.put("sonet_group.get", this::groupList);
        m.put("sonet_group.user.get", this::groupMembers);
        m.put("task.stages.get", this::stages);
    }

    private Filter filter(JsonNode f, Table t) {
        return Filter.parse(f, t.schema::field, false, mode, data.options.utcOffset());
    }

    /**
     * D:api-reference/tasks/tasks-task-list.md: order/filter/select by the getFields codes, default order
     * ID descending, {@code start} paging (-1: no COUNT), {@code result.tasks} with camelCase keys.
     * Only the selected stored fields come back (no select: every stored field), plus the computed
     * {@code subStatus} and {@code group}; naming one of the three system user fields returns all three
     * (D:api-reference/tasks/fields.md); {@code TAGS} comes back when selected.
     */
    private MethodResult taskList(JsonNode p) {
        Table t = work.tasks;
        Filter f = filter(Json.param(p, "filter"), t);
        FieldDef id = t.schema.field("ID");
        List<ListQuery.Term> order = ListQuery.order(Json.param(p, "order"), t.schema::field, id, false,
                List.of(new ListQuery.Term(id, true)));
        long start = CrmMethods.start(p);
        ListQuery.Page page = ListQuery.run(t, f, order, start, ListQuery.PAGE);
        List<String> names = EntitySchema.names(Json.param(p, "select"));
        Set<String> wanted = new java.util.LinkedHashSet<>();
        boolean all = names.isEmpty() || names.contains("*");
        for (FieldDef fd : t.schema.fields) {
            if (all || names.contains(fd.code())) {
                wanted.add(fd.code());
            }
        }
        if (WorkSchemas.SYSTEM_UF.stream().anyMatch(wanted::contains)) {
            wanted.addAll(WorkSchemas.SYSTEM_UF);
        }
        boolean tags = names.contains("TAGS");
        ArrayNode rows = Json.array();
        for (int idx : page.rows()) {
            ObjectNode full = t.row(idx);
            ObjectNode o = rows.addObject();
            for (FieldDef fd : t.schema.fields) {
                if (wanted.contains(fd.code()) && full.has(fd.code())) {
                    o.set(fd.itemName(), full.get(fd.code()));
                }
            }
            if (tags) {
                o.set("tags", full.get("TAGS"));
            }
            o.set("subStatus", full.get("STATUS"));
            o.putArray("group");
        }
        ObjectNode result = Json.object();
        result.set("tasks", rows);
        return new MethodResult(result, page.next(), page.total(), cost.page(page, start >= 0));
    }

    /**
     * D:api-reference/tasks/elapsed-item/task-elapsed-item-get-list.md: without {@code TASKID} the records
     * of every task; ORDER, FILTER (ID, USER_ID, CREATED_DATE; TASK_ID here too), SELECT ({@code *} or
     * names), PARAMS.NAV_PARAMS {nPageSize ≤ 50, iNumPage}; parameters out of the documented order fail.
     */
    private MethodResult elapsedList(JsonNode p) {
        List<String> seen = new ArrayList<>();
        p.propertyNames().forEach(k -> {
            String u = k.toUpperCase(java.util.Locale.ROOT);
            if (ELAPSED_PARAMS.contains(u)) {
                seen.add(u);
            }
        });
        List<String> expected = new ArrayList<>(ELAPSED_PARAMS);
        expected.retainAll(seen);
        if (!expected.equals(seen)) {
            throw new ApiError(400, "ERROR_CORE", "0x000100 Invalid method parameters (order: TASKID, ORDER, FILTER, SELECT, PARAMS)");
        }
        Table t = work.elapsed;
        ObjectNode filter = Json.object();
        JsonNode given = Json.param(p, "FILTER");
        if (given != null && given.isObject()) {
            filter.setAll((ObjectNode) given);
        }
        JsonNode taskId = Json.param(p, "TASKID");
        if (taskId != null) {
            filter.set("TASK_ID", taskId);
        }
        Filter f = filter(filter, t);
        List<ListQuery.Term> order = ListQuery.order(Json.param(p, "ORDER"), t.schema::field, t.schema.field("ID"),
                false, List.of());
        JsonNode nav = Json.param(Json.param(p, "PARAMS"), "NAV_PARAMS");
        int size = (int) Math.max(1, Math.min(ListQuery.PAGE, Json.longParam(Json.param(nav, "nPageSize"), ListQuery.PAGE)));
        long pageNo = Math.max(1, Json.longParam(Json.param(nav, "iNumPage"), 1));
        ListQuery.Page page = ListQuery.run(t, f, order, (pageNo - 1) * size, size);
        List<FieldDef> select = t.schema.selectPlain(Json.param(p, "SELECT"));
        ArrayNode rows = Json.array();
        for (int idx : page.rows()) {
            rows.add(CrmMethods.project(t.row(idx), select));
        }
        return new MethodResult(rows, page.next(), page.total(), cost.page(page, true));
    }

    /**
     * D:api-reference/sonet-group/sonet-group-get.md: ORDER (default ID descending), FILTER, GROUP_ID,
     * IS_ADMIN, start. Simulator rule for "considering the permissions of the current user": without
     * IS_ADMIN=Y the hidden groups (VISIBLE=N) are left out.
     */
    private MethodResult groupList(JsonNode p) {
        Table t = work.groups;
        ObjectNode filter = Json.object();
        JsonNode given = Json.param(p, "FILTER");
        if (given != null && given.isObject()) {
            filter.setAll((ObjectNode) given);
        }
        JsonNode groupId = Json.param(p, "GROUP_ID");
        if (groupId != null) {
            filter.set("ID", groupId);
        }
        if (!"Y".equalsIgnoreCase(Json.paramText(p, "IS_ADMIN"))) {
            ObjectNode visible = filter.putObject("__visible");
            visible.put("VISIBLE", "Y");
        }
        FieldDef id = t.schema.field("ID");
        List<ListQuery.Term> order = ListQuery.order(Json.param(p, "ORDER"), t.schema::field, id, false,
                List.of(new ListQuery.Term(id, true)));
        long start = CrmMethods.start(p);
        ListQuery.Page page = ListQuery.run(t, filter(filter, t), order, start, ListQuery.PAGE);
        ArrayNode rows = Json.array();
        for (int idx : page.rows()) {
            rows.add(t.row(idx));
        }
        return new MethodResult(rows, page.next(), page.total(), cost.page(page, start >= 0));
    }

    private long liveGroup(JsonNode p, String param) {
        long id = Json.longParam(Json.param(p, param), -1);
        if (id < 0) {
            throw ApiError.invalidArg("Parameter '" + param + "' is required");
        }
        int idx = work.groups.index(id);
        if (id > 0 && (idx < 0 || !work.groups.live(idx))) {
            throw new ApiError(400, "ERROR_GROUP_NOT_FOUND", "Workgroup not found");
        }
        return id;
    }

    /** D:api-reference/sonet-group/members/sonet-group-user-get.md: every active member of group {@code ID}, no paging. */
    private MethodResult groupMembers(JsonNode p) {
        long id = liveGroup(p, "ID");
        if (id == 0) {
            throw new ApiError(400, "ERROR_GROUP_NOT_FOUND", "Workgroup not found");
        }
        ArrayNode rows = Json.array();
        work.memberRows(id).forEach(rows::add);
        return new MethodResult(rows, null, null, cost.simple());
    }

    /** D:api-reference/tasks/stages/task-stages-get.md: stages keyed by ID; entityId 0 = the user's "My plan". */
    private MethodResult stages(JsonNode p) {
        long id = liveGroup(p, "entityId");
        ObjectNode byId = Json.object();
        for (ObjectNode s : work.stageRows(id)) {
            byId.set(s.get("ID").asString(), s);
        }
        return new MethodResult(Json.phpMap(byId), null, null, cost.simple());
    }
}
