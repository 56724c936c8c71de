package io.github.tapbitrix24.extract.paging;

import io.github.tapbitrix24.streams.ListApi;
import java.util.List;
import java.util.Map;
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
 * @param rowIdField     the ID as the rows spell it, for batch references ({@code id} in tasks.task.list rows,
 *                       whose filter and order take {@code ID}); defaults to {@code idField}
 * @param paging         how a request asks for one page (without a COUNT where the method allows)
 * @param rowNames       row key → record name, for families whose rows are spelt otherwise than their
 *                       select (tasks: {@code changedDate} → {@code CHANGED_DATE}); empty = as returned
 */
public record ListDialect(String rowsField, OrderStyle orderStyle, String filterParam, String selectParam,
                          String idField, ObjectNode extraParams, String rowIdField, Paging paging,
                          Map<String, String> rowNames) {

    /** Rows per page of every Bitrix24 list method (D:settings/how-to-call-rest-api/list-methods-pecularities.md). */
    public static final int PAGE_SIZE = 50;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public enum OrderStyle {
        /** {@code order: {"ID": "ASC"}} (crm.*.list, crm.item.list, crm.stagehistory.list, tasks.task.list). */
        OBJECT,
        /** {@code ORDER: {"ID": "ASC"}} (sonet_group.get, task.elapseditem.getlist). */
        OBJECT_UPPER,
        /** {@code sort: "ID", order: "ASC"} (user.get, D:api-reference/user/user-get.md). */
        SORT_ORDER,
        /** {@code SORT: "ID", ORDER: "ASC"} (D:api-reference/telephony/voximplant/voximplant-statistic-get.md). */
        SORT_ORDER_UPPER
    }

    /** How a page request asks for one page. */
    public enum Paging {
        /** {@code start=-1} (D:settings/performance/huge-data.md). */
        START_NO_COUNT,
        /**
         * {@code PARAMS: {NAV_PARAMS: {nPageSize: 50, iNumPage: 1}}}: the old task methods page so, at most
         * 50 rows, and always count (D:api-reference/tasks/elapsed-item/task-elapsed-item-get-list.md); always
         * page 1, the ID filter moves the window ({@link IdWindowReader} bounds it on both sides).
         */
        NAV_PARAMS
    }

    public ListDialect {
        Objects.requireNonNull(orderStyle, "orderStyle");
        Objects.requireNonNull(filterParam, "filterParam");
        Objects.requireNonNull(idField, "idField");
        extraParams = extraParams == null ? F.objectNode() : extraParams;
        rowIdField = rowIdField == null ? idField : rowIdField;
        paging = paging == null ? Paging.START_NO_COUNT : paging;
        rowNames = rowNames == null ? Map.of() : Map.copyOf(rowNames);
    }

    /** A family whose rows are spelt as its select, paged with {@code start=-1}. */
    public ListDialect(String rowsField, OrderStyle orderStyle, String filterParam, String selectParam,
                       String idField, ObjectNode extraParams) {
        this(rowsField, orderStyle, filterParam, selectParam, idField, extraParams, null, null, null);
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
            // rows in camelCase ("id", "changedDate"), filter/order/select in UPPER_SNAKE; start=-1 is the REST
            // navigation's, and were it ignored the >ID filter alone still moves the page
            // (D:api-reference/tasks/tasks-task-list.md)
            case TASK_LIST -> new ListDialect("tasks", OrderStyle.OBJECT, "filter", "select", id, null, "id",
                    Paging.START_NO_COUNT, null);
            // parameters in this order, or the method fails (D:api-reference/tasks/elapsed-item/task-elapsed-item-get-list.md)
            case ELAPSED_ITEM_LIST -> new ListDialect(null, OrderStyle.OBJECT_UPPER, "FILTER", "SELECT", id, null, null,
                    Paging.NAV_PARAMS, null);
            // IS_ADMIN: every group for an administrator's webhook, not only the user's (D:api-reference/sonet-group/sonet-group-get.md)
            case SONET_GROUP_GET -> new ListDialect(null, OrderStyle.OBJECT_UPPER, "FILTER", null, id,
                    F.objectNode().put("IS_ADMIN", "Y"));
            default -> null;
        });
    }

    /**
     * This dialect for a scan selecting {@code select}: for tasks.task.list, whose rows come back in
     * camelCase, the rows are renamed to the select's codes (the server's conversion is applied to
     * each code: {@code UF_AUTO_4998} → {@code ufAuto4998}; it cannot be undone by rule, hence the map).
     */
    public ListDialect forSelect(List<String> select) {
        // only tasks.task.list spells its rows' ID otherwise than its filter: it camel-cases every key
        if (!rowIdField.equals(idField) && rowNames.isEmpty()) {
            Map<String, String> names = new java.util.HashMap<>();
            select.forEach(code -> names.put(CamelCase.of(code), code));
            names.put(rowIdField, idField);
            return new ListDialect(rowsField, orderStyle, filterParam, selectParam, idField, extraParams, rowIdField,
                    paging, names);
        }
        return this;
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
            case OBJECT_UPPER -> p.putObject("ORDER").put(orderField, dir);
            case SORT_ORDER -> p.put("sort", orderField).put("order", dir);
            case SORT_ORDER_UPPER -> p.put("SORT", orderField).put("ORDER", dir);
        }
        p.set(filterParam, filter);
        if (selectParam != null && !select.isEmpty()) {
            ArrayNode s = p.putArray(selectParam);
            select.forEach(s::add);
        }
        if (paging == Paging.NAV_PARAMS) {
            p.putObject("PARAMS").putObject("NAV_PARAMS").put("nPageSize", PAGE_SIZE).put("iNumPage", 1);
        } else {
            p.put("start", -1);
        }
        return p;
    }

    /** The rows of one page; an absent or PHP-empty ({@code []}/{@code {}}) result is no rows. */
    public JsonNode rows(JsonNode result) {
        JsonNode rows = rowsField == null ? result : result == null ? null : result.get(rowsField);
        if (rows == null || !rows.isArray()) {
            return F.arrayNode();
        }
        return rowNames.isEmpty() ? rows : renamed(rows);
    }

    private ArrayNode renamed(JsonNode rows) {
        ArrayNode out = F.arrayNode(rows.size());
        for (JsonNode row : rows.values()) {
            if (!row.isObject()) {
                out.add(row);
                continue;
            }
            ObjectNode r = out.addObject();
            for (java.util.Map.Entry<String, JsonNode> e : row.properties()) {
                r.set(rowNames.getOrDefault(e.getKey(), e.getKey()), e.getValue());
            }
        }
        return out;
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
                ? "$result[" + commandKey + "][" + (PAGE_SIZE - 1) + "][" + rowIdField + "]"
                : "$result[" + commandKey + "][" + rowsField + "][" + (PAGE_SIZE - 1) + "][" + rowIdField + "]";
    }
}
