package io.github.tapbitrix24.portal.methods;

import io.github.tapbitrix24.portal.ApiError;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.DateFilterMode;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.data.ChildRows;
import io.github.tapbitrix24.portal.data.CrmBreadth;
import io.github.tapbitrix24.portal.data.EntitySchema;
import io.github.tapbitrix24.portal.data.FieldDef;
import io.github.tapbitrix24.portal.data.ItemFormat;
import io.github.tapbitrix24.portal.data.OrgRows;
import io.github.tapbitrix24.portal.data.PortalData;
import io.github.tapbitrix24.portal.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CRM methods (scope {@code crm}). Each follows its page in the official docs; see the
 * D: paths in the method comments and bitrix24-api.md §6.
 */
public final class CrmMethods {
    private final PortalData data;
    private final CostModel cost;
    private final DateFilterMode mode;

    CrmMethods(PortalData data, CostModel cost, DateFilterMode mode) {
        this.data = data;
        this.cost = cost;
        this.mode = mode;
    }

    void register(Map<String, Methods.Handler> m) {
        // D:api-reference/crm/deals/crm-deal-list.md, contacts/crm-contact-list.md, companies/crm-company-list.md,
        // leads/crm-lead-list.md, timeline/activities/activity-base/crm-activity-list.md, outdated/products/crm-product-list.md
        m.put("crm.deal.list", p -> oldList(data.table(Dataset.DEALS), p, null));
        m.put("crm.contact.list", p -> oldList(data.table(Dataset.CONTACTS), p, null));
        m.put("crm.company.list", p -> oldList(data.table(Dataset.COMPANIES), p, null));
        m.put("crm.lead.list", p -> oldList(data.table(Dataset.LEADS), p, null));
        m.put("crm.activity.list", p -> oldList(data.table(Dataset.ACTIVITIES), withBindings(p), "START_TIME"));
        m.put("crm.product.list", p -> oldList(data.table(Dataset.PRODUCTS), p, null));
        for (String e : List.of("deal", "contact", "company", "lead", "activity", "product")) {
            String name = "crm." + e + ".fields";
            m.put(name, p -> new MethodResult(data.fields(name, p), null, null, cost.fields()));
        }
        m.put("crm.item.fields", p -> new MethodResult(data.fields("crm.item.fields", p), null, null, cost.fields()));
        m.put("crm.item.list", this::itemList);
        m.put("crm.status.list", this::statusList);
        m.put("crm.category.list", this::categoryList);
        m.put("crm.type.list", this::typeList);
        m.put("crm.stagehistory.list", this::stageHistory);
        m.put("crm.timeline.comment.list", this::comments);
        m.put("crm.deal.productrows.get", this::dealProductRows);
        m.put("crm.item.productrow.list", this::productRowList);
        m.put("crm.deal.contact.items.get", this::dealContacts);
        new BreadthMethods(data, this, cost, mode).register(m);
    }

    static long start(JsonNode params) {
        long s = Json.longParam(Json.param(params, "start"), 0);
        return s < 0 ? -1 : s;
    }

    private Filter filter(JsonNode f, Table t, java.util.function.Function<String, FieldDef> resolver, boolean strict) {
        return Filter.parse(f, resolver, strict, mode, data.options.utcOffset());
    }

    MethodResult oldList(Table t, JsonNode p, String defaultOrder) {
        Filter f = filter(Json.param(p, "filter"), t, t.schema::field, false);
        List<ListQuery.Term> dflt = defaultOrder == null ? List.of()
                : List.of(new ListQuery.Term(t.schema.field(defaultOrder), false));
        List<ListQuery.Term> order = ListQuery.order(Json.param(p, "order"), t.schema::field, t.schema.field(t.idCode), false, dflt);
        long start = start(p);
        ListQuery.Page page = ListQuery.run(t, f, order, start, ListQuery.PAGE);
        List<FieldDef> select = t.schema.selectOld(Json.param(p, "select"));
        java.util.Set<String> wanted = new java.util.HashSet<>();
        select.forEach(fd -> wanted.add(fd.code()));
        JsonNode out;
        if (t.streamable()) {
            out = new StreamedRows(t, page.rows(), select, wanted).node();
        } else {
            ArrayNode rows = Json.array();
            for (int idx : page.rows()) {
                rows.add(project(t.row(idx, wanted), select));
            }
            out = rows;
        }
        return new MethodResult(out, page.next(), page.total(), cost.page(page, start >= 0));
    }

