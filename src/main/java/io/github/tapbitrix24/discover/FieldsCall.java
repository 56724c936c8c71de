package io.github.tapbitrix24.discover;

import io.github.tapbitrix24.streams.ListApi;
import io.github.tapbitrix24.streams.StreamSpec;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The metadata call a stream's schema comes from, and its key in the discovery batch: the method
 * and, for {@code crm.item.fields}, the entityTypeId ({@code quotes} and {@code invoices} share the
 * method with the SPA types but not the fields).
 */
record FieldsCall(String key, String method, ObjectNode params) {
    /** The stream's metadata call, or null for a stream with a fixed schema. */
    static FieldsCall of(StreamSpec spec) {
        String method;
        ObjectNode params;
        if (spec.dynamicSchema()) {
            method = spec.fieldsMethod();
            params = spec.fieldsParams() == null ? JsonNodeFactory.instance.objectNode() : spec.fieldsParams();
        } else if (spec.api() == ListApi.FIELD_METADATA) {
            method = spec.method();
            params = spec.fixedParams();
        } else {
            return null;
        }
        String key = method.replace('.', '_');
        if (params.has("entityTypeId")) {
            key += "_" + params.get("entityTypeId").asInt();
        }
        return new FieldsCall(key, method, params.deepCopy());
    }
}
