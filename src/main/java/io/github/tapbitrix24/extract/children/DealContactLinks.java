package io.github.tapbitrix24.extract.children;

import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.extract.paging.ListDialect;
import io.github.tapbitrix24.extract.paging.SubCallQueue;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.streams.StreamRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every contact of many deals without a call per deal. crm.deal.list cannot return
 * {@code CONTACT_IDS} and points to crm.item.list for it (D:api-reference/crm/deals/crm-deal-list.md,
 * parameter {@code select}); crm.item.list returns the fields of an item
 * (D:api-reference/crm/universal/crm-item-list.md, "Fields of a single item"), and for deals
 * ({@code entityTypeId: 2}) those include {@code contactIds}, "list of contact identifiers linked
 * to the item" (D:api-reference/crm/universal/crm-item-add.md, tab Deal; bitrix24-api.md §6.2, §6.9).
 * So one sub-call {@code crm.item.list {entityTypeId: 2, select: [id, contactIds], filter: {@id: [50 ids]}}}
 * answers 50 deals in one page, and 50 such sub-calls make one HTTP request per 2,500 deals.
 * The per-deal crm.deal.contact.items.get is never used.
 */
public final class DealContactLinks {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    public static final String METHOD = "crm.item.list";

    private final SubCallQueue queue;

    DealContactLinks(SubCallQueue queue) {
        this.queue = queue;
    }

    /**
     * The contact IDs of each deal, primary first as the portal orders them. A deal the portal no
     * longer returns (deleted meanwhile, or not readable) has no entry.
     */
    Map<Long, ArrayNode> of(String stream, List<Long> dealIds) {
        Map<Long, ArrayNode> links = new HashMap<>(dealIds.size() * 2);
        List<SubCallQueue.Call> calls = new ArrayList<>();
        for (int from = 0; from < dealIds.size(); from += ListDialect.PAGE_SIZE) {
            List<Long> group = dealIds.subList(from, Math.min(dealIds.size(), from + ListDialect.PAGE_SIZE));
            calls.add(new Page(group, links));
        }
        queue.run(stream, calls);
        return links;
    }

    /** One page of at most 50 deals: the {@code @id} list never matches more rows than one page holds. */
    private record Page(List<Long> ids, Map<Long, ArrayNode> into) implements SubCallQueue.Call {
        @Override
        public String method() {
            return METHOD;
        }

        @Override
        public ObjectNode params() {
            ObjectNode p = F.objectNode().put("entityTypeId", StreamRegistry.DEAL_TYPE_ID);
            p.putArray("select").add("id").add("contactIds");
            ArrayNode in = p.putObject("filter").putArray("@id");
            ids.forEach(in::add);
            p.putObject("order").put("id", "ASC");
            p.put("start", -1);
            return p;
        }

        @Override
        public List<SubCallQueue.Call> done(SubResult result) {
            JsonNode items = result.result() == null ? null : result.result().get("items");
            if (items != null && items.isArray()) {
                for (JsonNode item : items) {
                    JsonNode contacts = item.get("contactIds");
                    ArrayNode ids = F.arrayNode();
                    if (contacts != null && contacts.isArray()) {
                        contacts.forEach(ids::add);
                    }
                    into.put(RowIds.of(item, "id"), ids);
                }
            }
            return List.of();
        }
    }
}
