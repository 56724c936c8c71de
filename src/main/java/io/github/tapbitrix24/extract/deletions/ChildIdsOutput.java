package io.github.tapbitrix24.extract.deletions;

import io.github.tapbitrix24.config.DeletionSettings;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.extract.state.SyncState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The output of a deal child stream ({@code deal_products}, {@code deal_comments}) during a read of
 * the children of every deal: it passes everything on and collects the IDs written. When that read
 * completes, the child rows seen at the previous complete read and not now are gone: a product row
 * removed from its deal, a comment deleted, or the rows of a deleted deal (they go with it). They
 * are marked as {@link DeletionMarks} says, with the same rules as a sweep ({@link Vanished}).
 * A read that did not complete never reaches {@link #complete}, and a resumed one is not a read of
 * every deal (the runner does not wrap it), so neither marks anything.
 */
public final class ChildIdsOutput implements StreamOutput {
    private final StreamOutput out;
    private final String stream;
    private final String idField;
    private final SyncState state;
    private final Clock clock;
    private final DeletionSettings settings;
    private final Consumer<SweepSummary> done;
    private long[] ids = new long[1024];
    private int count;

    /** @param done receives what the comparison did, once the read completed */
    public ChildIdsOutput(StreamOutput out, String stream, String idField, SyncState state, Clock clock,
                          DeletionSettings settings, Consumer<SweepSummary> done) {
        this.out = out;
        this.stream = stream;
        this.idField = idField;
        this.state = state;
        this.clock = clock;
        this.settings = settings;
        this.done = done;
    }

    @Override
    public void rows(JsonNode rows, Predicate<JsonNode> keep) {
        for (JsonNode row : rows) {
            if (keep.test(row)) {
                if (count == ids.length) {
                    ids = Arrays.copyOf(ids, count * 2);
                }
                ids[count++] = RowIds.of(row, idField);
            }
        }
        out.rows(rows, keep);
    }

    @Override
    public void checkpoint(StreamBookmark bookmark) {
        out.checkpoint(bookmark);
    }

    @Override
    public void complete(StreamBookmark bookmark) {
        out.complete(bookmark);
        IdSet current = IdSet.of(Arrays.copyOf(ids, count));
        Optional<IdSet> previous = SweepLedger.read(state, stream).map(SweepLedger.Entry::ids);
        IdSet gone = previous.map(p -> p.minus(current)).orElse(IdSet.empty());
        Vanished.Decision d = Vanished.decide(stream, previous, gone, settings);
        if (d.verdict() != Vanished.Verdict.HELD_BACK) {
            Instant now = clock.instant();
            DeletionMarks.write(out, idField, d.gone(), now);
            SweepLedger.write(state, stream, now, current);
        }
        done.accept(new SweepSummary(stream, current.size(), d.verdict() == Vanished.Verdict.MARK ? gone.size() : 0,
                0, 0, 0, Duration.ZERO, d.outcome(0)));
    }

    @Override
    public PortalOffset portalOffset() {
        return out.portalOffset();
    }
}
