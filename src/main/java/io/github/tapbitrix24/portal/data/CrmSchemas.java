package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The field sets of the simulated CRM entities, modelled on crm.deal/contact/company/lead/activity/
 * product.fields (D:api-reference/crm/main-entities-fields.md, D:api-reference/crm/deals/crm-deal-fields.md,
 * D:api-reference/crm/timeline/activities/activity-base/crm-activity-fields.md,
 * D:api-reference/crm/outdated/products/crm-product-fields.md) and crm.item.fields for smart processes
 * (D:api-reference/crm/universal/object-fields.md). Custom fields cover every custom-field type
 * (D:api-reference/crm/universal/user-defined-fields/crm-userfield-types.md), single and multiple.
 */
final class CrmSchemas {
    private CrmSchemas() {
    }

    /** A custom field: code suffix, type, multiple, label. */
    record Uf(String code, String type, boolean multiple, String label) {
    }

    /** Every custom-field type, single and multiple (deals carry all of them). */
    static List<Uf> dealUfs() {
        return List.of(
                new Uf("UF_CRM_1700000001", "string", false, "Contract number"),
                new Uf("UF_CRM_1700000002", "integer", false, "Seats"),
                new Uf("UF_CRM_1700000003", "double", false, "Discount, %"),
                new Uf("UF_CRM_1700000004", "boolean", false, "VIP client"),
                new Uf("UF_CRM_1700000005", "date", false, "Contract date"),
                new Uf("UF_CRM_1700000006", "datetime", false, "Next call"),
                new Uf("UF_CRM_1700000007", "enumeration", false, "Region"),
                new Uf("UF_CRM_1700000008", "money", false, "Budget"),
                new Uf("UF_CRM_1700000009", "url", false, "Landing page"),
                new Uf("UF_CRM_1700000010", "file", false, "Signed contract"),
                new Uf("UF_CRM_1700000011", "employee", false, "Account manager"),
                new Uf("UF_CRM_1700000012", "crm", false, "Related record"),
                new Uf("UF_CRM_1700000013", "address", false, "Delivery address"),
                new Uf("UF_CRM_1700000014", "string", true, "Tags"),
                new Uf("UF_CRM_1700000015", "enumeration", true, "Channels"),
                new Uf("UF_CRM_1700000016", "file", true, "Attachments"),
                new Uf("UF_CRM_1700000017", "crm", true, "Related records"),
                new Uf("UF_CRM_1700000018", "employee", true, "Watchers"),
                new Uf("UF_CRM_1700000019", "integer", true, "Lot numbers"),
                new Uf("UF_CRM_1700000020", "datetime", true, "Reminders"),
                new Uf("UF_CRM_1700000021", "double", true, "Measurements"),
                new Uf("UF_CRM_1700000022", "date", true, "Delivery dates"),
                new Uf("UF_CRM_1700000023", "url", true, "Links"),
                new Uf("UF_CRM_1700000024", "money", true, "Payments"),
                new Uf("UF_CRM_1700000025", "address", true, "Branch addresses"),
                new Uf("UF_CRM_1700000026", "boolean", false, "Needs review"));
    }

    static List<Uf> smallUfs(String prefix) {
        return List.of(
                new Uf(prefix + "1", "string", false, "Segment"),
                new Uf(prefix + "2", "enumeration", false, "Priority"),
                new Uf(prefix + "3", "date", false, "First contact"),
                new Uf(prefix + "4", "boolean", false, "Newsletter"),
                new Uf(prefix + "5", "money", false, "Credit limit"),
                new Uf(prefix + "6", "string", true, "Interests"),
                new Uf(prefix + "7", "crm", true, "Linked records"));
    }

    static List<Uf> spaUfs(int typeId) {
        String p = "UF_CRM_" + typeId + "_17100000";
        return List.of(
                new Uf(p + "01", "string", false, "Reference"),
                new Uf(p + "02", "double", false, "Weight"),
                new Uf(p + "03", "datetime", false, "Inspection"),
                new Uf(p + "04", "enumeration", false, "Grade"),
                new Uf(p + "05", "money", false, "Custom field (money)"),
                new Uf(p + "06", "employee", true, "Reviewers"),
                new Uf(p + "07", "boolean", false, "Approved"));
    }

