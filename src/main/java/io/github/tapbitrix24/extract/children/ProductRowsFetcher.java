package io.github.tapbitrix24.extract.children;

import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.extract.paging.KeysetPager;
import io.github.tapbitrix24.extract.paging.ListDialect;
import io.github.tapbitrix24.extract.paging.SubCallQueue;
import io.github.tapbitrix24.extract.state.RowIds;
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
 * Product rows of one owner type (deals {@code D}, leads {@code L}, quotes {@code Q}, smart
 * invoices {@code SI}, smart processes {@code T}+hex entityTypeId) from {@code crm.item.productrow.list}
 * with {@code =ownerType} and an array of up to 50 owner IDs in {@code =ownerId} ("= equals (works with arrays as well)",
 * D:api-reference/crm/universal/product-rows/crm-item-productrow-list.md; bitrix24-api.md §6.8, §8
 * step 4), 50 such sub-calls per request. Each sub-call pages by keyset: {@code order {id: asc}},
 * {@code >id} the last row seen (the page documents {@code >} on {@code id}), {@code start=-1}; a
 * full page of 50 asks for the next one in the following request.
 *
 * <p>How many deals share a sub-call adapts to the rows per deal seen so far in this read, so that a
 * group's rows mostly fit in one page: a group of 50 deals with two rows each costs three sub-calls
 * (50, 50 and an almost empty page), twenty such deals one. And it is sized per fetch so that the
 * fetch's sub-calls fill whole requests: each fetch (one checkpoint's parents) ends in its own
 * request, so {@code n} deals expected to hold {@code E} rows get {@code ceil(E / 2,000)} requests of
 * 50 sub-calls, the deals spread evenly over them, instead of groups of the target size and a last
 * request that is mostly empty.
 *
 * <p>One version of that docs page instead says that only {@code @id} takes an array and that an
 * array elsewhere is ignored like an unsupported condition. So the answer is checked: a page
 * holding a row of a deal that was not asked for means the array was not honoured, and so does
 * an API error on the array form; the fetcher then asks one deal per sub-call (still 50 deals per
 * request) for the rest of the read, and nothing from the untrusted page is written.
 */
public final class ProductRowsFetcher implements DealChildFetcher {
    private static final Logger LOG = Logger.getLogger(ProductRowsFetcher.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    public static final String METHOD = "crm.item.productrow.list";
    /** Most deals per sub-call: the largest IN list the tap sends anywhere (bitrix24-api.md §2.4). */
    static final int MAX_DEALS_PER_CALL = 50;
    /** Rows a group is sized for: below a page, so that most groups need no second page. */
    static final int TARGET_ROWS_PER_CALL = 40;
    /** Deals per sub-call before any row was seen: two rows per deal assumed. */
    static final int FIRST_DEALS_PER_CALL = TARGET_ROWS_PER_CALL / 2;

    private final SubCallQueue queue;
    private final String ownerType;
    private boolean oneDealPerCall;
    private long dealsRead;
    private long rowsRead;

    /** @param ownerType the owners' short type code in {@code =ownerType} */
    ProductRowsFetcher(SubCallQueue queue, String ownerType) {
        this.queue = queue;
        this.ownerType = ownerType;
    }

    @Override
    public void fetch(String stream, List<Long> dealIds, Consumer<JsonNode> rows) {
        List<SubCallQueue.Call> calls = new ArrayList<>();
        int step = dealsPerCall(dealIds.size());
        Consumer<JsonNode> counting = page -> {
            rowsRead += page.size();
            rows.accept(page);
        };
        for (int from = 0; from < dealIds.size(); from += step) {
            calls.add(new Page(stream, List.copyOf(dealIds.subList(from, Math.min(dealIds.size(), from + step))),
                    0, counting));
        }
        queue.run(stream, calls);
        dealsRead += dealIds.size();
    }

    /** Deals per sub-call for a fetch of {@code deals} deals: whole requests, each sub-call near the target rows. */
    int dealsPerCall(int deals) {
        if (oneDealPerCall) {
            return 1;
        }
        double perDeal = dealsRead == 0 ? (double) TARGET_ROWS_PER_CALL / FIRST_DEALS_PER_CALL
                : Math.max((double) rowsRead / dealsRead, 0.01);
        long requests = Math.max(1, (long) Math.ceil(deals * perDeal / (TARGET_ROWS_PER_CALL * KeysetPager.MAX_COMMANDS)));
        long step = (long) Math.ceil((double) deals / (requests * KeysetPager.MAX_COMMANDS));
        return (int) Math.max(1, Math.min(MAX_DEALS_PER_CALL, step));
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
            filter.put("=ownerType", ownerType);
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
        public boolean isPage(JsonNode result) {
            return result != null && result.path("productRows").isArray();
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
                        throw new IllegalStateException(METHOD + " returned a row of owner " + owner + " when asked for "
                                + ownerType + " " + deals.get(0) + "; stream " + stream + " cannot tell whose rows these are");
                    }
                    return oneDealPerCallFromNowOn("a row of an owner not asked for (" + owner + ")");
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
                LOG.warning(() -> "stream " + stream + ": " + METHOD + " did not honour an array of owner IDs in"
                        + " =ownerId (" + why + "); asking one owner per sub-call, 50 per request");
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
