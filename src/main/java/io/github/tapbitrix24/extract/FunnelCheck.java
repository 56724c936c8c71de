package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.extract.spi.PrefetchedCalls;
import io.github.tapbitrix24.streams.StreamRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code deal_category_ids} naming a funnel the portal does not have (a typo, a deleted funnel)
 * filters every deal out without an error from the server. The deal funnels come from
 * {@code crm.category.list} for {@code entityTypeId: 2}, which lists only the funnels the webhook's
 * user may read, the default funnel {@code 0} included (bitrix24-api.md §6.4;
 * D:api-reference/crm/universal/category/crm-category-list.md). The call rides in the small
 * streams' shared request, so the check costs nothing extra.
 */
final class FunnelCheck {
    private FunnelCheck() {
    }

    static PrefetchedCalls.Call call() {
        return new PrefetchedCalls.Call("crm.category.list",
                JsonNodeFactory.instance.objectNode().put("entityTypeId", StreamRegistry.DEAL_TYPE_ID));
    }

    /** The warning to log when some configured funnels are not among {@code result.categories}. */
    static Optional<String> warning(List<Integer> configured, JsonNode result) {
        JsonNode categories = result == null ? null : result.get("categories");
        if (categories == null || !categories.isArray()) {
            return Optional.empty();
        }
        Map<Integer, String> funnels = new LinkedHashMap<>();
        for (JsonNode c : categories) {
            if (c.path("id").canConvertToInt()) {
                funnels.put(c.path("id").asInt(), c.path("name").asString(""));
            }
        }
        List<Integer> unknown = new ArrayList<>(configured);
        unknown.removeAll(funnels.keySet());
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        List<String> known = new ArrayList<>();
        funnels.forEach((id, name) -> known.add(id + " " + name));
        return Optional.of("deal_category_ids: " + unknown + (unknown.size() == 1 ? " is not a deal funnel" : " are not deal funnels")
                + " this webhook's user can read, so no deal of " + (unknown.size() == 1 ? "it" : "them")
                + " is extracted; the portal's funnels: " + String.join(", ", known));
    }
}