    static List<FieldDef> ufDefs(List<Uf> ufs) {
        List<FieldDef> out = new ArrayList<>();
        int enumBase = 40;
        for (Uf uf : ufs) {
            List<String[]> items = new ArrayList<>();
            ObjectNode settings = Json.object();
            switch (uf.type()) {
                case "enumeration" -> {
                    for (int i = 0; i < 4; i++) {
                        items.add(new String[]{Integer.toString(enumBase + i), "Option " + (i + 1)});
                    }
                    enumBase += 10;
                    settings.put("DISPLAY", "LIST");
                    settings.put("LIST_HEIGHT", 1);
                }
                case "string" -> {
                    settings.put("SIZE", 20);
                    settings.put("ROWS", 1);
                    settings.put("DEFAULT_VALUE", "");
                }
                case "boolean" -> {
                    settings.put("DEFAULT_VALUE", 0);
                    settings.put("DISPLAY", "CHECKBOX");
                }
                case "file" -> settings.set("EXTENSIONS", Json.array()); // PHP empty array
                case "crm" -> {
                    settings.put("LEAD", "Y");
                    settings.put("CONTACT", "Y");
                    settings.put("COMPANY", "Y");
                    settings.put("DEAL", "Y");
                }
                default -> settings.put("DEFAULT_VALUE", "");
            }
            out.add(FieldDef.custom(uf.code(), uf.type(), uf.multiple(), uf.label(), items, settings));
        }
        return out;
    }

    private static FieldDef link(String code, String type, int parentEntityTypeId) {
        ObjectNode s = Json.object();
        s.put("parentEntityTypeId", parentEntityTypeId);
        return FieldDef.std(code, type).withSettings(s);
    }

    private static FieldDef status(String code, String statusType) {
        return FieldDef.std(code, "crm_status").withStatusType(statusType);
    }

