package io.github.tapbitrix24.extract.paging;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.extract.spi.PrefetchedCalls;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.streams.StreamSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Small dictionaries read whole with {@code start} offsets: department.get, crm.type.list,
 * crm.status.list (bitrix24-api.md §6.3, §6.5, §6.13; §8 step 6). The first page is one call; when
 * it reports a {@code total} beyond it, every remaining offset goes into one batch (50 pages per
 * HTTP request), otherwise {@code next} is followed. These methods cannot filter by ID, so there is
 * no keyset; rows seen twice (a shift between pages) are dropped by ID.
 *
 * <p>A page whose result is not a list of rows is retried, then fails the run naming the method.
 * A {@code next} that does not move forward (the same offset again, or a smaller one) would loop
 * for ever: it ends the run with an error. The fan-out by {@code total} is bounded, so an absurd
 * total cannot make the tap build millions of sub-calls; past the bound, {@code next} is followed.
 */
public final class OffsetPagedReader implements StreamReader {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Rows the {@code total} fan-out may cover: 500 batch requests of 50 pages; beyond, {@code next} is followed. */
    static final long MAX_FAN_OUT_ROWS = 500L * ListDialect.PAGE_SIZE * ListDialect.PAGE_SIZE;

    private final BitrixApi api;
    private final Sleeper sleeper;
    private final Function<JsonNode, JsonNode> rowsOf;
    private final Function<ObjectNode, ObjectNode> withOrder;

    /**
     * @param rowsOf    where the rows are in {@code result}
     * @param withOrder adds the family's ID ordering to the parameters
     */
    OffsetPagedReader(BitrixApi api, Sleeper sleeper, Function<JsonNode, JsonNode> rowsOf,
                      Function<ObjectNode, ObjectNode> withOrder) {
        this.api = api;
        this.sleeper = sleeper;
        this.rowsOf = rowsOf;
        this.withOrder = withOrder;
    }

    /** department.get: {@code sort}/{@code order} strings, rows = result (D:api-reference/departments/department-get.md). */
    public static OffsetPagedReader departments(BitrixApi api, Sleeper sleeper) {
        return new OffsetPagedReader(api, sleeper, r -> r, p -> p.put("sort", "ID").put("order", "ASC"));
    }

    /** crm.type.list: rows in {@code result.types} (D:api-reference/crm/universal/user-defined-object-types/crm-type-list.md). */
    public static OffsetPagedReader types(BitrixApi api, Sleeper sleeper) {
        return new OffsetPagedReader(api, sleeper, r -> r == null ? null : r.get("types"),
                p -> { p.putObject("order").put("id", "ASC"); return p; });
    }

    /** crm.status.list: rows = result; usually one page (D:api-reference/crm/status/crm-status-list.md). */
    public static OffsetPagedReader statuses(BitrixApi api, Sleeper sleeper) {
        return new OffsetPagedReader(api, sleeper, r -> r, p -> { p.putObject("order").put("ID", "ASC"); return p; });
    }


    @Override
    public Optional<PrefetchedCalls.Call> firstCall(StreamSpec spec) {
        return Optional.of(new PrefetchedCalls.Call(spec.method(), params(spec, 0)));
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        String method = plan.spec().method();
        String idField = plan.spec().idField() == null ? "ID" : plan.spec().idField();
        Set<String> seen = new HashSet<>();
        Envelope page = call(plan, method, 0);
        emit(page.result(), idField, seen, out);
        Integer next = page.next();
        if (next != null && page.total() > next && page.total() - next <= MAX_FAN_OUT_ROWS) {
            List<BatchCommand> rest = new ArrayList<>();
            for (long start = next; start < page.total(); start += ListDialect.PAGE_SIZE) {
                rest.add(new BatchCommand("o" + start, method, params(plan.spec(), start)));
            }
            BatchResult results = batch(plan, rest);
            for (SubResult r : results.results()) {
                JsonNode result = r.ok() && rowsOf.apply(r.result()) != null && rowsOf.apply(r.result()).isArray()
                        ? r.result() : call(plan, method, Long.parseLong(r.key().substring(1))).result();
                emit(result, idField, seen, out);
            }
        } else {
            int previous = 0;
            while (next != null) {
                if (next <= previous) {
                    throw new BitrixException(BitrixErrorKind.MALFORMED_RESPONSE, method, "", 0, "stream "
                            + plan.name() + ": " + method + " answered next=" + next + " after offset " + previous
                            + ", which does not move forward; stopping instead of reading the same rows for ever",
                            null, null);
                }
                previous = next;
                page = call(plan, method, next);
                emit(page.result(), idField, seen, out);
                next = page.next();
            }
        }
        out.complete(null);
    }

    private ObjectNode params(StreamSpec spec, long start) {
        ObjectNode p = withOrder.apply(spec.fixedParams().deepCopy());
        p.put("start", start);
        return p;
    }

    /** One page; a result that is not a list of rows is retried, then fails the run. */
    private Envelope call(StreamPlan plan, String method, long start) {
        int attempts = 0;
        while (true) {
            Envelope page = StreamCalls.call(api, plan.name(), method, params(plan.spec(), start));
            JsonNode rows = rowsOf.apply(page.result());
            if (rows != null && rows.isArray()) {
                return page;
            }
            SubResult failed = StreamCalls.malformed(new SubResult("o" + start, method, page.result(), page.next(),
                    page.total(), page.time(), null), "a page that is not a list of rows");
            attempts = StreamCalls.backOff(sleeper, plan.name(), failed, attempts, "asking again");
        }
    }

    private BatchResult batch(StreamPlan plan, List<BatchCommand> commands) {
        return StreamCalls.batch(api, plan.name(), commands);
    }

    private void emit(JsonNode result, String idField, Set<String> seen, StreamOutput out) {
        JsonNode rows = rowsOf.apply(result);
        ArrayNode fresh = F.arrayNode(rows.size());
        for (JsonNode row : rows) {
            JsonNode id = row.get(idField);
            if (id == null || seen.add(id.asString())) {
                fresh.add(row);
            }
        }
        out.rows(fresh, r -> true);
    }
}
