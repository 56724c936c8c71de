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

    public void put(String stream, StreamBookmark bookmark) {
        bookmarks.set(stream, bookmark.toJson());
    }

    public void remove(String stream) {
        bookmarks.remove(stream);
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