    /**
     * crm.activity.list {@code filter.BINDINGS = [{OWNER_TYPE_ID, OWNER_ID}, ...]}: activities bound to any
     * of the pairs (D:tutorials/crm/how-to-get-lists/get-activity-list-by-deals.md). Activities here are
     * bound to their deal only, so the pairs become an {@code @OWNER_ID} condition on the deals named
     * with type 2 (none: nothing matches); a condition the caller already put on the owner is kept, ANDed.
     */
    static JsonNode withBindings(JsonNode params) {
        JsonNode filter = Json.param(params, "filter");
        if (filter == null || !filter.isObject()) {
            return params;
        }
        String key = null;
        for (String k : filter.propertyNames()) {
            if (k.equalsIgnoreCase("BINDINGS")) {
                key = k;
            }
        }
        if (key == null) {
            return params;
        }
        ArrayNode owners = Json.array();
        JsonNode pairs = filter.get(key);
        for (JsonNode pair : pairs.isContainer() ? pairs.values() : List.<JsonNode>of()) {
            if (pair.isObject() && Json.longParam(Json.param(pair, "OWNER_TYPE_ID"), 0) == 2) {
                long owner = Json.longParam(Json.param(pair, "OWNER_ID"), 0);
                if (owner > 0) {
                    owners.add(owner);
                }
            }
        }
        if (owners.isEmpty()) {
            owners.add(0); // no deal has ID 0
        }
        ObjectNode rewritten = ((ObjectNode) filter).deepCopy();
        rewritten.remove(key);
        if (rewritten.has("@OWNER_ID")) {
            ObjectNode group = rewritten.putObject("__bindings"); // an AND group: both conditions hold
            group.set("@OWNER_ID", owners);
        } else {
            rewritten.set("@OWNER_ID", owners); // top level, so the owner index narrows the walk
        }
        ObjectNode p = ((ObjectNode) params).deepCopy();
        for (String k : List.copyOf(p.propertyNames())) {
            if (k.equalsIgnoreCase("filter")) {
                p.remove(k);
            }
        }
        p.set("filter", rewritten);
        return p;
    }

    static ObjectNode project(ObjectNode row, List<FieldDef> select) {
        ObjectNode o = Json.object();
        for (FieldDef f : select) {
            JsonNode v = row.get(f.code());
            if (v != null) { // an empty single file field is absent, not null
                o.set(f.code(), v);
            }
        }
        return o;
    }

    private int entityTypeId(JsonNode p) {
        JsonNode n = Json.param(p, "entityTypeId");
        if (n == null) {
            throw ApiError.invalidArg("Required parameter 'entityTypeId' is missing");
        }
        return (int) Json.longParam(n, 0);
    }