    /** The fields in order: each part a {@link FieldDef} or a list of them. */
    private static List<FieldDef> fields(Object... parts) {
        List<FieldDef> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof FieldDef f) {
                out.add(f);
            } else {
                for (Object f : (List<?>) part) {
                    out.add((FieldDef) f);
                }
            }
        }
        return out;
    }

    /** Responsible, author, editor and the times; entities with stages add who moved them and when. */
    private static List<FieldDef> authorship(boolean moves) {
        List<FieldDef> f = new ArrayList<>();
        f.add(FieldDef.std("ASSIGNED_BY_ID", "user"));
        f.add(FieldDef.ro("CREATED_BY_ID", "user").withItemName("createdBy"));
        f.add(FieldDef.ro("MODIFY_BY_ID", "user").withItemName("updatedBy"));
        if (moves) {
            f.add(FieldDef.ro("MOVED_BY_ID", "user").withItemName("movedBy"));
        }
        f.add(FieldDef.ro("DATE_CREATE", "datetime").withItemName("createdTime"));
        f.add(FieldDef.ro("DATE_MODIFY", "datetime").withItemName("updatedTime"));
        if (moves) {
            f.add(FieldDef.ro("MOVED_TIME", "datetime"));
        }
        return f;
    }

    private static List<FieldDef> hasCommunications() {
        return List.of(FieldDef.ro("HAS_PHONE", "char"), FieldDef.ro("HAS_EMAIL", "char"), FieldDef.ro("HAS_IMOL", "char"));
    }

    private static List<FieldDef> originAndActivity() {
        return List.of(FieldDef.std("ORIGINATOR_ID", "string"), FieldDef.std("ORIGIN_ID", "string"),
                FieldDef.ro("LAST_ACTIVITY_TIME", "datetime"), FieldDef.ro("LAST_ACTIVITY_BY", "user"));
    }

    private static List<FieldDef> utm() {
        return List.of(FieldDef.std("UTM_SOURCE", "string"), FieldDef.std("UTM_MEDIUM", "string"),
                FieldDef.std("UTM_CAMPAIGN", "string"), FieldDef.std("UTM_CONTENT", "string"),
                FieldDef.std("UTM_TERM", "string"));
    }

    private static List<FieldDef> multifields() {
        List<FieldDef> out = new ArrayList<>();
        for (String code : List.of("PHONE", "EMAIL", "WEB", "IM")) {
            // multifields are not crm.item fields: crm.item.list folds them into "fm"
            out.add(FieldDef.std(code, "crm_multifield").withMultiple().withItemName(null));
        }
        return out;
    }

    static EntitySchema deal() {
        List<FieldDef> f = fields(
                FieldDef.ro("ID", "integer"),
                FieldDef.std("TITLE", "string"),
                status("TYPE_ID", "DEAL_TYPE"),
                FieldDef.std("CATEGORY_ID", "crm_category"),
                status("STAGE_ID", "DEAL_STAGE"),
                FieldDef.ro("STAGE_SEMANTIC_ID", "string"),
                FieldDef.ro("IS_NEW", "char"),
                FieldDef.std("IS_RECURRING", "char"),
                FieldDef.ro("IS_RETURN_CUSTOMER", "char"),
                FieldDef.ro("IS_REPEATED_APPROACH", "char"),
                FieldDef.std("PROBABILITY", "integer"),
                FieldDef.std("CURRENCY_ID", "crm_currency"),
                FieldDef.std("OPPORTUNITY", "double"),
                FieldDef.std("IS_MANUAL_OPPORTUNITY", "char"),
                FieldDef.std("TAX_VALUE", "double"),
                link("COMPANY_ID", "crm_company", 4),
                link("CONTACT_ID", "crm_contact", 3).deprecatedField(),
                link("CONTACT_IDS", "crm_contact", 3).withMultiple().notInList(),
                FieldDef.std("QUOTE_ID", "crm_quote"),
                FieldDef.std("BEGINDATE", "date"),
                FieldDef.std("CLOSEDATE", "date"),
                FieldDef.std("OPENED", "char"),
                FieldDef.std("CLOSED", "char"),
                FieldDef.std("COMMENTS", "string"),
                authorship(true),
                status("SOURCE_ID", "SOURCE"),
                FieldDef.std("SOURCE_DESCRIPTION", "string"),
                FieldDef.ro("LEAD_ID", "crm_lead"),
                FieldDef.std("ADDITIONAL_INFO", "string"),
                FieldDef.std("LOCATION_ID", "location"),
                originAndActivity());
        f.addAll(utm());
        f.addAll(ufDefs(dealUfs()));
        return new EntitySchema("deal", f);
    }

    static EntitySchema contact() {
        List<FieldDef> f = fields(
                FieldDef.ro("ID", "integer"),
                status("HONORIFIC", "HONORIFIC"),
                FieldDef.std("NAME", "string"),
                FieldDef.std("SECOND_NAME", "string"),
                FieldDef.std("LAST_NAME", "string"),
                FieldDef.std("PHOTO", "file"),
                FieldDef.std("BIRTHDATE", "date"),
                status("TYPE_ID", "CONTACT_TYPE"),
                status("SOURCE_ID", "SOURCE"),
                FieldDef.std("SOURCE_DESCRIPTION", "string"),
                FieldDef.std("POST", "string"),
                FieldDef.std("COMMENTS", "string"),
                FieldDef.std("OPENED", "char"),
                FieldDef.std("EXPORT", "char"),
                hasCommunications(),
                authorship(false),
                link("COMPANY_ID", "crm_company", 4).deprecatedField(),
                link("COMPANY_IDS", "crm_company", 4).withMultiple().notInList(),
                FieldDef.ro("LEAD_ID", "crm_lead"),
                originAndActivity());
        f.addAll(utm());
        f.addAll(multifields());
        f.addAll(ufDefs(smallUfs("UF_CRM_171000000")));
        return new EntitySchema("contact", f);
    }

    static EntitySchema company() {
        List<FieldDef> f = fields(
                FieldDef.ro("ID", "integer"),
                FieldDef.std("TITLE", "string"),
                status("COMPANY_TYPE", "COMPANY_TYPE"),
                FieldDef.std("LOGO", "file"),
                status("INDUSTRY", "INDUSTRY"),
                status("EMPLOYEES", "EMPLOYEES"),
                FieldDef.std("CURRENCY_ID", "crm_currency"),
                FieldDef.std("REVENUE", "double"),
                FieldDef.std("OPENED", "char"),
                FieldDef.std("COMMENTS", "string"),
                hasCommunications(),
                FieldDef.std("IS_MY_COMPANY", "char"),
                authorship(false),
                FieldDef.ro("LEAD_ID", "crm_lead"),
                originAndActivity());
        f.addAll(utm());
        f.addAll(multifields());
        f.addAll(ufDefs(smallUfs("UF_CRM_172000000")));
        return new EntitySchema("company", f);
    }

    static EntitySchema lead() {
        List<FieldDef> f = fields(
                FieldDef.ro("ID", "integer"),
                FieldDef.std("TITLE", "string"),
                status("HONORIFIC", "HONORIFIC"),
                FieldDef.std("NAME", "string"),
                FieldDef.std("SECOND_NAME", "string"),
                FieldDef.std("LAST_NAME", "string"),
                FieldDef.std("BIRTHDATE", "date"),
                FieldDef.std("COMPANY_TITLE", "string"),
                status("SOURCE_ID", "SOURCE"),
                FieldDef.std("SOURCE_DESCRIPTION", "string"),
                status("STATUS_ID", "STATUS"),
                FieldDef.std("STATUS_DESCRIPTION", "string"),
                FieldDef.ro("STATUS_SEMANTIC_ID", "string"),
                FieldDef.std("POST", "string"),
                FieldDef.std("CURRENCY_ID", "crm_currency"),
                FieldDef.std("OPPORTUNITY", "double"),
                FieldDef.std("IS_MANUAL_OPPORTUNITY", "char"),
                FieldDef.std("OPENED", "char"),
                FieldDef.std("COMMENTS", "string"),
                hasCommunications(),
                authorship(true),
                link("COMPANY_ID", "crm_company", 4),
                link("CONTACT_ID", "crm_contact", 3),
                FieldDef.ro("IS_RETURN_CUSTOMER", "char"),
                FieldDef.ro("DATE_CLOSED", "datetime"),
                originAndActivity());
        f.addAll(utm());
        f.addAll(multifields());
        f.addAll(ufDefs(smallUfs("UF_CRM_173000000")));
        return new EntitySchema("lead", f);
    }

    static EntitySchema activity() {
        return new EntitySchema("activity", List.of(
                FieldDef.ro("ID", "integer"),
                FieldDef.std("OWNER_ID", "integer"),
                FieldDef.std("OWNER_TYPE_ID", "crm_enum_ownertype"),
                FieldDef.std("TYPE_ID", "crm_enum_activitytype"),
                FieldDef.std("PROVIDER_ID", "string"),
                FieldDef.std("PROVIDER_TYPE_ID", "string"),
                FieldDef.std("PROVIDER_GROUP_ID", "string"),
                FieldDef.std("ASSOCIATED_ENTITY_ID", "integer"),
                FieldDef.std("SUBJECT", "string"),
                FieldDef.ro("CREATED", "datetime"),
                FieldDef.ro("LAST_UPDATED", "datetime"),
                FieldDef.std("START_TIME", "datetime"),
                FieldDef.std("END_TIME", "datetime"),
                FieldDef.std("DEADLINE", "datetime"),
                FieldDef.std("COMPLETED", "char"),
                FieldDef.std("STATUS", "crm_enum_activitystatus"),
                FieldDef.std("RESPONSIBLE_ID", "user"),
                FieldDef.std("PRIORITY", "crm_enum_activitypriority"),
                FieldDef.std("NOTIFY_TYPE", "crm_enum_activitynotifytype"),
                FieldDef.std("NOTIFY_VALUE", "integer"),
                FieldDef.std("DESCRIPTION", "string"),
                FieldDef.std("DESCRIPTION_TYPE", "crm_enum_contenttype"),
                FieldDef.std("DIRECTION", "crm_enum_activitydirection"),
                FieldDef.std("LOCATION", "string"),
                FieldDef.std("SETTINGS", "object"),
                FieldDef.std("ORIGINATOR_ID", "string"),
                FieldDef.std("ORIGIN_ID", "string"),
                FieldDef.ro("AUTHOR_ID", "user"),
                FieldDef.ro("EDITOR_ID", "user"),
                FieldDef.std("PROVIDER_PARAMS", "object"),
                FieldDef.std("PROVIDER_DATA", "string"),
                FieldDef.std("RESULT_MARK", "integer"),
                FieldDef.std("BINDINGS", "crm_activity_binding").withMultiple().explicit(),
                FieldDef.std("COMMUNICATIONS", "crm_activity_communication").withMultiple().explicit(),
                FieldDef.std("FILES", "diskfile").withMultiple().explicit()));
    }

    static EntitySchema product() {
        return new EntitySchema("product", List.of(
                FieldDef.ro("ID", "integer"),
                FieldDef.std("CATALOG_ID", "integer"),
                FieldDef.std("PRICE", "double"),
                FieldDef.std("CURRENCY_ID", "crm_currency"),
                FieldDef.std("NAME", "string"),
                FieldDef.std("CODE", "string"),
                FieldDef.std("DESCRIPTION", "string"),
                FieldDef.std("DESCRIPTION_TYPE", "string"),
                FieldDef.std("ACTIVE", "char"),
                FieldDef.std("SECTION_ID", "integer"),
                FieldDef.std("SORT", "integer"),
                FieldDef.std("VAT_ID", "integer"),
                FieldDef.std("VAT_INCLUDED", "char"),
                FieldDef.std("MEASURE", "integer"),
                FieldDef.std("XML_ID", "string"),
                FieldDef.std("PREVIEW_PICTURE", "product_file"),
                FieldDef.std("DETAIL_PICTURE", "product_file"),
                FieldDef.ro("DATE_CREATE", "datetime"),
                FieldDef.ro("TIMESTAMP_X", "datetime"),
                FieldDef.ro("MODIFIED_BY", "user"),
                FieldDef.ro("CREATED_BY", "user"),
                FieldDef.std("PROPERTY_101", "product_property").explicit(),
                FieldDef.std("PROPERTY_102", "product_property").explicit()));
    }

    /** A smart process: internal codes are the upper names of its crm.item fields. */
    static EntitySchema spa(int entityTypeId, int typeId) {
        List<FieldDef> f = new ArrayList<>(List.of(
                FieldDef.ro("ID", "integer"),
                FieldDef.std("XML_ID", "string"),
                FieldDef.std("TITLE", "string"),
                FieldDef.ro("CREATED_BY", "user"),
                FieldDef.ro("UPDATED_BY", "user"),
                FieldDef.ro("MOVED_BY", "user"),
                FieldDef.ro("CREATED_TIME", "datetime"),
                FieldDef.ro("UPDATED_TIME", "datetime"),
                FieldDef.ro("MOVED_TIME", "datetime"),
                FieldDef.std("CATEGORY_ID", "crm_category"),
                FieldDef.std("OPENED", "boolean"),
                status("STAGE_ID", "DYNAMIC_" + entityTypeId + "_STAGE"),
                FieldDef.ro("PREVIOUS_STAGE_ID", "crm_status"),
                FieldDef.std("BEGINDATE", "date"),
                FieldDef.std("CLOSEDATE", "date"),
                link("COMPANY_ID", "crm_company", 4),
                link("CONTACT_ID", "crm_contact", 3).deprecatedField(),
                FieldDef.std("OPPORTUNITY", "double"),
                FieldDef.std("IS_MANUAL_OPPORTUNITY", "char"),
                FieldDef.std("TAX_VALUE", "double"),
                FieldDef.std("CURRENCY_ID", "crm_currency"),
                link("MYCOMPANY_ID", "crm_company", 4),
                status("SOURCE_ID", "SOURCE"),
                FieldDef.std("SOURCE_DESCRIPTION", "string"),
                FieldDef.std("ASSIGNED_BY_ID", "user"),
                link("CONTACT_IDS", "crm_contact", 3).withMultiple(),
                FieldDef.std("OBSERVERS", "user").withMultiple(),
                FieldDef.ro("LAST_ACTIVITY_BY", "user"),
                FieldDef.ro("LAST_ACTIVITY_TIME", "datetime"),
                link("PARENT_ID_2", "crm_entity", 2)));
        f.addAll(ufDefs(spaUfs(typeId)));
        return new EntitySchema("spa" + entityTypeId, f);
    }
}
