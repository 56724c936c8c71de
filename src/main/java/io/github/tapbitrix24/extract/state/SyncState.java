package io.github.tapbitrix24.extract.state;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Singer state of one run, {@code {"bookmarks": {stream: {...}}, "currently_syncing": stream}}.
 * Starts as a copy of the incoming state, so bookmarks of streams not selected in this run pass
 * through untouched; {@link #toJson()} is what each STATE message carries.
 */
public final class SyncState {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SyncState.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Bookmark entries of the table-version scheme (as tap-mysql and others write them). */
    private static final String VERSION = "version";
    private static final String INITIAL_FULL_TABLE_COMPLETE = "initial_full_table_complete";
    /** The IDs of the stream's last complete deletion sweep (extract/deletions), kept beside its position. */
    private static final String DELETION_SWEEP = "deletion_sweep";

    /**
     * The portal's UTC offset, kept in the state: bookmarks are stored in UTC, but datetime filters are
     * sent in the portal's offset (docs/incremental.md), and a run must know it before its first request.
     */
    private static final String PORTAL_OFFSET = "portal_offset";

    private final ObjectNode bookmarks;
    private final PortalOffset portalOffset;
    private String currentlySyncing;

    private SyncState(ObjectNode bookmarks, String currentlySyncing, PortalOffset portalOffset) {
        this.bookmarks = bookmarks;
        this.currentlySyncing = currentlySyncing;
        this.portalOffset = portalOffset;
    }

    /**
     * Accepts null, {@code {}}, a state as this tap writes it, or a whole STATE message
     * ({@code {"type":"STATE","value":{...}}}) as some runners save it.
     */
    public static SyncState from(JsonNode state) {
        if (state != null && state.isObject() && !state.has("bookmarks") && state.path("value").isObject()) {
            state = state.get("value");
        }
        ObjectNode bookmarks = F.objectNode();
        String current = null;
        PortalOffset offset = new PortalOffset();
        if (state != null && state.isObject()) {
            JsonNode b = state.get("bookmarks");
            if (b != null && b.isObject()) {
                bookmarks.setAll((ObjectNode) b.deepCopy());
            }
            JsonNode c = state.get("currently_syncing");
            current = c != null && c.isString() ? c.asString() : null;
            JsonNode o = state.get(PORTAL_OFFSET);
            if (o != null && o.isString()) {
                try {
                    offset.learn(java.time.ZoneOffset.of(o.asString()));
                } catch (java.time.DateTimeException notAnOffset) {
                    LOG.warning(() -> "the state's portal_offset " + o + " is not a UTC offset; it is learned again");
                }
            }
        }
        return new SyncState(bookmarks, current, offset);
    }

    public StreamBookmark bookmark(String stream) {
        JsonNode entry = bookmarks.get(stream);
        warnAboutMistypedParts(stream, entry);
        return StreamBookmark.fromJson(entry);
    }

    /**
     * A state entry edited by hand or by another program may carry parts of the wrong type. They are
     * ignored, never silently: the warning names the stream and what the run does instead.
     */
    private static void warnAboutMistypedParts(String stream, JsonNode entry) {
        if (entry == null || entry.isNull()) {
            return;
        }
        if (!entry.isObject()) {
            LOG.warning(() -> "stream " + stream + ": its state entry " + shown(entry) + " is not an object; ignoring"
                    + " it, so the stream is read from start_date (or whole)");
            return;
        }
        JsonNode lastId = entry.get("last_id");
        if (lastId != null && !lastId.isNull() && !lastId.isIntegralNumber()) {
            LOG.warning(() -> "stream " + stream + ": last_id " + shown(lastId) + " is not an integer; the interrupted"
                    + " scan starts again from its window start (the bookmark itself is kept)");
        }
        JsonNode value = entry.get("replication_key_value");
        if (value != null && !value.isNull() && !value.isString() && !value.isIntegralNumber()) {
            LOG.warning(() -> "stream " + stream + ": replication_key_value " + shown(value) + " is neither a datetime"
                    + " nor an ID; ignoring it, so the stream is read from start_date (or whole)");
        }
    }

    private static String shown(JsonNode n) {
        String s = n.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** Sets the stream's position; its table-version entries (emit_activate_version) and deletion sweep stay. */
    public void put(String stream, StreamBookmark bookmark) {
        ObjectNode n = bookmark.toJson();
        JsonNode old = bookmarks.get(stream);
        if (old != null) {
            for (String key : new String[] {VERSION, INITIAL_FULL_TABLE_COMPLETE, DELETION_SWEEP}) {
                if (old.has(key)) {
                    n.set(key, old.get(key));
                }
            }
        }
        bookmarks.set(stream, n);
    }

    public void remove(String stream) {
        bookmarks.remove(stream);
    }

    /** The table version of the stream's full-table read in progress (emit_activate_version), if any. */
    public Optional<Long> tableVersion(String stream) {
        JsonNode v = bookmarks.path(stream).get(VERSION);
        return v != null && v.isIntegralNumber() ? Optional.of(v.asLong()) : Optional.empty();
    }

    /** Starts a full-table read with {@code version}, kept until {@link #finishTableVersion}. */
    public void tableVersion(String stream, long version) {
        JsonNode old = bookmarks.get(stream);
        ObjectNode n = old instanceof ObjectNode o ? o : bookmarks.putObject(stream);
        n.put(VERSION, version);
    }

    /** Whether a full-table read of the stream has completed with a table version before. */
    public boolean initialFullTableComplete(String stream) {
        return bookmarks.path(stream).path(INITIAL_FULL_TABLE_COMPLETE).asBoolean(false);
    }

    /** The full-table read is complete: no position, no version, only the mark that one completed. */
    public void finishTableVersion(String stream) {
        bookmarks.putObject(stream).put(INITIAL_FULL_TABLE_COMPLETE, true);
    }

    /** The stream's deletion-sweep entry, if any (extract/deletions reads it). */
    public Optional<JsonNode> deletionSweep(String stream) {
        return Optional.ofNullable(bookmarks.path(stream).get(DELETION_SWEEP));
    }

    /** Replaces the stream's deletion-sweep entry; its position stays. */
    public void deletionSweep(String stream, JsonNode entry) {
        JsonNode old = bookmarks.get(stream);
        (old instanceof ObjectNode o ? o : bookmarks.putObject(stream)).set(DELETION_SWEEP, entry);
    }

    /** The portal's offset: from the incoming state, then as learned from the server during the run. */
    public PortalOffset portalOffset() {
        return portalOffset;
    }

    public Optional<String> currentlySyncing() {
        return Optional.ofNullable(currentlySyncing);
    }

    public void currentlySyncing(String stream) {
        this.currentlySyncing = stream;
    }

    /** A fresh copy: later changes do not alter a message already handed to the writer. */
    public ObjectNode toJson() {
        ObjectNode n = F.objectNode();
        n.set("bookmarks", bookmarks.deepCopy());
        if (currentlySyncing != null) {
            n.put("currently_syncing", currentlySyncing);
        }
        portalOffset.get().ifPresent(o -> n.put(PORTAL_OFFSET, o.getId()));
        return n;
    }
}
