package io.github.tapbitrix24.streams;

import io.github.tapbitrix24.config.TapConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every stream the tap offers, declared as data (bitrix24-api.md §6; names and keys as the
 * reference connector's users know them, ../shared/reference-connector.md). The API method of a
 * stream is one line here, so moving e.g. {@code deals} from {@code crm.deal.list} to
 * {@code crm.item.list} (the docs mark the old methods "development halted") changes one place.
 */
public final class StreamRegistry {
    /** Deals gain this field (array of contact IDs) with {@code extract_deal_contacts}; crm.deal.list never returns it. */
    public static final String DEAL_CONTACT_IDS = "CONTACT_IDS";
    /** entityTypeId of deals and leads (D:api-reference/crm/data-types.md#object_type). */
    public static final int DEAL_TYPE_ID = 2;
    public static final int LEAD_TYPE_ID = 1;
    public static final int CONTACT_TYPE_ID = 3;
    public static final int COMPANY_TYPE_ID = 4;

    private static final String SPA_PREFIX = "spa_";
    private static final String SPA_FIELDS_PREFIX = "spa_fields_";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StreamRegistry() {
    }

    /** Every non-SPA stream, in catalog order; deal_comments / deal_products only when their flag is on. */
    public static List<StreamSpec> staticStreams(TapConfig config) {
        List<StreamSpec> s = new ArrayList<>();
        s.add(crmEntity("deals", "deal"));
        s.add(crmEntity("contacts", "contact"));
        s.add(crmEntity("companies", "company"));
        s.add(crmEntity("leads", "lead"));
        // LAST_UPDATED changes on every edit, completion included; CREATED (the reference
        // connector's key) only suits append-only loads, so it is offered second
        // (D:api-reference/crm/timeline/activities/activity-base/crm-activity-fields.md).
        s.add(crm("activities", "crm.activity.list", "crm.activity.fields", List.of("LAST_UPDATED", "CREATED")));
        s.add(crm("product", "crm.product.list", "crm.product.fields", List.of("TIMESTAMP_X")));
        s.add(fieldMetadata("deal_fields", "crm.deal.fields", empty()));
        s.add(fieldMetadata("contact_fields", "crm.contact.fields", empty()));
        s.add(fieldMetadata("company_fields", "crm.company.fields", empty()));
        s.add(fieldMetadata("lead_fields", "crm.lead.fields", empty()));
        s.add(fieldMetadata("activity_fields", "crm.activity.fields", empty()));
        s.add(fieldMetadata("product_fields", "crm.product.fields", empty()));
        s.add(new StreamSpec("status_list", "crm", ListApi.STATUS_LIST, "crm.status.list", empty(), null, null, null,
                List.of("ID"), List.of(), null));
        s.add(new StreamSpec("spa_types", "crm", ListApi.TYPE_LIST, "crm.type.list", empty(), null, null, null,
                List.of("id"), List.of(), null));
        s.add(stageHistory("deal_stage_history", DEAL_TYPE_ID));
        s.add(stageHistory("lead_stage_history", LEAD_TYPE_ID));
        if (config.enableDealCommentsStream()) {
            // one crm.timeline.comment.list per deal (ENTITY_TYPE "deal"), 50 per batch
            // (D:api-reference/crm/timeline/comments/crm-timeline-comment-list.md)
            s.add(new StreamSpec("deal_comments", "crm", ListApi.DEAL_CHILDREN, "crm.timeline.comment.list", empty(),
                    null, null, "ID", List.of("ID"), List.of(), "deals"));
        }
        if (config.enableDealProductsStream()) {
            // crm.item.productrow.list takes =ownerType "D" and an array of deal IDs in =ownerId;
            // its rows are camelCase (D:api-reference/crm/universal/product-rows/crm-item-productrow-list.md)
            s.add(new StreamSpec("deal_products", "crm", ListApi.DEAL_CHILDREN, "crm.item.productrow.list", empty(),
                    null, null, "id", List.of("id"), List.of(), "deals"));
        }
        // schema from user.fields (+ user.userfield.list for the UF_USR_* types), built at discovery
        s.add(new StreamSpec("users", "user", ListApi.USER_GET, "user.get", params("ADMIN_MODE", true), "user.fields",
                empty(), "ID", List.of("ID"), List.of(), null));
        s.add(new StreamSpec("departments", "department", ListApi.DEPARTMENT_GET, "department.get", empty(), null,
                null, "ID", List.of("ID"), List.of(), null));
        s.add(new StreamSpec("calls", "telephony", ListApi.VOXIMPLANT_STATISTIC, "voximplant.statistic.get", empty(),
                null, null, "ID", List.of("ID"), List.of("CALL_START_DATE"), null));
        // QUEUE, QUEUE_USERS_FIELDS and CONFIG_QUEUE come only when OPTIONS ask for them
        // (D:api-reference/imopenlines/openlines/imopenlines-config-list-get.md)
        ObjectNode lineOptions = F.objectNode();
        lineOptions.putObject("OPTIONS").put("QUEUE", "Y").put("CONFIG_QUEUE", "Y");
        s.add(new StreamSpec("open_lines", "imopenlines", ListApi.OPENLINES_CONFIG, "imopenlines.config.list.get",
                lineOptions, null, null, null, List.of("ID"), List.of(), null));
        s.addAll(WorkStreams.all());
        s.addAll(CrmStreams.all(config));
        return List.copyOf(s);
    }

    /** {@code spa_{id}} (items, camelCase, keyed by {@code id}) and {@code spa_fields_{id}}. */
    public static List<StreamSpec> spaStreams(int entityTypeId) {
        ObjectNode p = params("entityTypeId", entityTypeId);
        return List.of(
                new StreamSpec(SPA_PREFIX + entityTypeId, "crm", ListApi.CRM_ITEM_LIST, "crm.item.list", p,
                        "crm.item.fields", p.deepCopy(), "id", List.of("id"), List.of("updatedTime"), null),
                fieldMetadata(SPA_FIELDS_PREFIX + entityTypeId, "crm.item.fields", p.deepCopy()));
    }

    /** A stream by name, including {@code spa_{N}} / {@code spa_fields_{N}} parsed from the name. */
    public static Optional<StreamSpec> forName(String tapStreamId, TapConfig config) {
        for (StreamSpec s : staticStreams(config)) {
            if (s.name().equals(tapStreamId)) {
                return Optional.of(s);
            }
        }
        Optional<Integer> id = spaEntityTypeId(tapStreamId, SPA_FIELDS_PREFIX);
        if (id.isPresent()) {
            return Optional.of(spaStreams(id.get()).get(1));
        }
        Optional<Integer> products = CrmStreams.spaProductsTypeId(tapStreamId);
        if (products.isPresent()) {
            return config.productRowStreams().spa() ? products.map(CrmStreams::spaProducts) : Optional.empty();
        }
        return spaEntityTypeId(tapStreamId, SPA_PREFIX).map(n -> spaStreams(n).get(0));
    }

    /** The entityTypeId of an SPA stream name ({@code spa_1040} or {@code spa_fields_1040}). */
    public static Optional<Integer> spaEntityTypeId(String tapStreamId) {
        Optional<Integer> id = spaEntityTypeId(tapStreamId, SPA_FIELDS_PREFIX);
        return id.isPresent() ? id : spaEntityTypeId(tapStreamId, SPA_PREFIX);
    }

    private static Optional<Integer> spaEntityTypeId(String name, String prefix) {
        return numberAfter(name, prefix);
    }

    /** The positive number that makes up the rest of {@code name} after {@code prefix}. */
    static Optional<Integer> numberAfter(String name, String prefix) {
        if (!name.startsWith(prefix)) {
            return Optional.empty();
        }
        String digits = name.substring(prefix.length());
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || digits.startsWith("0")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(digits));
    }

    private static StreamSpec crmEntity(String name, String entity) {
        return crm(name, "crm." + entity + ".list", "crm." + entity + ".fields", List.of("DATE_MODIFY"));
    }

    private static StreamSpec crm(String name, String method, String fieldsMethod, List<String> replicationKeys) {
        return new StreamSpec(name, "crm", ListApi.CRM_LIST, method, empty(), fieldsMethod, empty(), "ID",
                List.of("ID"), replicationKeys, null);
    }

    /** One record per field of {@code method}; schema {@code schemas/field_metadata.json}. */
    private static StreamSpec fieldMetadata(String name, String method, ObjectNode params) {
        return new StreamSpec(name, "crm", ListApi.FIELD_METADATA, method, params, null, null, null, List.of("id"),
                List.of(), null);
    }

    private static StreamSpec stageHistory(String name, int entityTypeId) {
        // append-only rows: ID is the safe default key; CREATED_TIME offered too (D:api-reference/crm/crm-stage-history-list.md)
        return new StreamSpec(name, "crm", ListApi.STAGE_HISTORY, "crm.stagehistory.list",
                params("entityTypeId", entityTypeId), null, null, "ID", List.of("ID"), List.of("ID", "CREATED_TIME"),
                null);
    }

    private static ObjectNode empty() {
        return F.objectNode();
    }

    private static ObjectNode params(String key, Object value) {
        ObjectNode n = F.objectNode();
        if (value instanceof Integer i) {
            n.put(key, i);
        } else if (value instanceof Boolean b) {
            n.put(key, b);
        } else {
            n.put(key, String.valueOf(value));
        }
        return n;
    }
}
