package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.paging.KeysetStreamReader;
import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.PortalTime;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.extract.state.SyncState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class StreamBookmarkTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void progressKeepsTheLastCompletedValueUntilTheScanCompletes() {
        StreamBookmark b = StreamBookmark.empty("DATE_MODIFY").complete(F.stringNode("2024-01-01T00:00:00+03:00"));
        StreamBookmark p = b.progress(F.stringNode("2024-01-01T00:00:00+03:00"), F.stringNode("2024-02-01T00:00:00+03:00"), 77);

        assertTrue(p.inProgress());
        assertEquals("2024-01-01T00:00:00+03:00", p.value().asString());
        StreamBookmark done = p.complete(p.nextValue());
        assertFalse(done.inProgress());
        assertEquals("2024-02-01T00:00:00+03:00", done.value().asString());
        assertNull(done.windowStart());
    }

    @Test
    void roundTripsThroughJson() {
        StreamBookmark p = StreamBookmark.empty("DATE_MODIFY")
                .progress(F.stringNode("2024-01-01T00:00:00+03:00"), F.stringNode("2024-02-01T00:00:00+03:00"), 77);
        String json = p.toJson().toString();
        assertEquals("{\"replication_key\":\"DATE_MODIFY\",\"window_start\":\"2024-01-01T00:00:00+03:00\","
                + "\"next_replication_key_value\":\"2024-02-01T00:00:00+03:00\",\"last_id\":77}", json);
        assertEquals(p, StreamBookmark.fromJson(JSON.readTree(json)));
    }

    @Test
    void stateKeepsBookmarksOfStreamsNotSyncedAndCopiesOnEachMessage() {
        SyncState s = SyncState.from(JSON.readTree("{\"bookmarks\":{\"leads\":{\"replication_key\":\"DATE_MODIFY\","
                + "\"replication_key_value\":\"2024-01-01T00:00:00+03:00\"}},\"currently_syncing\":\"deals\"}"));
        assertEquals("deals", s.currentlySyncing().orElseThrow());
        ObjectNode before = s.toJson();
        s.put("deals", StreamBookmark.empty(null).progress(null, null, 5));
        assertEquals(5, s.toJson().get("bookmarks").get("deals").get("last_id").asLong());
        assertTrue(s.toJson().get("bookmarks").has("leads"));
        assertFalse(before.get("bookmarks").has("deals"), "an emitted state is not changed afterwards");
    }

    @Test
    void emptyOrMissingStateStartsFromNothing() {
        assertFalse(SyncState.from(null).bookmark("deals").inProgress());
        assertNull(SyncState.from(JSON.readTree("{}")).bookmark("deals").value());
    }

    @Test
    void windowStartGoesToTheServerInThePortalsOffsetAndIsWidenedWhenThatIsUnknown() {
        OffsetDateTime start = OffsetDateTime.parse("2024-09-02T01:00:00Z");
        PortalOffset known = new PortalOffset();
        known.learn(OffsetDateTime.parse("2024-09-02T10:00:00-05:00"));
        assertEquals("2024-09-01T20:00:00-05:00", KeysetStreamReader.serverValue(start, false, known));
        assertEquals("2024-09-02T01:00:00+00:00", KeysetStreamReader.serverValue(start, true, new PortalOffset()));
        assertEquals("2024-09-01T01:00:00+00:00", KeysetStreamReader.serverValue(start, false, new PortalOffset()));
        assertEquals("2024-09-02T04:00:00+03:00",
                PortalTime.format(start.toInstant(), ZoneOffset.ofHours(3)));
    }
}
