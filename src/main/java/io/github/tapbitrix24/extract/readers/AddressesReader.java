package io.github.tapbitrix24.extract.readers;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.extract.paging.KeysetPager;
import io.github.tapbitrix24.extract.paging.ListDialect;
import io.github.tapbitrix24.extract.paging.StreamCalls;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code addresses} stream. Addresses have no ID and no modification time; the key is the owner
 * ({@code ENTITY_TYPE_ID}, {@code ENTITY_ID}) and the address type ({@code TYPE_ID}), and the list
 * filters and orders on every field (D:api-reference/crm/requisites/addresses/crm-address-list.md).
 * Offset paging would count and re-sort the whole table on every page, so the owners are the keyset
 * instead: per owner type (leads 1, contacts 3, companies 4 in old portals, requisites 8: "Addresses
 * can only be linked to Details ... or Leads", same page), {@code order {ENTITY_ID: ASC}},
 * {@code >=ENTITY_ID} the last owner seen, {@code start=-1}, 50 chained sub-calls per request like
 * {@link KeysetPager} (2,500 rows). The bound is inclusive because one owner's addresses (one per
 * type, a handful) may straddle two pages: the last owner is read again whole and its rows already
 * written are dropped by type.
 *
 * <p>Full table, resumable: after each request the STATE holds {@code {"window_start": T, "last_id": O}}:
 * every address of the owner types listed before {@code T}, and of type {@code T} with owners up to
 * {@code O}, is written (the owner a page ends in may continue on the next page, so the position is
 * the owner before it). A killed run resumes with {@code >=ENTITY_ID O+1} of type {@code T}.
 */
public final class AddressesReader implements StreamReader {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Owner types addresses may belong to (same page). */
    static final List<Integer> OWNER_TYPES = List.of(1, 3, 4, 8);
    private static final String OWNER = "ENTITY_ID";
    private static final ListDialect DIALECT = new ListDialect(null, ListDialect.OrderStyle.OBJECT, "filter", "select",
            OWNER, null);
    private static final String RETRY = "retrying from the last owner";

    private final BitrixApi api;
    private final Sleeper sleeper;

    public AddressesReader(BitrixApi api, Sleeper sleeper) {
        this.api = api;
        this.sleeper = sleeper;
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        boolean resumed = bookmark.inProgress() && bookmark.windowStart() != null
                && OWNER_TYPES.contains(bookmark.windowStart().asInt(-1));
        int resumeType = resumed ? bookmark.windowStart().asInt() : OWNER_TYPES.get(0);
        long resumeAfter = resumed ? Math.max(0, bookmark.lastId()) : 0L;
        List<Integer> types = OWNER_TYPES.subList(OWNER_TYPES.indexOf(resumeType), OWNER_TYPES.size());
        // the first page of every owner type left in one request; most types end there
        List<BatchCommand> first = new ArrayList<>();
        for (int type : types) {
            first.add(command(plan, "t" + type, type, type == resumeType ? resumeAfter + 1 : 0L));
        }
        for (SubResult r : StreamCalls.batch(api, plan.name(), first).results()) {
            int type = Integer.parseInt(r.key().substring(1));
            Owners owners = new Owners(plan.name(), plan.spec().method(), type == resumeType ? resumeAfter + 1 : 0L);
            if (!r.ok()) {
                readOwnerType(plan, type, owners, 1, out);
            } else if (owners.write(DIALECT.rows(r.result()), out)) {
                checkpoint(type, owners, out);
                readOwnerType(plan, type, owners, KeysetPager.MAX_COMMANDS, out);
            }
            int next = OWNER_TYPES.indexOf(type) + 1;
            if (next < OWNER_TYPES.size()) {
                out.checkpoint(position(OWNER_TYPES.get(next), 0));
            }
        }
        out.complete(null);
    }

    /** Every owner before the last one seen is complete: a page may end inside the last one's addresses. */
    private static void checkpoint(int type, Owners owners, StreamOutput out) {
        out.checkpoint(position(type, Math.max(0, owners.last - 1)));
    }

    private static StreamBookmark position(int type, long lastOwner) {
        return new StreamBookmark(null, null, JsonNodeFactory.instance.numberNode(type), null, lastOwner);
    }

    private static BatchCommand command(StreamPlan plan, String key, int ownerType, Object bound) {
        ObjectNode filter = F.objectNode().put("ENTITY_TYPE_ID", ownerType);
        if (bound instanceof Long l) {
            filter.put(">=" + OWNER, l);
        } else {
            filter.put(">=" + OWNER, (String) bound);
        }
        return new BatchCommand(key, plan.spec().method(),
                DIALECT.params(plan.spec().fixedParams(), List.of(), filter, OWNER, true));
    }

    /** Reads one owner type on from {@code owners}' last owner, {@code pages} chained sub-calls per request. */
    private void readOwnerType(StreamPlan plan, int ownerType, Owners owners, int pages, StreamOutput out) {
        int attempts = 0;
        while (true) {
            List<BatchCommand> cmds = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                cmds.add(command(plan, "a" + i, ownerType, i == 0 ? (Object) owners.last : DIALECT.lastIdReference("a" + (i - 1))));
            }
            SubResult failed = null;
            long before = owners.last;
            for (SubResult page : StreamCalls.batch(api, plan.name(), cmds).results()) {
                if (!page.ok()) {
                    failed = page;
                    break;
                }
                if (!owners.write(DIALECT.rows(page.result()), out)) {
                    return;
                }
            }
            checkpoint(ownerType, owners, out);
            if (failed != null) {
                attempts = owners.last > before ? 0 : attempts;
                attempts = StreamCalls.backOff(sleeper, plan.name(), failed, attempts, RETRY);
            } else {
                attempts = 0;
                pages = KeysetPager.MAX_COMMANDS;
            }
        }
    }

    /** The keyset position of one owner type: the last owner and the address types of it already written. */
    private static final class Owners {
        private final String stream;
        private final String method;
        private long last;
        private final Set<String> lastTypes = new HashSet<>();

        Owners(String stream, String method, long from) {
            this.stream = stream;
            this.method = method;
            this.last = from;
        }

        /** Writes the rows not written yet; true when the page was full (more may follow). */
        boolean write(JsonNode rows, StreamOutput out) {
            ArrayNode fresh = F.arrayNode();
            for (JsonNode row : rows) {
                long owner = RowIds.of(row, OWNER);
                if (owner < last) {
                    throw new IllegalStateException(method + " ignored the >=" + OWNER + " filter; stream " + stream
                            + " cannot page addresses");
                }
                if (owner > last) {
                    last = owner;
                    lastTypes.clear();
                }
                if (lastTypes.add(row.path("TYPE_ID").asString(""))) {
                    fresh.add(row);
                }
            }
            out.rows(fresh, r -> true);
            boolean full = rows.size() >= ListDialect.PAGE_SIZE;
            if (full && fresh.isEmpty()) {
                throw new IllegalStateException("stream " + stream + ": a full page of owner " + last
                        + "'s addresses held nothing new; more than 50 addresses of one owner cannot be paged");
            }
            return full;
        }
    }
}
