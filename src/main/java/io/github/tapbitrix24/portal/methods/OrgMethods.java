package io.github.tapbitrix24.portal.methods;

import io.github.tapbitrix24.portal.ApiError;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.DateFilterMode;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.data.FieldDef;
import io.github.tapbitrix24.portal.data.OrgRows;
import io.github.tapbitrix24.portal.data.PortalData;
import io.github.tapbitrix24.portal.data.Table;
import io.github.tapbitrix24.portal.data.UserFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code scope}, {@code method.get}, {@code user.get}, {@code department.get}, {@code voximplant.statistic.get}, {@code imopenlines.config.list.get}. */
final class OrgMethods {
    private final PortalData data;
    private final CostModel cost;
    private final DateFilterMode mode;
    private final Set<String> scopes;
    private final Methods methods;

    OrgMethods(PortalData data, CostModel cost, DateFilterMode mode, Set<String> scopes, Methods methods) {
        this.data = data;
        this.cost = cost;
        this.mode = mode;
        this.scopes = scopes;
        this.methods = methods;
    }

    void register(Map<String, Methods.Handler> m) {
        m.put("scope", this::scope);
        m.put("method.get", this::methodGet);
        m.put("user.get", this::userGet);
        // D:api-reference/user/user-fields.md, D:api-reference/user/userfields/user-userfield-list.md
        m.put("user.fields", p -> new MethodResult(UserFields.userFields(), null, null, cost.simple()));
        m.put("user.userfield.list", p -> new MethodResult(UserFields.userfieldList(), null,
                UserFields.userfieldList().size(), cost.simple()));
        m.put("department.get", this::departmentGet);
        m.put("voximplant.statistic.get", this::calls);
        m.put("imopenlines.config.list.get", this::openLines);
    }

    /** D:api-reference/common/system/scope.md: the webhook's scopes, or every scope with full=true. */
    private MethodResult scope(JsonNode p) {
        ArrayNode out = Json.array();
        Set<String> s = Json.truthy(Json.param(p, "full")) ? new TreeSet<>(PortalOptions.ALL_SCOPES) : new TreeSet<>(scopes);
        s.forEach(out::add);
        return new MethodResult(out, null, null, cost.simple());
    }

    /** D:api-reference/common/system/method-get.md. */
    private MethodResult methodGet(JsonNode p) {
        String name = Json.paramText(p, "name");
        if (name == null) {
            throw ApiError.invalidArg("Parameter 'name' is required");
        }
        name = name.toLowerCase(java.util.Locale.ROOT);
        ObjectNode o = Json.object();
        boolean exists = methods.exists(name);
        o.put("isExisting", exists);
        o.put("isAvailable", exists && methods.allowed(name));
        return new MethodResult(o, null, null, cost.simple());
    }

