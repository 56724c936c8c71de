package io.github.tapbitrix24.portal.data;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * One field of a simulated entity, as {@code crm.<entity>.fields} / {@code crm.item.fields} describe it
 * (D:api-reference/crm/data-types.md#crm_rest_field_description).
 *
 * @param code         the list-method key (old UPPER_SNAKE code, {@code UF_CRM_...} for custom fields)
 * @param itemName     the {@code crm.item.*} camelCase key, or null when the field has none
 * @param type         Bitrix type ({@code integer}, {@code crm_status}, {@code enumeration}, ...)
 * @param multiple     the value is an array
 * @param dynamic      a custom {@code UF_} field
 * @param readOnly     descriptor flag
 * @param title        descriptor title (for old custom fields the code itself; the label goes to listLabel)
 * @param label        human label of a custom field (null for standard fields)
 * @param statusType   {@code ENTITY_ID} of crm.status.list for {@code crm_status} fields
 * @param items        enumeration options as {@code [ID, VALUE]} pairs
 * @param settings     type-specific settings or null
 * @param deprecated   {@code isDeprecated} (deal CONTACT_ID)
 * @param inList       false when the list method never returns it (deal CONTACT_IDS)
 * @param explicitOnly returned only when named in {@code select} (multifields, activity COMMUNICATIONS/FILES, product PROPERTY_*)
 */
public record FieldDef(String code, String itemName, String type, boolean multiple, boolean dynamic, boolean readOnly,
                String title, String label, String statusType, List<String[]> items, ObjectNode settings,
                boolean deprecated, boolean inList, boolean explicitOnly) {

    /** How a filter or an order compares the field's values. */
    public enum Kind { NUMBER, DATETIME, DATE, BOOLEAN, STRING }

    public static FieldDef std(String code, String type) {
        return new FieldDef(code, camel(code), type, false, false, false, title(code), null, null, List.of(), null,
                false, true, false);
    }

    static FieldDef ro(String code, String type) {
        return std(code, type).withReadOnly();
    }

    FieldDef withReadOnly() {
        return new FieldDef(code, itemName, type, multiple, dynamic, true, title, label, statusType, items, settings, deprecated, inList, explicitOnly);
    }

    FieldDef withItemName(String name) {
        return new FieldDef(code, name, type, multiple, dynamic, readOnly, title, label, statusType, items, settings, deprecated, inList, explicitOnly);
    }

    FieldDef withStatusType(String st) {
        return new FieldDef(code, itemName, type, multiple, dynamic, readOnly, title, label, st, items, settings, deprecated, inList, explicitOnly);
    }

    FieldDef withMultiple() {
        return new FieldDef(code, itemName, type, true, dynamic, readOnly, title, label, statusType, items, settings, deprecated, inList, explicitOnly);
    }

    FieldDef deprecatedField() {
        return new FieldDef(code, itemName, type, multiple, dynamic, readOnly, title, label, statusType, items, settings, true, inList, explicitOnly);
    }

    FieldDef notInList() {
        return new FieldDef(code, itemName, type, multiple, dynamic, readOnly, title, label, statusType, items, settings, deprecated, false, explicitOnly);
    }

    FieldDef explicit() {
        return new FieldDef(code, itemName, type, multiple, dynamic, readOnly, title, label, statusType, items, settings, deprecated, inList, true);
    }

    FieldDef withSettings(ObjectNode s) {
        return new FieldDef(code, itemName, type, multiple, dynamic, readOnly, title, label, statusType, items, s, deprecated, inList, explicitOnly);
    }

    static FieldDef custom(String code, String type, boolean multiple, String label, List<String[]> items, ObjectNode settings) {
        return new FieldDef(code, ufItemName(code), type, multiple, true, false, code, label, null, items, settings,
                false, true, false);
    }

    public Kind kind() {
        switch (type) {
            case "integer", "int", "double", "user", "employee", "crm_company", "crm_contact", "crm_lead", "crm_deal",
                 "crm_quote", "crm_category", "crm_entity", "location", "iblock_element", "iblock_section" -> {
                return Kind.NUMBER;
            }
            case "datetime" -> {
                return Kind.DATETIME;
            }
            case "date" -> {
                return Kind.DATE;
            }
            case "boolean" -> {
                return Kind.BOOLEAN;
            }
            default -> {
                return type.startsWith("crm_enum_") ? Kind.NUMBER : Kind.STRING;
            }
        }
    }

    boolean isMultifield() {
        return type.equals("crm_multifield");
    }

    /** {@code UF_CRM_1721244482250} → {@code ufCrm1721244482250}, {@code UF_CRM_44_17218} → {@code ufCrm44_17218}. */
    static String ufItemName(String code) {
        if (code.startsWith("UF_CRM_")) {
            return "ufCrm" + code.substring("UF_CRM_".length());
        }
        return camel(code);
    }

    /** UPPER_SNAKE → camelCase ({@code ASSIGNED_BY_ID} → {@code assignedById}, {@code PARENT_ID_2} → {@code parentId2}). */
    static String camel(String code) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : code.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up && sb.length() > 0 ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    /** camelCase → UPPER_SNAKE, the {@code upperName} of crm.item.fields. */
    static String upper(String camel) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (i > 0 && (Character.isUpperCase(c) || (Character.isDigit(c) && !Character.isDigit(camel.charAt(i - 1))))) {
                sb.append('_');
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString();
    }

    private static String title(String code) {
        String s = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
