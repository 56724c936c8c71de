package io.github.tapbitrix24.extract.children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.extract.ScriptedApi;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A child stream fed with parent IDs: every row its fetcher returns goes out, and it is charged
 * exactly the requests and sub-commands made during its own fetches (the parent's, interleaved
 * on the same client, are not its), also when a fetch fails.
 */
class ChildFollowerTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ScriptedApi api = new ScriptedApi(commands -> new BatchResult(List.of()));
    private final List<JsonNode> written = new ArrayList<>();
    private final StreamOutput out = new StreamOutput() {
        @Override
        public void rows(JsonNode rows, Predicate<JsonNode> keep) {
            rows.forEach(r -> {
                if (keep.test(r)) {
                    written.add(r);
                }
            });
        }

        @Override
        public void checkpoint(StreamBookmark bookmark) {
        }

        @Override
        public void complete(StreamBookmark bookmark) {
        }

        @Override
        public PortalOffset portalOffset() {
            return new PortalOffset();
        }
    };

    private void parentPage() {
        api.batch(List.of(new BatchCommand("p", "crm.deal.list", F.objectNode())));
    }

    /** One batch of one command per parent ID; one row per parent ID. */
    private final DealChildFetcher fetcher = (stream, ids, rows) -> {
        List<BatchCommand> commands = new ArrayList<>();
        ids.forEach(id -> commands.add(new BatchCommand("c" + id, "crm.deal.productrows.get", F.objectNode())));
        api.batch(commands);
        rows.accept(F.arrayNode().addAll(ids.stream().map(id -> (JsonNode) F.objectNode().put("OWNER_ID", id)).toList()));
    };

    @Test
    void everyRowOfTheParentsGoesOutAndOnlyTheChildsOwnRequestsAreCharged() {
        ChildFollower child = new ChildFollower("deal_products", fetcher, out, api, () -> 0);
        parentPage();
        child.fetch(List.of(1L, 2L, 3L));
        parentPage();
        parentPage();
        child.fetch(List.of(4L, 5L));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), written.stream().map(r -> r.get("OWNER_ID").asLong()).toList());
        assertEquals(2, child.httpRequests());
        assertEquals(5, child.subCommands());
        assertTrue(child.nanos() > 0, "the time of its fetches is counted");
        assertEquals("deal_products", child.stream());
        assertNull(child.skipped());
    }

    @Test
    void aFailedFetchIsStillCharged() {
        DealChildFetcher failing = (stream, ids, rows) -> {
            fetcher.fetch(stream, ids, rows);
            throw new IllegalStateException("portal refused");
        };
        ChildFollower child = new ChildFollower("deal_comments", failing, out, api, () -> 0);
        assertThrows(IllegalStateException.class, () -> child.fetch(List.of(7L, 8L)));
        assertEquals(1, child.httpRequests());
        assertEquals(2, child.subCommands());
    }

    @Test
    void aSkippedChildSaysWhy() {
        ChildFollower child = new ChildFollower("deal_comments", fetcher, out, api, () -> 0);
        child.skip("the webhook lacks the crm scope");
        assertEquals("the webhook lacks the crm scope", child.skipped());
        assertEquals(out, child.out());
    }
}
