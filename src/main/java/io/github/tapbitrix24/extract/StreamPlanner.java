package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.streams.ListApi;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a selected catalog entry into a {@link StreamPlan}: the replication mode the catalog asks
 * for (full table when the family cannot filter by the key, said on stderr, never silently), the
 * explicit {@code select} and the stream's server-side filters. Pure: no I/O.
 */
public final class StreamPlanner {
    private static final Logger LOG = Logger.getLogger(StreamPlanner.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final TapConfig config;

    public StreamPlanner(TapConfig config) {
        this.config = config;
    }

    public StreamPlan plan(CatalogEntry entry, StreamSpec spec, StreamReader reader) {
        String asked = entry.replicationKey().orElse(null);
        String key = asked;
        if (asked != null && !(reader.supportsIncremental() && spec.replicationKeys().contains(asked))) {
            LOG.warning(() -> "stream " + spec.name() + ": " + spec.method() + " cannot filter by " + asked
                    + "; reading it FULL_TABLE");
            key = null;
        }
        return new StreamPlan(spec, select(entry, spec, key), key, filter(spec), config.startDate());
    }

    /**
     * Every selected property by name, plus the keys, the replication key and the paging ID.
     * Named one by one: on crm.*.list {@code *} leaves out PHONE/EMAIL/WEB/IM and {@code UF_*}
     * leaves out multiple custom fields (D:api-reference/crm/deals/crm-deal-list.md; bitrix24-api.md §2.5).
     * Families without a select parameter ignore it and are projected by the output.
     */
    static List<String> select(CatalogEntry entry, StreamSpec spec, String replicationKey) {
        Set<String> names = new LinkedHashSet<>(entry.selectedProperties());
        names.addAll(keyProperties(entry, spec));
        if (replicationKey != null) {
            names.add(replicationKey);
        }
        if (replicationKey != null && replicationKey.equals(spec.idField())) {
            // the ID bookmark is settled by each row's creation time (SettledIdBookmark)
            spec.creationTimeField().ifPresent(names::add);
        }
        if (spec.idField() != null) {
            names.add(spec.idField());
        }
        if (spec.api() == ListApi.CRM_LIST && spec.method().equals("crm.deal.list")) {
            // crm.deal.list can neither select nor return CONTACT_IDS; the deal-contacts reader
            // fills it from crm.item.list (D:api-reference/crm/deals/crm-deal-list.md).
            names.remove(StreamRegistry.DEAL_CONTACT_IDS);
        }
        return new ArrayList<>(names);
    }

    /**
     * How a child stream reads its parent's IDs this run: the parent's catalog entry decides the
     * mode (INCREMENTAL by its replication key, or FULL_TABLE) whether or not the parent itself is
     * selected; a parent missing from the catalog is read as its spec's default. The select is
     * narrow, the paging ID and the replication key; the parent's own filters apply
     * ({@code deal_category_ids}). Empty for streams without a parent.
     */
    public Optional<StreamPlan> parentPlan(StreamSpec child, Catalog catalog) {
        if (child.parent() == null) {
            return Optional.empty();
        }
        StreamSpec parent = StreamRegistry.forName(child.parent(), config).orElseThrow(
                () -> new IllegalStateException("stream " + child.name() + " names an unknown parent " + child.parent()));
        Optional<CatalogEntry> entry = catalog.find(parent.name());
        String key = entry.isPresent() ? entry.get().replicationKey().orElse(null)
                : parent.replicationKeys().isEmpty() ? null : parent.replicationKeys().get(0);
        if (key != null && !parent.replicationKeys().contains(key)) {
            key = null;
        }
        List<String> select = new ArrayList<>();
        select.add(parent.idField());
        if (key != null && !key.equals(parent.idField())) {
            select.add(key);
        }
        return Optional.of(new StreamPlan(parent, select, key, filter(parent), config.startDate()));
    }

    /** The catalog's key properties, else the spec's. */
    static List<String> keyProperties(CatalogEntry entry, StreamSpec spec) {
        List<String> keys = entry.keyProperties();
        return keys.isEmpty() ? spec.keyProperties() : keys;
    }

    /**
     * {@code deal_category_ids} restricts deals to those funnels on the server:
     * {@code @CATEGORY_ID} on crm.deal.list, {@code @categoryId} on crm.item.list for entityTypeId 2
     * (bitrix24-api.md §2.4).
     */
    ObjectNode filter(StreamSpec spec) {
        ObjectNode filter = F.objectNode();
        if (config.dealCategoryIds().isEmpty()) {
            return filter;
        }
        Optional<String> field = Optional.empty();
        if (spec.method().equals("crm.deal.list")) {
            field = Optional.of("@CATEGORY_ID");
        } else if (spec.api() == ListApi.CRM_ITEM_LIST
                && spec.fixedParams().path("entityTypeId").asInt(0) == StreamRegistry.DEAL_TYPE_ID) {
            field = Optional.of("@categoryId");
        }
        field.ifPresent(f -> {
            ArrayNode ids = filter.putArray(f);
            config.dealCategoryIds().forEach(ids::add);
        });
        return filter;
    }

    /**
     * The selected schema, with the keys and the replication key put back should the catalog have
     * deselected them: they are always written.
     */
    static ObjectNode schema(CatalogEntry entry, StreamPlan plan) {
        ObjectNode schema = entry.selectedSchema();
        JsonNode all = entry.schema().get("properties");
        if (!(schema.get("properties") instanceof ObjectNode props) || all == null) {
            return schema;
        }
        List<String> always = new ArrayList<>(keyProperties(entry, plan.spec()));
        if (plan.replicationKey() != null) {
            always.add(plan.replicationKey());
        }
        for (String name : always) {
            if (!props.has(name) && all.has(name)) {
                props.set(name, all.get(name).deepCopy());
            }
        }
        return schema;
    }
}
