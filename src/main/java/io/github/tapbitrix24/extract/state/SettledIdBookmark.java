package io.github.tapbitrix24.extract.state;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;

/**
 * The bookmark of an append-only table read by its ID (stage histories). Auto-increment IDs are
 * handed out when a row is inserted, but the row becomes visible only when its transaction
 * commits, so a row with a lower ID can appear after a higher one was read. The largest ID read
 * is therefore not safe; this bookmark is the largest ID among the rows read whose creation time
 * is at least {@link #SETTLE} before the scan began (server time), since no lower ID can still be
 * uncommitted then. Rows read above it are read again next run (docs/incremental.md, "Append-only
 * tables keyed by ID").
 */
public final class SettledIdBookmark {
    private static final Logger LOG = Logger.getLogger(SettledIdBookmark.class.getName());
    /**
     * Two lookbacks: one for the settled row's own commit after its ID was handed out, one for a
     * lower-ID row's commit after its creation time (docs/incremental.md).
     */
    static final Duration SETTLE = Lookback.MODIFICATION.multipliedBy(2);

    private final String stream;
    private final String idField;
    private final String creationField;
    private long value;
    private OffsetDateTime settledBefore;
    private boolean warned;

    /**
     * @param start the committed bookmark the scan starts after (0 = none); never lowered
     */
    public SettledIdBookmark(String stream, String idField, String creationField, long start) {
        this.stream = stream;
        this.idField = idField;
        this.creationField = creationField;
        this.value = start;
    }

    /** The scan's first request returned at server time {@code scanStart}: rows created before it minus {@link #SETTLE} count. */
    public void scanStarted(OffsetDateTime scanStart) {
        settledBefore = scanStart.minus(SETTLE);
    }

    /** Takes the rows of one page (read after the scan started). */
    public void rows(JsonNode rows) {
        if (settledBefore == null) {
            throw new IllegalStateException("rows before the scan started");
        }
        for (JsonNode row : rows) {
            Optional<OffsetDateTime> created = PortalTime.parse(row.get(creationField));
            // Whole seconds: the true creation instant is before the stamped second plus one.
            if (created.isPresent() && !created.get().plusSeconds(1).isAfter(settledBefore)) {
                value = Math.max(value, RowIds.of(row, idField));
            } else if (created.isEmpty() && !warned) {
                warned = true;
                LOG.warning(() -> "stream " + stream + ": a row without a readable " + creationField
                        + "; the bookmark stays before it and it is read again next run");
            }
        }
    }

    /** Every row with an ID up to this one has been emitted by this run or an earlier one. */
    public long value() {
        return value;
    }
}
