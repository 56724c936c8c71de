package io.github.tapbitrix24.schema;

import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One field as a {@code crm.<entity>.fields} / {@code crm.item.fields} descriptor describes it
 * (bitrix24-api.md §5.1, §5.2; D:api-reference/crm/data-types.md#crm_rest_field_description).
 *
 * @param id        the field code as the list method returns it ({@code UF_CRM_1687188367}, {@code updatedTime})
 * @param type      the Bitrix type ({@code integer}, {@code crm_status}, {@code enumeration}, ...); never null
 * @param items     options of an {@code enumeration} field ({@code [{ID, VALUE}]}), else null
 * @param settings  type-specific settings, else null
 * @param upperName {@code crm.item.fields} only: the old-style UPPER_SNAKE name, else null
 */
public record FieldDescriptor(String id, String type, boolean isRequired, boolean isReadOnly, boolean isMultiple,
                              boolean isDynamic, String title, String listLabel, String formLabel, String filterLabel,
                              String statusType, JsonNode items, JsonNode settings, String upperName) {

    public FieldDescriptor {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("field id is empty");
        }
        type = type == null ? "" : type;
    }

    /**
     * Reads a descriptor leniently: flags may arrive as JSON booleans or {@code "Y"}/{@code "N"},
     * labels as strings or as a per-language object ({@code {"en": "..."}}, as in
     * {@code userfieldconfig}); missing keys are false / null.
     */
    public static FieldDescriptor fromJson(String id, JsonNode d) {
        if (d == null || !d.isObject()) {
            throw new IllegalArgumentException("descriptor of field " + id + " is not an object");
        }
        return new FieldDescriptor(id, text(d.get("type")), flag(d.get("isRequired")), flag(d.get("isReadOnly")),
                flag(d.get("isMultiple")), flag(d.get("isDynamic")), text(d.get("title")), text(d.get("listLabel")),
                text(d.get("formLabel")), text(d.get("filterLabel")), text(d.get("statusType")),
                present(d.get("items")), present(d.get("settings")), text(d.get("upperName")));
    }

    /** A field the caller defines (e.g. {@code CONTACT_IDS}), not read from the portal. */
    public static FieldDescriptor of(String id, String type, boolean isMultiple, String title) {
        return new FieldDescriptor(id, type, false, true, isMultiple, false, title, null, null, null, null, null, null,
                null);
    }

    /**
     * A custom field: {@code isDynamic}, or named like one ({@code UF_*}, {@code ufCrm*}) for
     * portals that leave the flag out.
     */
    public boolean isCustom() {
        return isDynamic || id.startsWith("UF_") || id.startsWith("uf");
    }

    /**
     * The human label for the JSON Schema {@code description}: for custom fields in the old
     * methods {@code title} is the field code and the label is in {@code listLabel}
     * (D:api-reference/crm/companies/crm-company-fields.md), so custom fields prefer
     * listLabel, then formLabel, then title; standard fields use title. Null when nothing useful.
     */
    public String label() {
        if (isCustom()) {
            for (String s : new String[] {listLabel, formLabel, filterLabel}) {
                if (s != null && !s.isBlank()) {
                    return s;
                }
            }
        }
        return title == null || title.isBlank() ? null : title;
    }

    /** The Bitrix type in lower case, as {@link FieldTypeMapping} looks it up. */
    public String normalizedType() {
        return type.toLowerCase(Locale.ROOT);
    }

    private static JsonNode present(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    private static boolean flag(JsonNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.intValue() != 0;
        }
        String s = n.asString("").trim();
        return s.equalsIgnoreCase("Y") || s.equals("1") || s.equalsIgnoreCase("true");
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            // per-language labels: prefer English, else the first non-empty one
            JsonNode en = n.get("en");
            if (en != null && en.isString() && !en.stringValue().isBlank()) {
                return en.stringValue();
            }
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (e.getValue().isString() && !e.getValue().stringValue().isBlank()) {
                    return e.getValue().stringValue();
                }
            }
            return null;
        }
        if (n.isArray()) {
            return null;   // PHP's [] for an empty label map
        }
        return n.asString();
    }
}
