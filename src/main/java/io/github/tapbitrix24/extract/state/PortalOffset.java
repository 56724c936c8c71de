package io.github.tapbitrix24.extract.state;

import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.SubResult;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The portal's UTC offset, learned during a run from any server datetime ({@code time.date_start}).
 * Datetime filters are written in this offset (bitrix24-api.md §7.1). One instance per run.
 */
public final class PortalOffset {
    private volatile ZoneOffset offset;

    public Optional<ZoneOffset> get() {
        return Optional.ofNullable(offset);
    }

    /** An offset known from an earlier run (the state). */
    public void learn(ZoneOffset known) {
        offset = known;
    }

    public void learn(OffsetDateTime serverTime) {
        if (serverTime != null) {
            offset = serverTime.getOffset();
        }
    }

    /** Learns from the {@code result_time} of a batch's sub-results; returns the earliest server start time. */
    public Optional<OffsetDateTime> learn(BatchResult result) {
        OffsetDateTime earliest = null;
        for (SubResult r : result.results()) {
            if (r.time() == null) {
                continue;
            }
            Optional<OffsetDateTime> t = PortalTime.parse(r.time().dateStart());
            if (t.isPresent() && (earliest == null || t.get().isBefore(earliest))) {
                earliest = t.get();
            }
        }
        learn(earliest);
        return Optional.ofNullable(earliest);
    }
}
