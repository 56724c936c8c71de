package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.SubResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Product rows of deals from {@code crm.item.productrow.list} with {@code =ownerType: "D"} and an
 * array of up to 50 deal IDs in {@code =ownerId} ("= equals (works with arrays as well)",
 * D:api-reference/crm/universal/product-rows/crm-item-productrow-list.md; bitrix24-api.md §6.8, §8
 * step 4), 50 such sub-calls per request. Each sub-call pages by keyset: {@code order {id: asc}},
 * {@code >id} the last row seen (the page documents {@code >} on {@code id}), {@code start=-1}; a
 * full page of 50 asks for the next one in the following request.
 *
 * <p>One version of that docs page instead says that only {@code @id} takes an array and that an
 * array elsewhere is ignored like an unsupported condition. So the answer is checked: a page
 * holding a row of a deal that was not asked for means the array was not honoured, and so does
 * an API error on the array form; the fetcher then asks one deal per sub-call (still 50 deals per
 * request) for the rest of the read, and nothing from the untrusted page is written.
 */
final class ProductRowsFetcher implements DealChildFetcher {
    private static final Logger LOG = Logger.getLogger(ProductRowsFetcher.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String METHOD = "crm.item.productrow.list";
    /** Deals per sub-call: the largest IN list the tap sends anywhere (bitrix24-api.md §2.4). */
    static final int DEALS_PER_CALL = 50;

    private final SubCallQueue queue;
    private boolean oneDealPerCall;

    ProductRowsFetcher(SubCallQueue queue) {
        this.queue = queue;
    }

    @Override
    public void fetch(String stream, List<Long> dealIds, Consumer<JsonNode> rows) {
        List<SubCallQueue.Call> calls = new ArrayList<>();
        int step = oneDealPerCall ? 1 : DEALS_PER_CALL;
        for (int from = 0; from < dealIds.size(); from += step) {
            calls.add(new Page(stream, List.copyOf(dealIds.subList(from, Math.min(dealIds.size(), from + step))),
                    0, rows));
        }
        queue.run(stream, calls);
    }

    /** One page of the rows of {@code deals} with {@code id > afterId}. */
    private final class Page implements SubCallQueue.Call {
        private final String stream;
        private final List<Long> deals;
        private final long afterId;
        private final Consumer<JsonNode> sink;

        Page(String stream, List<Long> deals, long afterId, Consumer<JsonNode> sink) {
            this.stream = stream;
            this.deals = deals;
            this.afterId = afterId;
            this.sink = sink;
        }

        @Override
        public String method() {
            return METHOD;
        }

        @Override
        public ObjectNode params() {
            ObjectNode p = F.objectNode();
            ObjectNode filter = p.putObject("filter");
            filter.put("=ownerType", "D");
            if (deals.size() == 1) {
                filter.put("=ownerId", deals.get(0));
            } else {
                ArrayNode ids = filter.putArray("=ownerId");
                deals.forEach(ids::add);
            }
            filter.put(">id", afterId);
            p.putObject("order").put("id", "asc");
            p.put("start", -1);
            return p;
        }

        @Override
        public List<SubCallQueue.Call> done(SubResult result) {
            JsonNode page = result.result() == null ? null : result.result().get("productRows");
            if (page == null || !page.isArray()) {
                return List.of();
            }
            Set<Long> asked = new HashSet<>(deals);
            for (JsonNode row : page) {
                JsonNode owner = row.get("ownerId");
                if (owner == null || !asked.contains(owner.asLong(-1))) {
                    if (deals.size() == 1) {
                        throw new IllegalStateException(METHOD + " returned a row of deal " + owner + " when asked for deal "
                                + deals.get(0) + "; stream " + stream + " cannot tell whose rows these are");
                    }
                    return oneDealPerCallFromNowOn("a row of a deal not asked for (" + owner + ")");
                }
            }
            if (!page.isEmpty()) {
                sink.accept(page);
            }
            if (page.size() < ListDialect.PAGE_SIZE) {
                return List.of();
            }
            long last = RowIds.of(page.get(page.size() - 1), "id");
            if (last <= afterId) {
                throw new IllegalStateException(METHOD + " ignored the >id filter; stream " + stream
                        + " cannot page product rows");
            }
            return List.of(new Page(stream, deals, last, sink));
        }

        @Override
        public List<SubCallQueue.Call> failed(SubResult result) {
            if (deals.size() > 1 && result.error() != null && result.error().kind() == BitrixErrorKind.API) {
                return oneDealPerCallFromNowOn(result.error().code() + " " + result.error().getMessage());
            }
            return null;
        }

        private List<SubCallQueue.Call> oneDealPerCallFromNowOn(String why) {
            if (!oneDealPerCall) {
                LOG.warning(() -> "stream " + stream + ": " + METHOD + " did not honour an array of deal IDs in"
                        + " =ownerId (" + why + "); asking one deal per sub-call, 50 per request");
            }
            oneDealPerCall = true;
            List<SubCallQueue.Call> single = new ArrayList<>(deals.size());
            for (long deal : deals) {
                single.add(new Page(stream, List.of(deal), afterId, sink));
            }
            return single;
        }
    }
}
