package io.github.tapbitrix24.extract.spi;

import io.github.tapbitrix24.streams.StreamSpec;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What to read for one selected stream in this run: decided by the runner from the catalog entry,
 * the stream's spec and the config; carried out by a {@link StreamReader}.
 *
 * @param spec           the stream's declaration
 * @param select         the API field names to request: every selected field, always including the
 *                       key properties and the replication key, named one by one (never {@code *})
 * @param replicationKey the key of an INCREMENTAL run; null for FULL_TABLE
 * @param filter         server-side filters of the stream besides keyset and window (e.g. the deal
 *                       funnels of {@code deal_category_ids} as {@code @CATEGORY_ID}); never modified
 * @param startDate      where an incremental stream starts when it has no bookmark
 * @param parent         for a child stream (deal_products → deals): how its parent's IDs are read in this
 *                       run, planned from the parent's catalog entry (its mode, its funnels); else empty
 */
public record StreamPlan(StreamSpec spec, List<String> select, String replicationKey, ObjectNode filter,
                         Optional<OffsetDateTime> startDate, Optional<StreamPlan> parent) {
    public StreamPlan {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(filter, "filter");
        select = List.copyOf(select);
        startDate = startDate == null ? Optional.empty() : startDate;
        parent = parent == null ? Optional.empty() : parent;
    }

    /** A plan without a parent. */
    public StreamPlan(StreamSpec spec, List<String> select, String replicationKey, ObjectNode filter,
                      Optional<OffsetDateTime> startDate) {
        this(spec, select, replicationKey, filter, startDate, Optional.empty());
    }

    /** The same plan with its parent's. */
    public StreamPlan withParent(StreamPlan parentPlan) {
        return new StreamPlan(spec, select, replicationKey, filter, startDate, Optional.of(parentPlan));
    }

    public String name() {
        return spec.name();
    }

    public boolean incremental() {
        return replicationKey != null;
    }
}
