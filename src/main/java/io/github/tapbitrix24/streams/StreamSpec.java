package io.github.tapbitrix24.streams;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a stream is, declared as data: name, the scope that enables it, the API method and family
 * that read it, where its schema comes from, its key and its valid replication keys. How records
 * are paged, batched and bookmarked lives in the extract package, generic over these specs.
 *
 * @param name            Singer tap_stream_id, e.g. {@code deals}, {@code spa_1040}
 * @param scope           webhook scope the method needs ({@code crm}, {@code user}, {@code department},
 *                        {@code telephony}, {@code imopenlines})
 * @param api             the API family (how to page, filter and unwrap rows)
 * @param method          the REST method that lists the records, e.g. {@code crm.deal.list}
 * @param fixedParams     parameters every call carries, e.g. {@code {"entityTypeId":1040}}
 * @param fieldsMethod    the metadata method the schema is built from ({@code crm.deal.fields},
 *                        {@code crm.item.fields}); null for fixed-shape streams whose schema is
 *                        {@code schemas/<name>.json}
 * @param fieldsParams    parameters of the metadata method
 * @param idField         the field keyset paging orders and filters by ({@code ID} or {@code id});
 *                        null when the API cannot page by ID
 * @param keyProperties   Singer key properties
 * @param replicationKeys valid replication keys, the default first; empty = FULL_TABLE only
 * @param parent          the parent stream for children (deal_products → deals), else null
 */
public record StreamSpec(
        String name,
        String scope,
        ListApi api,
        String method,
        ObjectNode fixedParams,
        String fieldsMethod,
        ObjectNode fieldsParams,
        String idField,
        List<String> keyProperties,
        List<String> replicationKeys,
        String parent) {

    public StreamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(fixedParams, "fixedParams");
        keyProperties = List.copyOf(keyProperties);
        replicationKeys = List.copyOf(replicationKeys);
    }

    public boolean incrementalCapable() {
        return !replicationKeys.isEmpty();
    }

    /**
     * For an append-only table that offers its own ID as a replication key, the field holding each
     * row's creation time (the other replication key, e.g. {@code CREATED_TIME}): an ID bookmark
     * is only committed up to rows old enough that no lower ID can still appear
     * (docs/incremental.md, "Append-only tables keyed by ID"). Empty otherwise.
     */
    public java.util.Optional<String> creationTimeField() {
        if (idField == null || !replicationKeys.contains(idField)) {
            return java.util.Optional.empty();
        }
        return replicationKeys.stream().filter(k -> !k.equals(idField)).findFirst();
    }

    /** The schema is built from live field metadata rather than a file in {@code schemas/}. */
    public boolean dynamicSchema() {
        return fieldsMethod != null;
    }
}
