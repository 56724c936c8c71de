package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code crm.item.*} view of a CRM row: camelCase keys, native JSON numbers for ids, amounts
 * and links, {@code "Y"}/{@code "N"} for booleans, file objects as {@code {id,url,urlMachine}},
 * multifields folded into {@code fm} (D:api-reference/crm/universal/crm-item-list.md,
 * D:api-reference/crm/universal/object-fields.md, D:api-reference/crm/universal/crm-item-get.md).
 */
public final class ItemFormat {
    private ItemFormat() {
    }

    /** Converts {@code old} (a full old-format row) keeping only {@code fields}; adds {@code fm} when asked. */
    public static ObjectNode item(ObjectNode old, List<FieldDef> fields, boolean withFm, JsonNode contactIds) {
        ObjectNode o = Json.object();
        for (FieldDef f : fields) {
            if (f.code().equals("CONTACT_IDS") && contactIds != null) {
                o.set(f.itemName(), contactIds);
                continue;
            }
            JsonNode v = old.get(f.code());
            o.set(f.itemName(), v == null ? Json.F.nullNode() : value(f, v));
        }
        if (withFm) {
            ArrayNode fm = o.putArray("fm");
            for (String type : List.of("PHONE", "EMAIL", "WEB", "IM")) {
                JsonNode a = old.get(type);
                if (a == null || !a.isArray()) {
                    continue;
                }
                for (JsonNode m : a.values()) {
                    ObjectNode x = fm.addObject();
                    x.put("id", Long.parseLong(m.get("ID").stringValue()));
                    x.put("valueType", m.get("VALUE_TYPE").stringValue());
                    x.put("value", m.get("VALUE").stringValue());
                    x.put("typeId", type);
                }
            }
        }
        return o;
    }

    static JsonNode value(FieldDef f, JsonNode v) {
        if (v == null || v.isNull()) {
            return Json.F.nullNode();
        }
        if (f.multiple() && v.isBoolean() && !v.booleanValue()) {
            return Json.array();   // the old methods' false for an empty multiple field; crm.item.* sends []
        }
        if (v.isArray()) {
            ArrayNode a = Json.array();
            for (JsonNode x : v.values()) {
                a.add(scalar(f, x));
            }
            return a;
        }
        return scalar(f, v);
    }

    private static JsonNode scalar(FieldDef f, JsonNode v) {
        if (v.isObject() && f.type().equals("file")) {
            ObjectNode o = Json.object();
            o.put("id", v.get("id").asLong());
            o.put("url", "/bitrix/tools/crm_show_file.php?fileId=" + v.get("id").asLong());
            o.put("urlMachine", "/rest/crm.controller.item.getFile.json?fileId=" + v.get("id").asLong());
            return o;
        }
        String s = Json.text(v);
        if (s == null) {
            return v;
        }
        if (f.type().equals("boolean")) {
            return Json.F.stringNode(s.equals("1") || s.equals("Y") ? "Y" : "N");
        }
        if (f.kind() == FieldDef.Kind.NUMBER && !f.type().startsWith("crm_enum_")) {
            if (s.isEmpty()) {
                return Json.F.nullNode();
            }
            if (f.type().equals("double")) {
                return Json.F.numberNode(Double.parseDouble(s));
            }
            try {
                return Json.F.numberNode(Long.parseLong(s));
            } catch (NumberFormatException e) {
                return Json.F.numberNode(Double.parseDouble(s));
            }
        }
        return v;
    }
}