    /** D:api-reference/crm/universal/crm-item-list.md: camelCase, result.items, fm only with "*". */
    private MethodResult itemList(JsonNode p) {
        int etid = entityTypeId(p);
        Table t = data.itemTable(etid);
        if (t == null) {
            throw ApiError.notFound("Smart process not found");
        }
        EntitySchema s = t.schema;
        Filter f = filter(Json.param(p, "filter"), t, s::itemField, true);
        List<ListQuery.Term> order = ListQuery.order(Json.param(p, "order"), s::itemField, s.field(t.idCode), true, List.of());
        long start = start(p);
        ListQuery.Page page = ListQuery.run(t, f, order, start, ListQuery.PAGE);
        List<String> names = EntitySchema.names(Json.param(p, "select"));
        boolean star = names.isEmpty() || names.contains("*");
        List<FieldDef> fields = new ArrayList<>();
        for (FieldDef fd : s.fields) {
            boolean returned = fd.itemName() != null && (fd.inList() || fd.code().equals("CONTACT_IDS"));
            if (returned && (star || names.contains(fd.itemName()))) {
                fields.add(fd);
            }
        }
        boolean fm = star && (etid == 1 || etid == 3 || etid == 4);
        boolean original = Json.truthy(Json.param(p, "useOriginalUfNames"));
        ArrayNode items = Json.array();
        for (int idx : page.rows()) {
            JsonNode contactIds = etid == 2 ? data.contactIdsNode(Table.id(idx)) : null;
            ObjectNode item = ItemFormat.item(t.row(idx), fields, fm, contactIds);
            // contacts' companyIds and companies' contactIds (D:api-reference/crm/universal/object-fields.md)
            if (etid == 3 && (star || names.contains("companyIds"))) {
                item.set("companyIds", CrmBreadth.ids(data.breadth.companyIdsOfContact(Table.id(idx))));
            } else if (etid == 4 && (star || names.contains("contactIds"))) {
                item.set("contactIds", CrmBreadth.ids(data.breadth.contactIdsOfCompany(Table.id(idx))));
            }
            if (original) {
                item = originalUfNames(item, fields);
            }
            items.add(item);
        }
        ObjectNode result = Json.object();
        result.set("items", items);
        return new MethodResult(result, page.next(), page.total(), cost.page(page, start >= 0));
    }

    private static ObjectNode originalUfNames(ObjectNode item, List<FieldDef> fields) {
        ObjectNode o = Json.object();
        for (Map.Entry<String, JsonNode> e : item.properties()) {
            String key = e.getKey();
            for (FieldDef f : fields) {
                if (f.dynamic() && key.equals(f.itemName())) {
                    key = f.code();
                }
            }
            o.set(key, e.getValue());
        }
        return o;
    }

    /** D:api-reference/crm/status/crm-status-list.md: one call returns the whole (filtered) dictionary. */
    private MethodResult statusList(JsonNode p) {
        Table t = data.table(Dataset.STATUSES);
        Filter f = filter(Json.param(p, "filter"), t, t.schema::field, false);
        List<ListQuery.Term> order = ListQuery.order(Json.param(p, "order"), t.schema::field, t.schema.field("ID"), false, List.of());
        ListQuery.Page page = ListQuery.run(t, f, order, 0, Integer.MAX_VALUE / 2);
        ArrayNode out = Json.array();
        for (int idx : page.rows()) {
            out.add(t.row(idx));
        }
        return new MethodResult(out, null, page.total(), cost.simple());
    }

    private static Table materialized(String name, EntitySchema schema, List<ObjectNode> rows) {
        return new Table(name, schema, "id", null, null, null, new int[rows.size()], null, null,
                (t, idx, w) -> rows.get(idx).deepCopy());
    }

    /** Rows of a materialised table filtered, ordered and paged like crm.item.list (camelCase keys). */
    private ListQuery.Page camelPage(Table t, JsonNode p) {
        Filter f = filter(Json.param(p, "filter"), t, t.schema::field, false);
        List<ListQuery.Term> order = ListQuery.order(Json.param(p, "order"), t.schema::field, t.schema.field("id"), false, List.of());
        return ListQuery.run(t, f, order, start(p), ListQuery.PAGE);
    }

