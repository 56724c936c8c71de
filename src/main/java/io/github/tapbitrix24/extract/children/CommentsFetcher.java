package io.github.tapbitrix24.extract.children;

import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.extract.paging.SubCallQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Timeline comments of deals. {@code crm.timeline.comment.list} needs exactly one
 * {@code ENTITY_ID} with {@code ENTITY_TYPE: "deal"} in its filter (an array of IDs is not
 * documented; D:api-reference/crm/timeline/comments/crm-timeline-comment-list.md; bitrix24-api.md
 * §6.11), so there is one sub-call per deal, 50 per request. Pages are read by {@code start},
 * ordered by {@code ID} (one of the three sortable fields): the first with {@code start=0}, and a
 * deal with more than 50 comments gets {@code start=<result_next>} sub-calls in later requests
 * (D:settings/how-to-call-rest-api/batch.md, {@code result_next}). A deal's comments are few, so
 * the count that {@code start>=0} costs is small; comments are not filtered by another key,
 * since a filter on {@code CREATED} is reported not to work (I:bitrix-tools/b24-rest-docs#232).
 */
public final class CommentsFetcher implements DealChildFetcher {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    public static final String METHOD = "crm.timeline.comment.list";

    private final SubCallQueue queue;

    CommentsFetcher(SubCallQueue queue) {
        this.queue = queue;
    }

    @Override
    public void fetch(String stream, List<Long> dealIds, Consumer<JsonNode> rows) {
        List<SubCallQueue.Call> calls = new ArrayList<>(dealIds.size());
        for (long deal : dealIds) {
            calls.add(new Page(deal, 0, rows));
        }
        queue.run(stream, calls);
    }

    private record Page(long deal, int start, Consumer<JsonNode> sink) implements SubCallQueue.Call {
        @Override
        public String method() {
            return METHOD;
        }

        @Override
        public ObjectNode params() {
            ObjectNode p = F.objectNode();
            p.putObject("filter").put("ENTITY_ID", deal).put("ENTITY_TYPE", "deal");
            p.putObject("order").put("ID", "ASC");
            p.put("start", start);
            return p;
        }

        @Override
        public boolean isPage(JsonNode result) {
            return result != null && result.isArray();
        }

        @Override
        public List<SubCallQueue.Call> done(SubResult result) {
            JsonNode page = result.result();
            if (page != null && page.isArray() && !page.isEmpty()) {
                sink.accept(page);
            }
            Integer next = result.next();
            return next != null && next > start ? List.of(new Page(deal, next, sink)) : List.of();
        }
    }
}
