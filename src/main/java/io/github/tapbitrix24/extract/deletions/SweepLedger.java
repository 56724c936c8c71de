package io.github.tapbitrix24.extract.deletions;

import io.github.tapbitrix24.extract.state.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stream's {@code deletion_sweep} entry in its bookmark: the IDs of the last complete comparison
 * and when it ran, {@code {"swept_at": "2024-09-02T16:37:18.120Z", "id_count": 9900, "ids": "<IdSet>"}}.
 * It only ever changes after every mark of a comparison is written, so a run killed before that
 * compares again against the same IDs next time (and writes the same marks again).
 */
final class SweepLedger {
    private static final Logger LOG = Logger.getLogger(SweepLedger.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The IDs of the last complete comparison and when it ran. */
    record Entry(Instant sweptAt, IdSet ids) {
    }

    private SweepLedger() {
    }

    /** The stream's last comparison; empty when there was none or the entry is unreadable (then nothing is marked). */
    static Optional<Entry> read(SyncState state, String stream) {
        Optional<JsonNode> n = state.deletionSweep(stream);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        JsonNode ids = n.get().path("ids");
        Optional<IdSet> set = ids.isString() ? IdSet.decode(ids.asString()) : Optional.empty();
        Optional<Instant> at = instant(n.get().path("swept_at"));
        if (set.isEmpty() || at.isEmpty()) {
            LOG.warning(() -> "stream " + stream + ": its deletion_sweep state entry is unreadable; this sweep sets"
                    + " a new baseline and marks nothing");
            return Optional.empty();
        }
        return Optional.of(new Entry(at.get(), set.get()));
    }

    static void write(SyncState state, String stream, Instant sweptAt, IdSet ids) {
        ObjectNode n = F.objectNode();
        n.put("swept_at", DeletionMarks.timestamp(sweptAt));
        n.put("id_count", ids.size());
        n.put("ids", ids.encode());
        state.deletionSweep(stream, n);
    }

    /**
     * Whether a sweep is due: always without a previous one or with interval 0; otherwise when a
     * multiple of the interval (counted from the epoch, like deal_comments_full_refresh_hours) lies
     * after the previous sweep. A sweep that did not complete left the entry as it was, so the
     * next run is still due.
     */
    static boolean due(Optional<Entry> last, int intervalHours, Instant now) {
        if (last.isEmpty() || intervalHours == 0) {
            return true;
        }
        long period = Duration.ofHours(intervalHours).getSeconds();
        return Math.floorDiv(last.get().sweptAt().getEpochSecond(), period) != Math.floorDiv(now.getEpochSecond(), period);
    }

    private static Optional<Instant> instant(JsonNode n) {
        try {
            return n.isString() ? Optional.of(Instant.parse(n.asString())) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
