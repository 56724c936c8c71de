package io.github.tapbitrix24.extract.readers;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.extract.paging.KeysetPager;
import io.github.tapbitrix24.extract.paging.ListDialect;
import io.github.tapbitrix24.extract.paging.SubCallQueue;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams read with one call per workgroup ({@link io.github.tapbitrix24.streams.ListApi#PER_WORKGROUP}):
 * {@code workgroup_members} ({@code sonet_group.user.get}, one group {@code ID} per call, every member
 * in one answer; D:api-reference/sonet-group/members/sonet-group-user-get.md) and {@code task_stages}
 * ({@code task.stages.get}, one {@code entityId} per call, the stages as a map keyed by stage ID;
 * {@code entityId 0} is the webhook user's "My plan"; D:api-reference/tasks/stages/task-stages-get.md).
 * Neither method takes a list of groups, so the calls go 50 to a {@code batch} request.
 *
 * <p>The group IDs come from a keyset scan of the parent ({@code sonet_group.get}, IDs only). FULL_TABLE,
 * resumable: after each request the state holds the last group whose rows are all written.
 * A group the webhook may not read (or one deleted since it was listed) is skipped with a warning.
 */
public final class PerWorkgroupReader implements StreamReader {
    private static final Logger LOG = Logger.getLogger(PerWorkgroupReader.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String MEMBERS = "sonet_group.user.get";
    static final String STAGES = "task.stages.get";
    /** The "My plan" stages of the webhook's user (task.stages.get entityId 0). */
    private static final long MY_PLAN = 0;

    private final KeysetPager pager;
    private final SubCallQueue queue;

    public PerWorkgroupReader(BitrixApi api, Sleeper sleeper) {
        this.pager = new KeysetPager(api, sleeper);
        this.queue = new SubCallQueue(api, sleeper);
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        long after = bookmark.inProgress() ? bookmark.lastId() : -1;
        List<Long> groups = new ArrayList<>();
        if (plan.spec().method().equals(STAGES) && after < MY_PLAN) {
            groups.add(MY_PLAN);
        }
        groupIds(plan, Math.max(after, 0), groups);
        StreamBookmark none = StreamBookmark.empty(null);
        for (int from = 0; from < groups.size(); from += KeysetPager.MAX_COMMANDS) {
            List<Long> chunk = groups.subList(from, Math.min(groups.size(), from + KeysetPager.MAX_COMMANDS));
            List<SubCallQueue.Call> calls = new ArrayList<>(chunk.size());
            for (long group : chunk) {
                calls.add(new GroupCall(plan.name(), plan.spec().method(), plan.spec().fixedParams(), group, out));
            }
            queue.run(plan.name(), calls);
            out.checkpoint(none.progress(null, null, chunk.get(chunk.size() - 1)));
        }
        out.complete(null);
    }

    /** Every workgroup ID above {@code after}, ascending, from the parent's keyset scan. */
    private void groupIds(StreamPlan plan, long after, List<Long> into) {
        StreamPlan parent = plan.parent().orElseThrow(() -> new IllegalStateException(
                "stream " + plan.name() + " is read per workgroup but has no parent plan"));
        ListDialect dialect = ListDialect.forApi(parent.spec().api(), parent.spec().idField()).orElseThrow();
        KeysetPager.Scan scan = new KeysetPager.Scan(plan.name(), parent.spec().method(), dialect,
                parent.spec().fixedParams(), List.of(dialect.idField()), parent.filter());
        pager.scan(scan, after, null, new KeysetPager.Sink() {
            @Override
            public void rows(JsonNode rows) {
                rows.values().forEach(r -> into.add(RowIds.of(r, dialect.idField())));
            }

            @Override
            public void checkpoint(long lastId) {
            }
        });
    }

    private record GroupCall(String stream, String method, ObjectNode fixedParams, long group, StreamOutput out)
            implements SubCallQueue.Call {
        @Override
        public ObjectNode params() {
            ObjectNode p = fixedParams.deepCopy();
            p.put(method.equals(STAGES) ? "entityId" : "ID", group);
            return p;
        }

        @Override
        public List<SubCallQueue.Call> done(SubResult result) {
            out.rows(rows(result.result()), r -> true);
            return List.of();
        }

        /**
         * Members come as an array and get their GROUP_ID; stages as a map by stage ID (PHP {@code []} when
         * none). Any other answer is malformed and ends the run rather than pass for a group without rows.
         */
        private ArrayNode rows(JsonNode result) {
            ArrayNode rows = F.arrayNode();
            if (result == null || !(result.isArray() || (result.isObject() && method.equals(STAGES)))) {
                throw new IllegalStateException("stream " + stream + ": " + method + " answered workgroup " + group
                        + " with " + (result == null ? "nothing" : "a " + result.getNodeType()) + " instead of its list");
            }
            for (JsonNode row : result.values()) {
                if (row.isObject()) {
                    ObjectNode r = rows.addObject();
                    if (method.equals(MEMBERS)) {
                        r.put("GROUP_ID", group);
                    }
                    r.setAll((ObjectNode) row);
                }
            }
            return rows;
        }

        @Override
        public List<SubCallQueue.Call> failed(SubResult result) {
            if (result.error() == null || result.error().kind().retryable()
                    || result.error().kind() == BitrixErrorKind.INSUFFICIENT_SCOPE
                    || result.error().kind() == BitrixErrorKind.METHOD_NOT_FOUND) {
                return null; // retried, or the whole stream is unavailable
            }
            LOG.warning(() -> "stream " + stream + ": " + method + " refused workgroup " + group + " ("
                    + result.error().getMessage() + "); its rows are left out");
            return List.of();
        }
    }
}
