package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.extract.state.SyncState;
import io.github.tapbitrix24.schema.RecordCoercer;
import io.github.tapbitrix24.singer.SingerWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stream's rows and positions as Singer messages: rows coerced by the stream's selected SCHEMA
 * (the same table discovery used; fields outside it are not written), RECORDs stamped with the
 * time their page arrived, STATE after every checkpoint (the writer flushes there). The webhook
 * secret, which the portal can hand back in data (file fields carry download links built for the
 * caller, D:api-reference/crm/universal/object-fields.md), is masked on its way to stdout, with every
 * other byte the tap writes (cli/SecretFilter): one place, so no path can miss it.
 *
 * <p>With a table version (emit_activate_version, FULL_TABLE reads): every RECORD carries it; the
 * stream's very first versioned read announces it with ACTIVATE_VERSION before its records (so the
 * table appears at once), and every complete read ends with ACTIVATE_VERSION, after which a target
 * may drop rows of older versions. A killed read keeps its version in the state, and the resumed
 * read goes on with it, so the rows written before the kill count for the same version.
 */
final class SingerStreamOutput implements StreamOutput {
    private final String stream;
    private final ObjectNode schema;
    private final SingerWriter writer;
    private final SyncState state;
    private final PortalOffset portalOffset;
    private final Clock clock;
    private final Long version;
    private final RunProgress.Counter counter;
    private RecordCoercer coercer;

    /** @param versioned whether the read carries a table version (see above) */
    SingerStreamOutput(String stream, ObjectNode schema, SingerWriter writer, SyncState state,
                       PortalOffset portalOffset, Clock clock, boolean versioned,
                       RunProgress.Counter counter) {
        this.stream = stream;
        this.schema = schema;
        this.writer = writer;
        this.state = state;
        this.portalOffset = portalOffset;
        this.clock = clock;
        this.counter = counter;
        this.version = versioned ? startVersion() : null;
    }

    private long startVersion() {
        Optional<Long> resumed = state.tableVersion(stream);
        if (resumed.isPresent()) {
            return resumed.get();
        }
        long v = clock.millis();
        state.tableVersion(stream, v);
        if (!state.initialFullTableComplete(stream)) {
            writer.writeActivateVersion(stream, v);
        }
        return v;
    }

    @Override
    public void rows(JsonNode rows, Predicate<JsonNode> keep) {
        if (rows.isEmpty()) {
            return;
        }
        if (coercer == null) {
            // Compiled at the first page, when the portal's offset (for offset-less datetimes) is known.
            coercer = RecordCoercer.forSchema(schema, portalOffset.get().orElse(ZoneOffset.UTC));
        }
        Instant extracted = clock.instant();
        for (JsonNode row : rows) {
            if (keep.test(row)) {
                RecordCoercer c = coercer;
                writer.writeRecord(stream, gen -> c.write(row, gen), extracted, version);
                counter.written(row);
            }
        }
        counter.pageWritten();
    }

    @Override
    public void checkpoint(StreamBookmark bookmark) {
        state.put(stream, bookmark);
        writer.writeState(state.toJson());
    }

    @Override
    public void complete(StreamBookmark bookmark) {
        if (bookmark == null && version != null) {
            writer.writeActivateVersion(stream, version);
            state.finishTableVersion(stream);
        } else if (bookmark == null) {
            state.remove(stream);
        } else {
            state.put(stream, bookmark);
        }
    }

    @Override
    public PortalOffset portalOffset() {
        return portalOffset;
    }

    long records() {
        return counter.records();
    }

    String stream() {
        return stream;
    }

    /** Per field, the non-empty values written as null because they could not be converted. */
    java.util.Map<String, Long> nulledValues() {
        return coercer == null ? java.util.Map.of() : coercer.nulledValues();
    }
}