    /** D:api-reference/crm/universal/category/crm-category-list.md: result.categories. */
    private MethodResult categoryList(JsonNode p) {
        int etid = entityTypeId(p);
        List<ObjectNode> rows = data.categories(etid);
        if (rows == null) {
            // D:api-reference/crm/universal/category/crm-category-list.md, "Possible Error Codes"
            throw new ApiError(400, "ENTITY_TYPE_NOT_SUPPORTED", "Entity type " + etid + " is not supported");
        }
        // the default deal funnel has id 0, so rows are addressed by position, not by id
        Table t = new Table("categories", OrgRows.CATEGORIES, "__pos", null, null, null, new int[rows.size()], null, null,
                (tt, idx, w) -> rows.get(idx).deepCopy());
        ListQuery.Page page = ListQuery.run(t, Filter.parse(Json.param(p, "filter"), t.schema::field, false, mode,
                data.options.utcOffset()), List.of(new ListQuery.Term(FieldDef.std("__pos", "integer"), false)), start(p), ListQuery.PAGE);
        ArrayNode cats = Json.array();
        for (int idx : page.rows()) {
            cats.add(t.row(idx));
        }
        ObjectNode result = Json.object();
        result.set("categories", cats);
        return new MethodResult(result, page.next(), page.total(), cost.simple());
    }

    /** D:api-reference/crm/universal/user-defined-object-types/crm-type-list.md: result.types, flags "Y"/"N". */
    private MethodResult typeList(JsonNode p) {
        List<ObjectNode> rows = new ArrayList<>(data.spaTypeRows().values());
        Table t = materialized("types", OrgRows.TYPES, rows);
        ListQuery.Page page = camelPage(t, p);
        ArrayNode types = Json.array();
        for (int idx : page.rows()) {
            types.add(t.row(idx));
        }
        ObjectNode result = Json.object();
        result.set("types", types);
        return new MethodResult(result, page.next(), page.total(), cost.simple());
    }

    /** D:api-reference/crm/crm-stage-history-list.md: result.items, native ints, strict fields. */
    private MethodResult stageHistory(JsonNode p) {
        int etid = entityTypeId(p);
        Table t;
        if (etid == 1) {
            t = data.table(Dataset.LEAD_STAGE_HISTORY);
        } else if (etid == 2) {
            t = data.table(Dataset.DEAL_STAGE_HISTORY);
        } else if (etid > 4 && data.spaHistoryTable(etid) != null) {
            t = data.spaHistoryTable(etid); // smart processes: the deal row shape, their own funnels
        } else {
            throw new ApiError(400, "ENTITY_TYPE_NOT_SUPPORTED", "Entity type " + etid + " is not supported");
        }
        Filter f = filter(Json.param(p, "filter"), t, t.schema::field, true);
        List<ListQuery.Term> order = ListQuery.order(Json.param(p, "order"), t.schema::field, t.schema.field("ID"), true, List.of());
        long start = start(p);
        ListQuery.Page page = ListQuery.run(t, f, order, start, ListQuery.PAGE);
        List<FieldDef> select = t.schema.selectPlain(Json.param(p, "select"));
        ArrayNode items = Json.array();
        for (int idx : page.rows()) {
            items.add(project(t.row(idx), select));
        }
        ObjectNode result = Json.object();
        result.set("items", items);
        return new MethodResult(result, page.next(), page.total(), cost.page(page, start >= 0));
    }

    /**
     * D:api-reference/crm/timeline/comments/crm-timeline-comment-list.md: filter needs ENTITY_ID and
     * ENTITY_TYPE; order only by ID, CREATED, AUTHOR_ID.
     */
    private MethodResult comments(JsonNode p) {
        JsonNode filterNode = Json.param(p, "filter");
        String entityType = filterNode == null ? null : Json.text(filterNode.get("ENTITY_TYPE"));
        JsonNode entityId = filterNode == null ? null : filterNode.get("ENTITY_ID");
        if (entityType == null || entityId == null || Json.text(entityId) == null) {
            throw ApiError.invalidArg("Required fields ENTITY_ID and ENTITY_TYPE are missing in filter");
        }
        JsonNode orderNode = Json.param(p, "order");
        if (orderNode != null && orderNode.isObject()) {
            for (String k : orderNode.propertyNames()) {
                if (!List.of("ID", "CREATED", "AUTHOR_ID").contains(k)) {
                    throw ApiError.invalidArg("Sorting by field '" + k + "' is not allowed");
                }
            }
        }
        Table t = data.table(Dataset.DEAL_COMMENTS);
        long start = start(p);
        ListQuery.Page page;
        if (!entityType.equalsIgnoreCase("deal")) {
            page = new ListQuery.Page(new int[0], 0, null, 0, false);
        } else {
            Filter f = filter(filterNode, t, t.schema::field, false);
            List<ListQuery.Term> order = ListQuery.order(orderNode, t.schema::field, t.schema.field("ID"), false, List.of());
            page = ListQuery.run(t, f, order, start, ListQuery.PAGE);
        }
        List<FieldDef> select = t.schema.selectPlain(Json.param(p, "select"));
        ArrayNode out = Json.array();
        for (int idx : page.rows()) {
            out.add(project(t.row(idx), select));
        }
        return new MethodResult(out, page.next(), start >= 0 ? page.total() : 0, cost.page(page, false));
    }

