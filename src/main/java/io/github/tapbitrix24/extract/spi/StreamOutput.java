package io.github.tapbitrix24.extract.spi;

import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Where a {@link StreamReader} puts what it reads: rows as the API returned them (the output
 * coerces them to the stream's SCHEMA, projects the selected fields and writes RECORD messages),
 * and its position (written as STATE, flushed).
 */
public interface StreamOutput {
    /** Writes every row of {@code rows} (a JSON array) that {@code keep} accepts, in order. */
    void rows(JsonNode rows, Predicate<JsonNode> keep);

    /** Writes one row. */
    default void row(JsonNode row) {
        rows(tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(row), r -> true);
    }

    /** Records the stream's position and writes a STATE message: every row up to here is on stdout. */
    void checkpoint(StreamBookmark bookmark);

    /**
     * The stream is done: {@code bookmark} becomes its state (null removes the entry, as for a
     * completed full-table stream). The runner writes the STATE after the stream's summary.
     */
    void complete(StreamBookmark bookmark);

    /**
     * Whether this output wants a checkpoint after every page (50 rows) instead of every request
     * (up to 2,500 rows): an output that writes more records per row than the row itself (the deal
     * children) would otherwise go many thousands of records without a STATE.
     */
    default boolean checkpointsEveryPage() {
        return false;
    }

    /** The portal's offset as learned so far in this run. */
    PortalOffset portalOffset();
}
