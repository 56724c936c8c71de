package io.github.tapbitrix24.portal.methods;

/**
 * Simulated server time of a call, in seconds, shown in {@code time.processing} and summed into
 * {@code time.operating}. Calibrated on the official measurement in
 * {@code settings/performance/huge-data.md} (crm.lead.list on 2,387,743 leads): a page with the
 * COUNT ({@code start >= 0}) reported {@code processing} 49.8999 s (duration 49.916 s), the same page
 * without it ({@code start = -1}, {@code >ID} filter) {@code processing} 0.0685 s (duration 0.0979 s).
 * The operating-time budget sums execution time, so the model uses the {@code processing} figures;
 * the rest of the docs' duration is per-request overhead outside the method.
 *
 * <pre>
 *   page(rows)      = 0.002 + 0.0665 * rows / 50                      (0.0685 s for a full page)
 *   counted page    = page(rows) + K * filteredSetSize                 K = (49.8999 - 0.0685) / 2,387,743
 *                                                                        ≈ 2.087e-5 s per matching row
 *   sorted page     = page(rows) + K * filteredSetSize                 (ordering by anything but ID sorts the set)
 *   other calls     = 0.003 s (dictionaries, scope, method.get), 0.012 s (*.fields)
 *   every figure    × costScale (the time-scale knob of PortalOptions)
 * </pre>
 * So a counted page of a 1,000,000-row table costs about 21 s of operating time, the same page
 * through {@code start=-1} and {@code >ID} 0.0685 s: the benchmark sees what a naive extractor would
 * cost a real portal.
 */
public final class CostModel {
    static final double FULL_PAGE = 0.0685;
    public static final double PER_MATCHING_ROW = (49.8999 - FULL_PAGE) / 2_387_743;
    static final double SIMPLE = 0.003;
    static final double FIELDS = 0.012;

    private final double scale;

    CostModel(double scale) {
        this.scale = scale;
    }

    double page(ListQuery.Page p, boolean counted) {
        double cost = 0.002 + (FULL_PAGE - 0.002) * p.rows().length / ListQuery.PAGE;
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