    private long requiredId(JsonNode p) {
        long id = Json.longParam(Json.param(p, "id"), -1);
        if (id <= 0) {
            throw ApiError.crm("ID is not defined or invalid.");
        }
        return id;
    }

    /** D:api-reference/crm/deals/crm-deal-productrows-get.md: every row of one deal, mixed types, no paging. */
    private MethodResult dealProductRows(JsonNode p) {
        long id = requiredId(p);
        Table deals = data.table(Dataset.DEALS);
        if (!deals.live(deals.index(id))) {
            throw ApiError.crm("Not found");
        }
        Table rows = data.table(Dataset.DEAL_PRODUCT_ROWS);
        ArrayNode out = Json.array();
        for (int idx : rows.childrenOf(id)) {
            if (rows.live(idx)) {
                out.add(ChildRows.legacyProductRow(rows.row(idx)));
            }
        }
        return new MethodResult(out, null, null, cost.simple());
    }

    /**
     * D:api-reference/crm/universal/product-rows/crm-item-productrow-list.md: filter must name
     * {@code =ownerType} and {@code =ownerId}; {@code =ownerId} accepts an array; result.productRows.
     */
    private MethodResult productRowList(JsonNode p) {
        JsonNode filterNode = Json.param(p, "filter");
        String ownerType = filterNode == null ? null : Json.text(first(filterNode, "=ownerType", "ownerType"));
        JsonNode ownerId = filterNode == null ? null : first(filterNode, "=ownerId", "ownerId", "@ownerId");
        if (ownerType == null || ownerId == null) {
            throw ApiError.invalidArg("Filter must contain ownerType and ownerId");
        }
        Table t = ownerType.equals("D") ? data.table(Dataset.DEAL_PRODUCT_ROWS) : data.breadth.productRows(ownerType);
        long start = start(p);
        ListQuery.Page page;
        if (t == null) {
            page = new ListQuery.Page(new int[0], start >= 0 ? 0 : 0, null, 0, false);
        } else {
            Filter f = filter(filterNode, t, t.schema::field, true);
            List<ListQuery.Term> order = ListQuery.order(Json.param(p, "order"), t.schema::field, t.schema.field("id"), true, List.of());
            page = ListQuery.run(t, f, order, start, ListQuery.PAGE);
        }
        ArrayNode rows = Json.array();
        for (int idx : page.rows()) {
            rows.add(t.row(idx));
        }
        ObjectNode result = Json.object();
        result.set("productRows", rows);
        return new MethodResult(result, page.next(), page.total(), cost.page(page, start >= 0));
    }

    private static JsonNode first(JsonNode obj, String... keys) {
        for (String k : keys) {
            JsonNode v = obj.get(k);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    /** D:api-reference/crm/deals/contacts/crm-deal-contact-items-get.md. */
    private MethodResult dealContacts(JsonNode p) {
        long id = requiredId(p);
        Table deals = data.table(Dataset.DEALS);
        if (!deals.live(deals.index(id))) {
            throw ApiError.crm("Not found");
        }
        ArrayNode out = Json.array();
        data.contactItems(id).forEach(out::add);
        return new MethodResult(out, null, null, cost.simple());
    }
}
