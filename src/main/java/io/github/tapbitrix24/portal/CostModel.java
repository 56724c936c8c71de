package io.github.tapbitrix24.portal;

/**
 * Simulated server time of a call, in seconds, shown in {@code time.processing} and summed into
 * {@code time.operating}. Calibrated on the official measurement in
 * {@code settings/performance/huge-data.md}: a list page of 2,387,743 items took 49.9 s with the
 * COUNT ({@code start >= 0}) and 0.097 s without it ({@code start = -1} with an ID filter).
 *
 * <pre>
 *   page(rows)      = 0.002 + 0.095 * rows / 50                       (0.097 s for a full page)
 *   counted page    = page(rows) + K * filteredSetSize                 K = (49.9 - 0.097) / 2,387,743
 *                                                                        ≈ 2.086e-5 s per matching row
 *   sorted page     = page(rows) + K * filteredSetSize                 (ordering by anything but ID sorts the set)
 *   other calls     = 0.003 s (dictionaries, scope, method.get), 0.012 s (*.fields)
 *   every figure    × costScale (the time-scale knob of PortalOptions)
 * </pre>
 * So a counted page of a 1,000,000-row table costs about 21 s of operating time, the same page
 * through {@code start=-1} and {@code >ID} 0.097 s: the benchmark sees what a naive extractor would
 * cost a real portal.
 */
final class CostModel {
    static final double FULL_PAGE = 0.097;
    static final double PER_MATCHING_ROW = (49.9 - FULL_PAGE) / 2_387_743;
    static final double SIMPLE = 0.003;
    static final double FIELDS = 0.012;

    private final double scale;

    CostModel(double scale) {
        this.scale = scale;
    }

    double page(ListQuery.Page p, boolean counted) {
        double cost = 0.002 + 0.095 * p.rows().length / ListQuery.PAGE;
        if (counted || p.sorted()) {
            cost += PER_MATCHING_ROW * p.matched();
        }
        return cost * scale;
    }

    double simple() {
        return SIMPLE * scale;
    }

    double fields() {
        return FIELDS * scale;
    }
}
