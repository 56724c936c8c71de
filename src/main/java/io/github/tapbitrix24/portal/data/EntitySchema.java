package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The fields of one entity, in declaration order, with the select rules of its list method. */
public final class EntitySchema {
    final String name;
    public final List<FieldDef> fields;
    private final Map<String, FieldDef> byCode = new LinkedHashMap<>();
    private final Map<String, FieldDef> byItemName = new LinkedHashMap<>();
    private final Map<String, Integer> positions = new java.util.HashMap<>();

    EntitySchema(String name, List<FieldDef> fields) {
        this.name = name;
        this.fields = List.copyOf(fields);
        for (int i = 0; i < fields.size(); i++) {
            FieldDef f = fields.get(i);
            positions.putIfAbsent(f.code(), i);
            byCode.put(f.code(), f);
            if (f.itemName() != null) {
                byItemName.put(f.itemName(), f);
            }
        }
    }

    public FieldDef field(String code) {
        return byCode.get(code);
    }

    /** Position of a field code in {@link #fields}, or -1. */
    public int position(String code) {
        Integer p = positions.get(code);
        return p == null ? -1 : p;
    }

    public FieldDef itemField(String itemName) {
        return byItemName.get(itemName);
    }

    /** Accepts an old code or an item name (crm.item.list filters use camelCase). */
    FieldDef anyField(String name) {
        FieldDef f = byCode.get(name);
        return f != null ? f : byItemName.get(name);
    }

    /**
     * {@code select} of the old crm list methods (D:api-reference/crm/deals/crm-deal-list.md,
     * D:api-reference/crm/contacts/crm-contact-list.md): {@code *} = standard fields without custom
     * and multiple fields; {@code UF_*} = custom fields except multiple ones; multifields and
     * explicit-only fields must be named; no select = {@code *} + {@code UF_*}.
     */
    public List<FieldDef> selectOld(JsonNode select) {
        List<String> names = names(select);
        if (names.isEmpty()) {
            names = List.of("*", "UF_*");
        }
        List<FieldDef> out = new ArrayList<>();
        for (FieldDef f : fields) {
            if (!f.inList()) {
                continue;
            }
            boolean star = names.contains("*") && !f.dynamic() && !f.isMultifield() && !f.explicitOnly();
            boolean uf = names.contains("UF_*") && f.dynamic() && !f.multiple();
            boolean prop = names.contains("PROPERTY_*") && f.code().startsWith("PROPERTY_");
            if (star || uf || prop || names.contains(f.code())) {
                out.add(f);
            }
        }
        return out;
    }

    /** {@code select} of simple lists (comments, stage history, users): {@code *} or names; none = all. */
    public List<FieldDef> selectPlain(JsonNode select) {
        List<String> names = names(select);
        if (names.isEmpty() || names.contains("*")) {
            return fields;
        }
        List<FieldDef> out = new ArrayList<>();
        for (FieldDef f : fields) {
            if (names.contains(f.code())) {
                out.add(f);
            }
        }
        return out;
    }

    public static List<String> names(JsonNode select) {
        List<String> names = new ArrayList<>();
        if (select == null || select.isNull() || select.isMissingNode()) {
            return names;
        }
        if (select.isContainer()) {
            for (JsonNode n : select.values()) {
                String s = Json.text(n);
                if (s != null && !s.isBlank()) {
                    names.add(s.trim());
                }
            }
        } else {
            String s = Json.text(select);
            if (s != null && !s.isBlank()) {
                names.add(s.trim());
            }
        }
        return names;
    }

    /** {@code crm.<entity>.fields}: field code → descriptor (D:api-reference/crm/deals/crm-deal-fields.md). */
    ObjectNode oldDescriptor() {
        ObjectNode out = Json.object();
        for (FieldDef f : fields) {
            out.set(f.code(), descriptor(f, false));
        }
        return out;
    }

    /** {@code crm.item.fields}: {@code {"fields": {camelName → descriptor + upperName}}} (D:api-reference/crm/universal/crm-item-fields.md). */
    ObjectNode itemDescriptor() {
        ObjectNode fieldsNode = Json.object();
        for (FieldDef f : fields) {
            if (f.itemName() == null) {
                continue;
            }
            ObjectNode d = descriptor(f, true);
            d.put("upperName", f.dynamic() ? f.code() : FieldDef.upper(f.itemName()));
            fieldsNode.set(f.itemName(), d);
        }
        ObjectNode out = Json.object();
        out.set("fields", fieldsNode);
        return out;
    }

    private static ObjectNode descriptor(FieldDef f, boolean item) {
        ObjectNode d = Json.object();
        d.put("type", f.type());
        d.put("isRequired", false);
        d.put("isReadOnly", f.readOnly());
        d.put("isImmutable", f.code().equals("CATEGORY_ID"));
        d.put("isMultiple", f.multiple());
        d.put("isDynamic", f.dynamic());
        if (f.deprecated()) {
            d.put("isDeprecated", true);
        }
        // Old methods title a custom field with its code and put the label aside;
        // crm.item.fields titles it with the label (D:api-reference/crm/companies/crm-company-fields.md).
        d.put("title", f.dynamic() && item ? f.label() : f.title());
        if (f.statusType() != null) {
            d.put("statusType", f.statusType());
        }
        if (!f.items().isEmpty()) {
            ArrayNode items = d.putArray("items");
            for (String[] it : f.items()) {
                ObjectNode o = items.addObject();
                o.put("ID", it[0]);
                o.put("VALUE", it[1]);
            }
        }
        if (f.dynamic()) {
            d.put("listLabel", f.label());
            d.put("formLabel", f.label());
            d.put("filterLabel", f.label());
        }
        if (f.settings() != null) {
            d.set("settings", f.settings());
        }
        return d;
    }
}
