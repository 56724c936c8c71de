package io.github.tapbitrix24.extract.state;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One stream's entry under {@code bookmarks} in the Singer state.
 *
 * <pre>
 * completed:   {"replication_key": "DATE_MODIFY", "replication_key_value": "2024-09-02T17:43:35+02:00"}
 * in progress: {"replication_key": "DATE_MODIFY", "replication_key_value": "...",   (the last completed bookmark)
 *               "window_start": "...",                 (lower bound of the scan in progress; absent = no bound)
 *               "next_replication_key_value": "...",   (the signpost this scan will commit when it ends)
 *               "last_id": 4711}                       (every row of the window up to this ID was emitted)
 * full table in progress: {"last_id": 4711}
 * </pre>
 *
 * Datetimes are stored in UTC ({@code 2024-09-02T15:43:35Z}); an older version stored the portal's
 * offset, which is still read. A completed window also keeps {@code scan_signpost}, the server time
 * its scan began minus the lookback: the committed value may be earlier (the newest key read), and
 * the children's periodic re-read counts periods from when the scans ran, not from that value.
 *
 * A run killed mid-stream resumes the same window after {@code last_id} and still commits the
 * signpost taken when the interrupted scan began; {@code replication_key_value} only moves when a
 * scan completes (docs/incremental.md).
 *
 * @param replicationKey null for full-table streams
 * @param value          the last completed bookmark (a datetime string, or a number for ID keys); null = none
 * @param windowStart    the scan in progress reads rows whose key is at least this; null = no lower bound
 * @param nextValue      the value to commit when the scan in progress completes
 * @param lastId         the scan's position; null when no scan is in progress
 * @param signpost       the signpost of the last completed scan (see above); null when unknown
 */
public record StreamBookmark(String replicationKey, JsonNode value, JsonNode windowStart, JsonNode nextValue,
                             Long lastId, JsonNode signpost) {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public StreamBookmark(String replicationKey, JsonNode value, JsonNode windowStart, JsonNode nextValue, Long lastId) {
        this(replicationKey, value, windowStart, nextValue, lastId, null);
    }

    public static StreamBookmark empty(String replicationKey) {
        return new StreamBookmark(replicationKey, null, null, null, null);
    }

    /** Reads a state entry leniently: missing or mistyped parts are absent. */
    public static StreamBookmark fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return empty(null);
        }
        JsonNode rk = node.get("replication_key");
        JsonNode lastId = node.get("last_id");
        return new StreamBookmark(
                rk != null && rk.isString() ? rk.asString() : null,
                present(node.get("replication_key_value")),
                present(node.get("window_start")),
                present(node.get("next_replication_key_value")),
                lastId != null && lastId.isIntegralNumber() ? lastId.asLong() : null,
                present(node.get("scan_signpost")));
    }

    private static JsonNode present(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    public boolean inProgress() {
        return lastId != null;
    }

    /** The same bookmark with a scan in progress at {@code position}. */
    public StreamBookmark progress(JsonNode window, JsonNode next, long position) {
        return new StreamBookmark(replicationKey, value, window, next, position, signpost);
    }

    /** The scan finished: {@code newValue} becomes the bookmark and the progress is dropped. */
    public StreamBookmark complete(JsonNode newValue) {
        return new StreamBookmark(replicationKey, newValue, null, null, null);
    }

    /** The scan finished: {@code newValue} becomes the bookmark, taken from a scan whose signpost was {@code scanSignpost}. */
    public StreamBookmark complete(JsonNode newValue, JsonNode scanSignpost) {
        return new StreamBookmark(replicationKey, newValue, null, null, null, scanSignpost);
    }

    /** When the last completed scan ran (its signpost), else the bookmark value. */
    public JsonNode lastScan() {
        return signpost != null ? signpost : value;
    }

    public ObjectNode toJson() {
        ObjectNode n = F.objectNode();
        if (replicationKey != null) {
            n.put("replication_key", replicationKey);
        }
        if (value != null) {
            n.set("replication_key_value", value);
        }
        if (windowStart != null) {
            n.set("window_start", windowStart);
        }
        if (nextValue != null) {
            n.set("next_replication_key_value", nextValue);
        }
        if (lastId != null) {
            n.put("last_id", lastId);
        }
        if (signpost != null) {
            n.set("scan_signpost", signpost);
        }
        return n;
    }
}