    private Filter flatFilter(JsonNode p, Table t, JsonNode explicit) {
        ObjectNode merged = Json.object();
        // user.get and department.get also take filter keys at the top level (the docs' example sends UF_DEPARTMENT so)
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            String bare = e.getKey().replaceAll("^[!=<>@%?]+", "");
            if (t.schema.field(bare) != null) {
                merged.set(e.getKey(), e.getValue());
            }
        }
        if (explicit != null && explicit.isObject()) {
            explicit.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        }
        return Filter.parse(merged, t.schema::field, false, mode, data.options.utcOffset());
    }

    private List<ListQuery.Term> sortOrder(Table t, String sort, String order) {
        FieldDef f = sort == null ? null : t.schema.field(sort.toUpperCase(java.util.Locale.ROOT));
        if (f == null) {
            return List.of();
        }
        return List.of(new ListQuery.Term(f, order != null && order.equalsIgnoreCase("DESC")));
    }

    private MethodResult page(Table t, Filter f, List<ListQuery.Term> order, JsonNode p, List<FieldDef> select) {
        List<ListQuery.Term> terms = new ArrayList<>(order);
        if (terms.stream().noneMatch(x -> x.field().code().equals("ID"))) {
            terms.add(new ListQuery.Term(t.schema.field("ID"), false));
        }
        long start = CrmMethods.start(p);
        ListQuery.Page page = ListQuery.run(t, f, terms, start, ListQuery.PAGE);
        ArrayNode out = Json.array();
        for (int idx : page.rows()) {
            out.add(select == null ? t.row(idx) : CrmMethods.project(t.row(idx), select));
        }
        return new MethodResult(out, page.next(), page.total(), cost.page(page, start >= 0));
    }

    /**
     * D:api-reference/user/user-get.md: {@code sort}/{@code order} strings, {@code FILTER}, {@code ADMIN_MODE}.
     * Simulator rule (bitrix24-api.md §7.5 "needs ADMIN_MODE to see all users"): without ADMIN_MODE,
     * fired and extranet users are not returned.
     */
    private MethodResult userGet(JsonNode p) {
        Table t = data.table(Dataset.USERS);
        Filter f = flatFilter(p, t, Json.param(p, "FILTER"));
        boolean admin = Json.truthy(Json.param(p, "ADMIN_MODE"));
        Table view = admin ? t : new Table(t.name, t.schema, t.idCode, t.createdCode, t.modifiedCode, null,
                columns(t, true), columns(t, false), null, (tt, idx, w) -> t.row(idx, w));
        if (!admin) {
            for (int i = 0; i < t.size(); i++) {
                long id = Table.id(i);
                if (!t.live(i) || !OrgRows.userActive(data.fmt, id) || OrgRows.userExtranet(data.fmt, id)) {
                    view.delete(i);
                }
            }
        }
        List<FieldDef> select = t.schema.selectPlain(Json.param(p, "select"));
        return page(view, f, sortOrder(t, Json.paramText(p, "sort"), Json.paramText(p, "order")), p, select);
    }

    private static int[] columns(Table t, boolean created) {
        int[] c = new int[t.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = created ? t.created(i) : t.modified(i);
        }
        return c;
    }

    /** D:api-reference/departments/department-get.md: sort/order, flat filters. */
    private MethodResult departmentGet(JsonNode p) {
        Table t = data.table(Dataset.DEPARTMENTS);
        Filter f = flatFilter(p, t, Json.param(p, "filter"));
        return page(t, f, sortOrder(t, Json.paramText(p, "sort"), Json.paramText(p, "order")), p, null);
    }

    /** D:api-reference/telephony/voximplant/voximplant-statistic-get.md: FILTER, SORT, ORDER (no sorting by default). */
    private MethodResult calls(JsonNode p) {
        Table t = data.table(Dataset.CALLS);
        Filter f = Filter.parse(Json.param(p, "FILTER"), t.schema::field, false, mode, data.options.utcOffset());
        return page(t, f, sortOrder(t, Json.paramText(p, "SORT"), Json.paramText(p, "ORDER")), p, null);
    }

    /**
     * D:api-reference/imopenlines/openlines/imopenlines-config-list-get.md: PARAMS {select, order,
     * filter, limit (default 50, max 200), offset}; a plain array without next/total.
     */
    private MethodResult openLines(JsonNode p) {
        Table t = data.table(Dataset.OPEN_LINES);
        JsonNode params = Json.param(p, "PARAMS");
        if (params == null || !params.isObject()) {
            params = Json.object();
        }
        Filter f = Filter.parse(Json.param(params, "filter"), t.schema::field, false, mode, data.options.utcOffset());
        List<ListQuery.Term> order = ListQuery.order(Json.param(params, "order"), t.schema::field, t.schema.field("ID"), false, List.of());
        int limit = (int) Math.max(1, Math.min(200, Json.longParam(Json.param(params, "limit"), 50)));
        long offset = Math.max(0, Json.longParam(Json.param(params, "offset"), 0));
        ListQuery.Page page = ListQuery.run(t, f, order, offset, limit);
        JsonNode options = Json.param(p, "OPTIONS");
        boolean queue = Json.truthy(Json.param(options, "QUEUE"));
        boolean configQueue = Json.truthy(Json.param(options, "CONFIG_QUEUE"));
        List<FieldDef> select = t.schema.selectPlain(Json.param(params, "select"));
        ArrayNode out = Json.array();
        for (int idx : page.rows()) {
            // without a select every field of the line (the schema lists only those it filters and sorts on);
            // the queue fields only when OPTIONS ask for them
            ObjectNode row = Json.param(params, "select") == null ? t.row(idx).deepCopy()
                    : CrmMethods.project(t.row(idx), select);
            if (!queue) {
                row.remove("QUEUE");
                row.remove("QUEUE_USERS_FIELDS");
            }
            if (!configQueue) {
                row.remove("CONFIG_QUEUE");
            }
            out.add(row);
        }
        return new MethodResult(out, null, null, cost.simple());
    }
}
