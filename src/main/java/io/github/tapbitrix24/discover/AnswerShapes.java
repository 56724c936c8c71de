package io.github.tapbitrix24.discover;

import io.github.tapbitrix24.bitrix.SubResult;
import tools.jackson.databind.JsonNode;

/**
 * Whether a successful answer discovery reads has the shape its method documents. A broken proxy
 * or a half-deployed portal may answer {@code "Array"} or wrap the list in an object; read as it
 * came, such an answer became an empty catalog (exit 0) or a JSON exception. It is a malformed
 * response instead: asked again, then the run fails naming the method.
 */
final class AnswerShapes {
    private AnswerShapes() {
    }

    /** What is wrong with {@code r}'s result; null when it is readable, failed or absent (handled elsewhere). */
    static String problem(SubResult r) {
        if (r == null || !r.ok()) {
            return null;
        }
        JsonNode result = r.result();
        String method = r.method();
        if (method.equals("scope")) {
            // D:api-reference/common/system/scope.md: a list of scope names
            return result.isArray() && result.valueStream().allMatch(JsonNode::isString) ? null
                    : "a scope list that is not a list of names";
        }
        if (method.equals("crm.type.list")) {
            // D:api-reference/crm/universal/user-defined-object-types/crm-type-list.md: {"types": [...]}
            return result.isObject() && result.path("types").isArray() ? null : "a type list without its 'types' list";
        }
        if (method.equals(UserSchema.FIELDS_METHOD)) {
            // D:api-reference/user/user-fields.md: {CODE: label}
            return isEmptyList(result) || result.isObject() && result.valueStream().allMatch(JsonNode::isString) ? null
                    : "a field list that is not a map of field codes to labels";
        }
        if (method.endsWith(".fields") || method.equals("tasks.task.getFields")) {
            return FieldMetadata.wellFormed(result) ? null
                    : "a field list that is not a map of field codes to descriptions";
        }
        return null;
    }

    /** PHP's empty array: how an empty map is sent. */
    static boolean isEmptyList(JsonNode n) {
        return n.isArray() && n.isEmpty();
    }
}
