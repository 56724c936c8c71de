package io.github.tapbitrix24.extract;

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
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Bookmark entries of the table-version scheme (as tap-mysql and others write them). */
    private static final String VERSION = "version";
    private static final String INITIAL_FULL_TABLE_COMPLETE = "initial_full_table_complete";
    /** The IDs of the stream's last complete deletion sweep (extract/deletions), kept beside its position. */
    private static final String DELETION_SWEEP = "deletion_sweep";

    private final ObjectNode bookmarks;
    private String currentlySyncing;

    private SyncState(ObjectNode bookmarks, String currentlySyncing) {
        this.bookmarks = bookmarks;
        this.currentlySyncing = currentlySyncing;
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
        if (state != null && state.isObject()) {
            JsonNode b = state.get("bookmarks");
            if (b != null && b.isObject()) {
                bookmarks.setAll((ObjectNode) b.deepCopy());
            }
            JsonNode c = state.get("currently_syncing");
            current = c != null && c.isString() ? c.asString() : null;
        }
        return new SyncState(bookmarks, current);
    }

    public StreamBookmark bookmark(String stream) {
        return StreamBookmark.fromJson(bookmarks.get(stream));
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
        return n;
    }
}
