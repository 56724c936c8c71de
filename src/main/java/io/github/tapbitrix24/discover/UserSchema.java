package io.github.tapbitrix24.discover;

import io.github.tapbitrix24.schema.FieldDescriptor;
import io.github.tapbitrix24.schema.FieldTypeMapping;
import io.github.tapbitrix24.schema.SchemaBuilder;
import io.github.tapbitrix24.streams.FixedSchemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code users} schema, built at discovery like the CRM entities': one property per field the
 * portal's {@code user.fields} lists ({@code {CODE: label}}, D:api-reference/user/user-fields.md; a real
 * answer in F:tests/real_responses/user_fields.py), so the standard {@code UF_*} fields of this
 * portal (UF_SKYPE_LINK, UF_ZOOM, UF_TIMEMAN, ...) and its own {@code UF_USR_*} fields are all there.
 * user.fields gives no types: standard fields take theirs from {@code schemas/users.json} (the types
 * of user.get's values), custom ones from {@code user.userfield.list} ({@code USER_TYPE_ID},
 * {@code MULTIPLE}; D:api-reference/user/userfields/user-userfield-list.md) through the one type
 * table, {@link FieldTypeMapping}. A field neither knows (the webhook lacks the
 * {@code user.userfield} scope, or a new standard field) is a nullable string: user.get's scalars
 * are text, and anything else is kept as its JSON text.
 */
final class UserSchema {
    static final String FIELDS_METHOD = "user.fields";
    static final String USERFIELD_LIST = "user.userfield.list";

    private static final Logger LOG = Logger.getLogger(UserSchema.class.getName());

    private UserSchema() {
    }

    /**
     * @param userFields    the {@code user.fields} result
     * @param userfieldList the {@code user.userfield.list} result, or null when it could not be read
     */
    static ObjectNode build(JsonNode userFields, JsonNode userfieldList, List<String> keys) {
        JsonNode standard = FixedSchemas.load("users").get("properties");
        Map<String, FieldDescriptor> custom = customFields(userfieldList);
        ObjectNode schema = SchemaBuilder.emptyObjectSchema();
        schema.put("description", "Users from user.get with ADMIN_MODE (D:api-reference/user/user-get.md); "
                + "one property per field of the portal's user.fields");
        ObjectNode props = (ObjectNode) schema.get("properties");
        int untyped = 0;
        for (Map.Entry<String, JsonNode> e : userFields.properties()) {
            String code = e.getKey();
            String label = e.getValue().isString() && !e.getValue().stringValue().equals(code)
                    ? e.getValue().stringValue() : null;
            ObjectNode p;
            if (custom.containsKey(code)) {
                p = FieldTypeMapping.schemaFor(custom.get(code));
            } else if (standard.has(code)) {
                p = ((ObjectNode) standard.get(code)).deepCopy();
            } else {
                p = FieldTypeMapping.nullable("string");
                untyped++;
            }
            if (label != null && !p.has("description")) {
                p.put("description", label);
            }
            props.set(code, p);
        }
        if (untyped > 0 && userfieldList == null) {
            int n = untyped;
            LOG.info(() -> "users: " + n + " field(s) without a known type are declared as text; give the webhook "
                    + "the 'user.userfield' scope to type the portal's own UF_USR_* fields");
        }
        return SchemaBuilder.requireKeys(schema, keys);
    }

    private static Map<String, FieldDescriptor> customFields(JsonNode list) {
        Map<String, FieldDescriptor> out = new HashMap<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        for (JsonNode f : list.values()) {
            String code = f.path("FIELD_NAME").asString("");
            if (!code.isEmpty()) {
                boolean multiple = f.path("MULTIPLE").asString("N").equals("Y");
                out.put(code, FieldDescriptor.of(code, f.path("USER_TYPE_ID").asString(""), multiple, null));
            }
        }
        return out;
    }
}
