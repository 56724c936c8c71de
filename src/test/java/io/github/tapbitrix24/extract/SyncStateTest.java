package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.extract.state.SyncState;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The run's Singer state as read from the incoming state file and written in every STATE message:
 * what passes through, what is ignored, and what a stream's new position keeps.
 */
class SyncStateTest {
    private static final JsonMapper M = JsonMapper.shared();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static JsonNode json(String s) {
        return M.readTree(s.replace('\'', '"'));
    }

    @Test
    void aStateFileOfTheTapsOwnShapePassesThroughWhole() {
        String in = "{'bookmarks':{'leads':{'replication_key':'DATE_MODIFY','replication_key_value':'2024-09-02T10:00:00Z'}},"
                + "'currently_syncing':'leads','portal_offset':'+03:00'}";
        SyncState s = SyncState.from(json(in));
        assertEquals(json(in), s.toJson());
        assertEquals(Optional.of("leads"), s.currentlySyncing());
        assertEquals(Optional.of(ZoneOffset.ofHours(3)), s.portalOffset().get());
    }

    @Test
    void aWholeStateMessageAsSomeRunnersSaveItIsReadByItsValue() {
        SyncState s = SyncState.from(json("{'type':'STATE','value':{'bookmarks':{'deals':{'last_id':7}}}}"));
        assertEquals(json("{'bookmarks':{'deals':{'last_id':7}}}"), s.toJson());
        assertEquals(7L, s.bookmark("deals").lastId());
    }

    @Test
    void aStateWhoseBookmarksKeyIsPresentIsNotMistakenForAStateMessage() {
        SyncState s = SyncState.from(json("{'bookmarks':{'deals':{'last_id':3}},'value':{'bookmarks':{'x':{}}}}"));
        assertEquals(json("{'bookmarks':{'deals':{'last_id':3}}}"), s.toJson());
    }

    @Test
    void nothingOrWronglyTypedPartsGiveAnEmptyStateWithoutCurrentStreamOrOffset() {
        for (JsonNode in : new JsonNode[] {null, json("{}"), json("[]"), json("'text'"),
                json("{'bookmarks':[],'currently_syncing':5,'portal_offset':'not an offset'}"),
                json("{'type':'STATE','value':'x'}"), json("{'portal_offset':180}")}) {
            SyncState s = SyncState.from(in);
            assertEquals(json("{'bookmarks':{}}"), s.toJson(), String.valueOf(in));
            assertEquals(Optional.empty(), s.currentlySyncing());
            assertEquals(Optional.empty(), s.portalOffset().get());
        }
    }

    @Test
    void theIncomingStateIsCopiedSoLaterChangesDoNotAlterIt() {
        JsonNode in = json("{'bookmarks':{'leads':{'last_id':1}}}");
        SyncState s = SyncState.from(in);
        s.put("leads", StreamBookmark.empty("DATE_MODIFY").progress(null, null, 9));
        assertEquals(json("{'bookmarks':{'leads':{'last_id':1}}}"), in);
        JsonNode message = s.toJson();
        s.put("leads", StreamBookmark.empty("DATE_MODIFY").progress(null, null, 10));
        assertEquals(9, message.path("bookmarks").path("leads").path("last_id").asInt(), "a STATE already handed out");
    }

    @Test
    void aNewPositionKeepsTheTableVersionEntriesAndTheDeletionSweep() {
        SyncState s = SyncState.from(json("{'bookmarks':{'deals':{'last_id':1,'version':42,"
                + "'initial_full_table_complete':true,'deletion_sweep':{'ids':[1,2]}}}}"));
        s.put("deals", StreamBookmark.empty("ID").progress(null, null, 5));
        assertEquals(json("{'replication_key':'ID','last_id':5,'version':42,'initial_full_table_complete':true,"
                + "'deletion_sweep':{'ids':[1,2]}}").toString(), s.toJson().path("bookmarks").path("deals").toString());
        s.put("leads", StreamBookmark.empty("ID").progress(null, null, 2));
        assertEquals("{\"replication_key\":\"ID\",\"last_id\":2}", s.toJson().path("bookmarks").path("leads").toString());
    }

    @Test
    void aTableVersionIsKeptUntilTheFullTableReadFinishesThenOnlyTheCompletionMarkStays() {
        SyncState s = SyncState.from(null);
        assertEquals(Optional.empty(), s.tableVersion("users"));
        assertFalse(s.initialFullTableComplete("users"));
        s.tableVersion("users", 1725270000000L);
        s.put("users", StreamBookmark.empty(null).progress(null, null, 50));
        assertEquals(Optional.of(1725270000000L), s.tableVersion("users"));
        assertFalse(s.initialFullTableComplete("users"));
        s.finishTableVersion("users");
        assertEquals(Optional.empty(), s.tableVersion("users"));
        assertTrue(s.initialFullTableComplete("users"));
        assertEquals(json("{'initial_full_table_complete':true}"), s.toJson().path("bookmarks").path("users"));
    }

    @Test
    void aVersionThatIsNotAnIntegerIsNoVersion() {
        SyncState s = SyncState.from(json("{'bookmarks':{'users':{'version':'42','initial_full_table_complete':'yes'}}}"));
        assertEquals(Optional.empty(), s.tableVersion("users"));
        assertFalse(s.initialFullTableComplete("users"));
    }

    @Test
    void theDeletionSweepIsReplacedWithoutTouchingThePosition() {
        SyncState s = SyncState.from(json("{'bookmarks':{'deals':{'last_id':4}}}"));
        assertEquals(Optional.empty(), s.deletionSweep("deals"));
        s.deletionSweep("deals", F.objectNode().put("count", 3));
        s.deletionSweep("leads", F.objectNode().put("count", 1));
        assertEquals(json("{'last_id':4,'deletion_sweep':{'count':3}}"), s.toJson().path("bookmarks").path("deals"));
        assertEquals(Optional.of(json("{'count':1}")), s.deletionSweep("leads"));
    }

    @Test
    void theCurrentStreamAndALearnedOffsetAreWrittenAndARemovedStreamIsGone() {
        SyncState s = SyncState.from(json("{'bookmarks':{'leads':{'last_id':1},'deals':{'last_id':2}}}"));
        s.currentlySyncing("deals");
        s.portalOffset().learn(ZoneOffset.ofHours(-5));
        s.remove("leads");
        assertEquals(json("{'bookmarks':{'deals':{'last_id':2}},'currently_syncing':'deals','portal_offset':'-05:00'}"),
                s.toJson());
        s.currentlySyncing(null);
        assertFalse(s.toJson().has("currently_syncing"));
    }
}
