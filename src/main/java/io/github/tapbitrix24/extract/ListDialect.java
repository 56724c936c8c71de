package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.streams.ListApi;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How one keyset-pageable API family spells a list request and wraps its rows (bitrix24-api.md
 * §2.2, §2.3, §6). Families differ only in data: the name of the filter parameter, how order is
 * written, whether {@code select} is accepted and where the rows sit in {@code result}. One
 * {@link KeysetPager} serves all of them.
 *
 * @param rowsField      {@code result.<rowsField>} holds the rows ({@code items} for crm.item.list and
 *                       crm.stagehistory.list); null when {@code result} is the array itself
 * @param orderStyle     how the sort is written
 * @param filterParam    {@code filter} or {@code FILTER}
 * @param selectParam    the select parameter, or null when the method has none (rows are projected
 *                       client-side then)
 * @param idField        the field keyset paging orders and filters by ({@code ID} / {@code id})
 * @param extraParams    parameters the family always sends (user.get: {@code ADMIN_MODE})
 */
public record ListDialect(String rowsField, OrderStyle orderStyle, String filterParam, String selectParam,
                          String idField, ObjectNode extraParams) {

    /** Rows per page of every Bitrix24 list method (D:settings/how-to-call-rest-api/list-methods-pecularities.md). */
    public static final int PAGE_SIZE = 50;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public enum OrderStyle {
        /** {@code order: {"ID": "ASC"}} (crm.*.list, crm.item.list, crm.stagehistory.list). */
        OBJECT,
        /** {@code sort: "ID", order: "ASC"} (user.get, D:api-reference/user/user-get.md). */
        SORT_ORDER,
        /** {@code SORT: "ID", ORDER: "ASC"} (D:api-reference/telephony/voximplant/voximplant-statistic-get.md). */
        SORT_ORDER_UPPER
    }

    public ListDialect {
        Objects.requireNonNull(orderStyle, "orderStyle");
        Objects.requireNonNull(filterParam, "filterParam");
        Objects.requireNonNull(idField, "idField");
        extraParams = extraParams == null ? F.objectNode() : extraParams;
    }

    /** The dialect of a keyset-pageable family, or empty for families that page otherwise. */
    public static java.util.Optional<ListDialect> forApi(ListApi api, String idField) {
        String id = idField == null ? "ID" : idField;
        return java.util.Optional.ofNullable(switch (api) {
            case CRM_LIST -> new ListDialect(null, OrderStyle.OBJECT, "filter", "select", id, null);
            case CRM_ITEM_LIST -> new ListDialect("items", OrderStyle.OBJECT, "filter", "select",
                    idField == null ? "id" : idField, null);
            case STAGE_HISTORY -> new ListDialect("items", OrderStyle.OBJECT, "filter", "select", id, null);
            // user.get documents no select (fields follow the webhook's scope); ADMIN_MODE lists every
            // user, not only those visible to the webhook owner (D:api-reference/user/user-get.md).
            case USER_GET -> new ListDialect(null, OrderStyle.SORT_ORDER, "FILTER", null, id,
                    F.objectNode().put("ADMIN_MODE", true));
            case VOXIMPLANT_STATISTIC -> new ListDialect(null, OrderStyle.SORT_ORDER_UPPER, "FILTER", null, id, null);
            default -> null;
        });
    }

    /**
     * One page request: the stream's fixed parameters, then order, filter and select. {@code start=-1}
     * skips the COUNT the server would otherwise run on every page (D:settings/performance/huge-data.md);
     * it is handled by the REST framework's navigation, so every list method honours it.
     */
    public ObjectNode params(ObjectNode fixedParams, List<String> select, ObjectNode filter,
                             String orderField, boolean ascending) {
        ObjectNode p = fixedParams.deepCopy();
        p.setAll(extraParams);
        String dir = ascending ? "ASC" : "DESC";
        switch (orderStyle) {
            case OBJECT -> p.putObject("order").put(orderField, dir);
            case SORT_ORDER -> p.put("sort", orderField).put("order", dir);
            case SORT_ORDER_UPPER -> p.put("SORT", orderField).put("ORDER", dir);
        }
        p.set(filterParam, filter);
        if (selectParam != null && !select.isEmpty()) {
            ArrayNode s = p.putArray(selectParam);
            select.forEach(s::add);
        }
        p.put("start", -1);
        return p;
    }

    /** The rows of one page; an absent or PHP-empty ({@code []}/{@code {}}) result is no rows. */
    public JsonNode rows(JsonNode result) {
        JsonNode rows = rowsField == null ? result : result == null ? null : result.get(rowsField);
        return rows != null && rows.isArray() ? rows : F.arrayNode();
    }

    /**
     * Whether {@code result} has the shape of a page: an array, or an object holding the rows array
     * under {@link #rowsField}. A string, an object where a list is due, or {@code crm.item.list}
     * without {@code items} is a malformed answer, never "no more rows": read as the end of the data
     * it would lose the rest of the stream and commit the bookmark past it.
     */
    public boolean isPage(JsonNode result) {
        if (rowsField == null) {
            return result != null && result.isArray();
        }
        return result != null && result.isObject() && result.path(rowsField).isArray();
    }

    /**
     * A batch reference to the ID of the last row of an earlier command's full page, which the
     * server resolves before running the next command (D:settings/how-to-call-rest-api/batch.md;
     * P:src/Core/Batch.php getReferenceFieldPath).
     */
    public String lastIdReference(String commandKey) {
        return rowsField == null
                ? "$result[" + commandKey + "][" + (PAGE_SIZE - 1) + "][" + idField + "]"
                : "$result[" + commandKey + "][" + rowsField + "][" + (PAGE_SIZE - 1) + "][" + idField + "]";
    }
}
