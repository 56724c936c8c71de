package io.github.tapbitrix24.schema;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * THE table from Bitrix field types to JSON Schema (bitrix24-api.md §5.3, checked against
 * D:api-reference/crm/data-types.md, D:api-reference/crm/universal/user-defined-fields/crm-userfield-types.md
 * and the PHP SDK's type list). Values are coerced by {@link RecordCoercer}, which reads the
 * schema this table produces, so the announced SCHEMA and the written RECORDs cannot drift.
 * The table is documented for users in {@code docs/field-types.md}; keep the two in step.
 *
 * <p>Every field is nullable: Bitrix returns {@code null} or {@code ""} for any empty value, and
 * a field disabled for an SPA type always comes back as null (D:api-reference/crm/universal/crm-item-add.md).
 */
public final class FieldTypeMapping {
    /** The JSON Schema dialect of every schema the tap announces. */
    public static final String DIALECT = "http://json-schema.org/draft-07/schema#";

    /**
     * The type list of an opaque value: every JSON type, so any value validates, and a {@code type}
     * that targets can map. pipelinewise target-postgres makes it {@code jsonb} ("object" in the list)
     * and MeltanoLabs target-postgres {@code JSONB} (its precedence puts JSONB above TEXT; without
     * {@code items} "array" is JSONB too); target-jsonl writes it as sent. See the README's target table.
     */
    public static final List<String> OPAQUE_TYPES = List.of("object", "array", "string", "number", "boolean", "null");

    private static final Logger LOG = Logger.getLogger(FieldTypeMapping.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What a Bitrix type becomes. */
    public enum Shape {
        /** {@code ["integer","null"]}: IDs, counters, links to CRM items and users, enumeration option IDs. */
        INTEGER,
        /** {@code ["number","null"]}. */
        NUMBER,
        /** {@code ["boolean","null"]}: {@code Y}/{@code N} or {@code 1}/{@code 0} on the wire. */
        BOOLEAN,
        /** {@code ["string","null"]}. */
        STRING,
        /** {@code ["string","null"]}, {@code format: date}. */
        DATE,
        /** {@code ["string","null"]}, {@code format: date-time}, written as RFC 3339 UTC. */
        DATE_TIME,
        /** Always an array of {@code {ID, VALUE_TYPE, VALUE, TYPE_ID}} (PHONE, EMAIL, WEB, IM, LINK). */
        MULTIFIELD,
        /** An object {@code {id, showUrl, downloadUrl, ...}}; other keys kept. */
        FILE,
        /** Always an array of objects whose keys vary (activity bindings and communications). */
        OBJECT_ARRAY,
        /**
         * {@code ["object","null"]}, keys as sent: the docs' {@code object} type (activity SETTINGS,
         * PROVIDER_PARAMS). PHP sends an empty map as {@code []} and one with keys 0..n as a list;
         * both are read back as the object they are ({@link RecordCoercer}).
         */
        OBJECT,
        /**
         * Any JSON value, declared as {@link #OPAQUE_TYPES} (never as a bare {@code {}}, which targets
         * that read {@code type} to pick a column cannot map): types whose shape the docs call opaque.
         */
        ANY
    }

    private static final Map<String, Shape> TABLE = Map.ofEntries(
            Map.entry("integer", Shape.INTEGER),
            Map.entry("int", Shape.INTEGER),
            Map.entry("user", Shape.INTEGER),
            Map.entry("employee", Shape.INTEGER),
            Map.entry("enumeration", Shape.INTEGER),
            Map.entry("crm_company", Shape.INTEGER),
            Map.entry("crm_contact", Shape.INTEGER),
            Map.entry("crm_lead", Shape.INTEGER),
            Map.entry("crm_deal", Shape.INTEGER),
            Map.entry("crm_quote", Shape.INTEGER),
            Map.entry("crm_entity", Shape.INTEGER),
            Map.entry("crm_category", Shape.INTEGER),
            Map.entry("location", Shape.INTEGER),
            Map.entry("iblock_element", Shape.INTEGER),
            Map.entry("iblock_section", Shape.INTEGER),
            Map.entry("double", Shape.NUMBER),
            Map.entry("char", Shape.BOOLEAN),
            Map.entry("boolean", Shape.BOOLEAN),
            Map.entry("date", Shape.DATE),
            Map.entry("datetime", Shape.DATE_TIME),
            Map.entry("string", Shape.STRING),
            Map.entry("text", Shape.STRING),
            Map.entry("money", Shape.STRING),
            Map.entry("url", Shape.STRING),
            Map.entry("address", Shape.STRING),
            Map.entry("crm_status", Shape.STRING),
            Map.entry("crm_currency", Shape.STRING),
            Map.entry("crm", Shape.STRING),
            Map.entry("crm_multifield", Shape.MULTIFIELD),
            Map.entry("file", Shape.FILE),
            Map.entry("product_file", Shape.FILE),
            Map.entry("crm_activity_binding", Shape.OBJECT_ARRAY),
            Map.entry("crm_activity_communication", Shape.OBJECT_ARRAY),
            Map.entry("diskfile", Shape.ANY),
            Map.entry("disk_file", Shape.ANY),
            Map.entry("attached_diskfile", Shape.ANY),
            Map.entry("resourcebooking", Shape.ANY),
            Map.entry("crm_product_row", Shape.ANY),
            Map.entry("product_property", Shape.ANY),
            Map.entry("uf_enum_element", Shape.ANY),
            Map.entry("crm_status_extra", Shape.ANY),
            Map.entry("currency_localization", Shape.ANY),
            Map.entry("recurring_params", Shape.ANY),
            Map.entry("object", Shape.OBJECT),
            Map.entry("array", Shape.ANY),
            Map.entry("enum", Shape.ANY),
            Map.entry("mail_message", Shape.ANY),
            Map.entry("datatype", Shape.ANY));

    private FieldTypeMapping() {
    }

    /**
     * The shape of a Bitrix type, or null when the tap does not know it. Prefix families:
     * {@code crm_enum_*} (activity enums, integer codes sent as strings) → INTEGER;
     * {@code rest_*} (app-defined UF types, D:api-reference/crm/universal/userfieldconfig/userfieldconfig-get-types.md) → ANY.
     */
    public static Shape shapeOf(String bitrixType) {
        String t = bitrixType == null ? "" : bitrixType.toLowerCase(Locale.ROOT);
        Shape s = TABLE.get(t);
        if (s != null) {
            return s;
        }
        if (t.startsWith("crm_enum_")) {
            return Shape.INTEGER;
        }
        if (t.startsWith("rest_")) {
            return Shape.ANY;
        }
        return null;
    }

    /** Whether the table knows the type (an unknown one still maps, to {@code {}}). */
    public static boolean isKnown(String bitrixType) {
        return shapeOf(bitrixType) != null;
    }

    /**
     * The JSON Schema of one field: the shape of its type, wrapped in a nullable array when
     * {@code isMultiple}, with the Bitrix label as {@code description}. An unknown type becomes
     * an {@link #opaque()} schema (any JSON value) and a logged note; the field is never dropped.
     */
    public static ObjectNode schemaFor(FieldDescriptor f) {
        Shape shape = shapeOf(f.type());
        if (shape == null) {
            LOG.info(() -> "field " + f.id() + " has Bitrix type '" + f.type()
                    + "' that the tap does not know; it is declared as any JSON value");
            shape = Shape.ANY;
        }
        ObjectNode schema = schemaFor(shape, f.isMultiple());
        String label = f.label();
        if (label != null) {
            schema.put("description", label);
        }
        return schema;
    }

    /** The schema of a shape, single or multiple; a fresh node each call. */
    public static ObjectNode schemaFor(Shape shape, boolean multiple) {
        switch (shape) {
            case ANY:
                // a multiple opaque field is still a list: typed as one, so targets make it an array column
                return multiple ? nullableArray(opaque()) : opaque();
            case MULTIFIELD:
                return nullableArray(multifieldItem());
            case OBJECT_ARRAY:
                return nullableArray(nullable("object"));
            default:
                ObjectNode single = single(shape);
                return multiple ? nullableArray(single) : single;
        }
    }

    private static ObjectNode single(Shape shape) {
        return switch (shape) {
            case INTEGER -> nullable("integer");
            case NUMBER -> nullable("number");
            case BOOLEAN -> nullable("boolean");
            case STRING -> nullable("string");
            case DATE -> nullable("string").put("format", "date");
            case DATE_TIME -> nullable("string").put("format", "date-time");
            case FILE -> fileObject();
            case OBJECT -> nullable("object");
            default -> throw new IllegalStateException("not a single-value shape: " + shape);
        };
    }

    /** {@code {"type": ["object","array","string","number","boolean","null"]}}: any JSON value, typed. */
    public static ObjectNode opaque() {
        ObjectNode n = F.objectNode();
        OPAQUE_TYPES.forEach(n.putArray("type")::add);
        return n;
    }

    /** {@code {"type": [type, "null"]}}. */
    public static ObjectNode nullable(String jsonType) {
        ObjectNode n = F.objectNode();
        ArrayNode types = n.putArray("type");
        types.add(jsonType);
        types.add("null");
        return n;
    }

    private static ObjectNode nullableArray(ObjectNode items) {
        ObjectNode n = nullable("array");
        n.set("items", items);
        return n;
    }

    // Old methods: {"ID":"215","VALUE_TYPE":"WORK","VALUE":"a@b.c","TYPE_ID":"EMAIL"}
    // (D:api-reference/crm/contacts/crm-contact-list.md). Other keys (crm.item's camelCase fm) are kept.
    private static ObjectNode multifieldItem() {
        return nullableObject("ID", "integer", "VALUE_TYPE", "string", "VALUE", "string", "TYPE_ID", "string");
    }

    // {"id":37375,"showUrl":"/bitrix/…","downloadUrl":"/bitrix/…"} (old) or {"id","url","urlMachine"} (crm.item)
    // (D:tutorials/crm/how-to-add-crm-objects/how-to-add-lead-with-files.md; D:api-reference/crm/universal/object-fields.md)
    private static ObjectNode fileObject() {
        return nullableObject("id", "integer", "showUrl", "string", "downloadUrl", "string", "url", "string",
                "urlMachine", "string");
    }

    /** A nullable object with the given (name, type) properties, each nullable; other keys allowed. */
    private static ObjectNode nullableObject(String... namesAndTypes) {
        ObjectNode o = nullable("object");
        ObjectNode p = o.putObject("properties");
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            p.set(namesAndTypes[i], nullable(namesAndTypes[i + 1]));
        }
        return o;
    }
}
