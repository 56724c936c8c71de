package io.github.tapbitrix24.portal.methods;

import io.github.tapbitrix24.portal.ApiError;
import io.github.tapbitrix24.portal.DateFilterMode;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.data.CrmBreadth;
import io.github.tapbitrix24.portal.data.FieldDef;
import io.github.tapbitrix24.portal.data.PortalData;
import io.github.tapbitrix24.portal.data.Table;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The CRM methods of issue 16's streams, each after its page in the official docs: requisites,
 * bank details and addresses (old-style lists: plain result array, strings, filter/order/select,
 * start), currencies and their localisations. Quotes and smart invoices are crm.item.list items
 * ({@link CrmMethods}); their product rows come from crm.item.productrow.list.
 */
final class BreadthMethods {
    private final PortalData data;
    private final CrmMethods crm;
    private final CostModel cost;
    private final DateFilterMode mode;

    BreadthMethods(PortalData data, CrmMethods crm, CostModel cost, DateFilterMode mode) {
        this.data = data;
        this.crm = crm;
        this.cost = cost;
        this.mode = mode;
    }

    void register(Map<String, Methods.Handler> m) {
        CrmBreadth b = data.breadth;
        // D:api-reference/crm/requisites/universal/crm-requisite-list.md, crm-requisite-fields.md
        m.put("crm.requisite.list", p -> crm.oldList(b.requisites, p, null));
        m.put("crm.requisite.fields", p -> fields("crm.requisite.fields", p));
        // D:api-reference/crm/requisites/bank-detail/crm-requisite-bank-detail-list.md, crm-requisite-bank-detail-fields.md
        m.put("crm.requisite.bankdetail.list", p -> crm.oldList(b.bankDetails, p, null));
        m.put("crm.requisite.bankdetail.fields", p -> fields("crm.requisite.bankdetail.fields", p));
        m.put("crm.address.list", this::addressList);
        // D:api-reference/crm/requisites/addresses/crm-address-fields.md
        m.put("crm.address.fields", p -> fields("crm.address.fields", p));
        m.put("crm.currency.list", this::currencyList);
        // D:api-reference/crm/currency/crm-currency-fields.md
        m.put("crm.currency.fields", p -> fields("crm.currency.fields", p));
        m.put("crm.currency.localizations.get", this::localizations);
    }

    private MethodResult fields(String method, JsonNode p) {
        return new MethodResult(data.fields(method, p), null, null, cost.fields());
    }

    /**
     * D:api-reference/crm/requisites/addresses/crm-address-list.md: filter, order and select on the
     * address fields, start paging, {@code total}; the rows have no ID.
     */
    private MethodResult addressList(JsonNode p) {
        Table t = data.breadth.addresses;
        Filter f = Filter.parse(Json.param(p, "filter"), t.schema::field, false, mode, data.options.utcOffset());
        FieldDef rowOrder = FieldDef.std("ID", "integer");
        JsonNode orderNode = Json.param(p, "order");
        // rows are stored by owner, then type: an order on the owner is the table's own (an index
        // on the owner in a real database), not a sort of the whole set
        List<ListQuery.Term> order = byOwner(orderNode) ? List.of(new ListQuery.Term(rowOrder, false))
                : ListQuery.order(orderNode, t.schema::field, rowOrder, false, List.of());
        long start = CrmMethods.start(p);
        ListQuery.Page page = ListQuery.run(t, f, order, start, ListQuery.PAGE);
        List<FieldDef> select = t.schema.selectOld(Json.param(p, "select"));
        ArrayNode rows = Json.array();
        for (int idx : page.rows()) {
            rows.add(CrmMethods.project(t.row(idx), select));
        }
        return new MethodResult(rows, page.next(), page.total(), cost.page(page, start >= 0));
    }

    private static boolean byOwner(JsonNode order) {
        if (order == null || !order.isObject() || order.size() != 1 || !order.has("ENTITY_ID")) {
            return false;
        }
        return "ASC".equalsIgnoreCase(Json.text(order.get("ENTITY_ID")));
    }

    /** D:api-reference/crm/currency/crm-currency-list.md: every currency, {@code order} only, no paging. */
    private MethodResult currencyList(JsonNode p) {
        ArrayNode rows = Json.array(); // already in SORT order, the only order the tap asks for
        data.breadth.currencies().forEach(rows::add);
        return new MethodResult(rows, null, rows.size(), cost.simple());
    }

    /** D:api-reference/crm/currency/localizations/crm-currency-localizations-get.md: {@code id} = currency code. */
    private MethodResult localizations(JsonNode p) {
        String id = Json.text(Json.param(p, "id"));
        if (id == null || id.isBlank()) {
            throw ApiError.invalidArg("Parameter 'id' is required");
        }
        JsonNode l = data.breadth.localizations(id);
        if (l == null) {
            throw ApiError.notFound("Currency is not found");
        }
        return new MethodResult(l, null, null, cost.simple());
    }
}
