package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * "No child behind its parent", checked over every STATE a run wrote (docs/children.md): whichever
 * STATE a kill leaves last, a resumed run reads the children from no later than the deals.
 */
final class ChildPositions {
    private ChildPositions() {
    }

    /**
     * In every STATE: a deal position in progress is matched or passed by each child's in the same
     * window, and a completed deals window is completed by each child too.
     *
     * @return how many STATEs had the deals in progress
     */
    static int assertNoChildBehindTheDeals(SyncHarness.Run run, List<String> children) {
        int inProgress = 0;
        int states = 0;
        for (JsonNode m : run.messages()) {
            if (!m.path("type").asString("").equals("STATE")) {
                continue;
            }
            states++;
            JsonNode bookmarks = m.get("value").path("bookmarks");
            JsonNode deals = bookmarks.path("deals");
            if (deals.has("last_id")) {
                inProgress++;
                for (String child : children) {
                    JsonNode b = bookmarks.path(child);
                    assertTrue(b.path("last_id").asLong(0) >= deals.get("last_id").asLong()
                                    && b.path("window_start").equals(deals.path("window_start")),
                            "STATE " + states + ": " + child + " is behind the deals: " + bookmarks);
                }
            } else if (deals.has("replication_key_value")) {
                for (String child : children) {
                    JsonNode b = bookmarks.path(child);
                    assertFalse(b.has("last_id"), "STATE " + states + ": deals complete, " + child + " not: " + bookmarks);
                    assertEquals(deals.get("replication_key_value"), b.path("replication_key_value"),
                            "STATE " + states + ": " + child + " completes the deals' window: " + bookmarks);
                }
            }
        }
        return inProgress;
    }
}
