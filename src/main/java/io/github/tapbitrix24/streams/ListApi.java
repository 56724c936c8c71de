package io.github.tapbitrix24.streams;

/**
 * The API family a stream's method belongs to: each pages, filters, orders and wraps its rows
 * differently (bitrix24-api.md §2.2, §6). The extract package implements one pager per family;
 * a stream only names its family.
 */
public enum ListApi {
    /** crm.deal|contact|company|lead|activity|product.list: result = array; order/filter/select; {@code >ID} keyset, start=-1. */
    CRM_LIST,
    /** crm.item.list: result.items; camelCase; {@code >id} keyset, start=-1; needs entityTypeId. */
    CRM_ITEM_LIST,
    /** crm.stagehistory.list: result.items; upper-case ID; {@code >ID} keyset; needs entityTypeId. */
    STAGE_HISTORY,
    /** user.get: sort/order strings, FILTER, ADMIN_MODE, start (-1 supported). */
    USER_GET,
    /** department.get: sort/order strings, flat filters, start. */
    DEPARTMENT_GET,
    /** voximplant.statistic.get: FILTER, SORT, ORDER (upper-case), start. */
    VOXIMPLANT_STATISTIC,
    /** imopenlines.config.list.get: PARAMS.limit (max 200) / PARAMS.offset, plain result array, no next/total. */
    OPENLINES_CONFIG,
    /** crm.status.list: one call returns the whole dictionary. */
    STATUS_LIST,
    /** crm.type.list: result.types, start paging. */
    TYPE_LIST,
    /** A *.fields method turned into one record per field (the *_fields metadata streams). */
    FIELD_METADATA,
    /**
     * Children of CRM records fetched per batch of parent IDs (deal_products, deal_comments, and the
     * product rows of leads, quotes, smart invoices and smart processes); see the parent.
     */
    DEAL_CHILDREN,
    /** crm.category.list of every entity type with funnels: result.categories, start paging, needs entityTypeId. */
    CATEGORY_LIST,
    /** crm.currency.list (one call, order only) with each currency's crm.currency.localizations.get. */
    CURRENCY_LIST,
    /** crm.address.list: plain result array, no ID (key ENTITY_TYPE_ID, ENTITY_ID, TYPE_ID): keyset on the owner. */
    ADDRESS_LIST,
    /** Links between CRM records read from the ID arrays of crm.item.list (contact_companies, company_contacts). */
    CRM_LINKS,
    /**
     * tasks.task.list: result.tasks, rows in camelCase while order/filter/select take the
     * UPPER_SNAKE codes of tasks.task.getFields; {@code >ID} keyset (D:api-reference/tasks/tasks-task-list.md).
     */
    TASK_LIST,
    /**
     * task.elapseditem.getlist over all tasks: ORDER, FILTER, SELECT, PARAMS.NAV_PARAMS, plain array, always
     * counted, so read in ID windows (D:api-reference/tasks/elapsed-item/task-elapsed-item-get-list.md).
     */
    ELAPSED_ITEM_LIST,
    /** sonet_group.get: ORDER, FILTER, IS_ADMIN, start, plain array, no select (D:api-reference/sonet-group/sonet-group-get.md). */
    SONET_GROUP_GET,
    /** One call per workgroup (sonet_group.user.get, task.stages.get), 50 per batch request; see {@code parent}. */
    PER_WORKGROUP
}
