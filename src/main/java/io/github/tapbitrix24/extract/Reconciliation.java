package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.singer.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;

/**
 * The counts a CRM migration is checked by (an amoCRM → Bitrix24 move, a 1C exchange): records per
 * stream, and deals per funnel ({@code CATEGORY_ID}) and per stage ({@code STAGE_ID}, within its
 * funnel), of what this run wrote. Reported at the end of a run as {@code reconciliation_count}
 * METRIC lines and one table on stderr. Counts are of records written, so a FULL_TABLE run (or a
 * first run) gives the portal's totals; an incremental run the changed records.
 */
final class Reconciliation {
    private static final Logger LOG = Logger.getLogger(Reconciliation.class.getName());
    static final String METRIC = "reconciliation_count";
    /** Which streams are counted by which fields, outer to inner. */
    private static final Map<String, List<String>> GROUPED_BY = Map.of("deals", List.of("CATEGORY_ID", "STAGE_ID"));
    private static final String NOT_READ = "(not selected)";

    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    /** The tally of a stream that is counted by fields, else null. */
    Tally tally(String stream) {
        List<String> fields = GROUPED_BY.get(stream);
        return fields == null ? null : tallies.computeIfAbsent(stream, s -> new Tally(s, fields.get(0), fields.get(1)));
    }

    /** Records of one stream by an outer and an inner field, as the raw row has them. */
    static final class Tally {
        private final String stream;
        private final String outer;
        private final String inner;
        private final Map<String, Map<String, Long>> counts = new TreeMap<>();

        private Tally(String stream, String outer, String inner) {
            this.stream = stream;
            this.outer = outer;
            this.inner = inner;
        }

        void add(JsonNode row) {
            counts.computeIfAbsent(value(row, outer), k -> new TreeMap<>()).merge(value(row, inner), 1L, Long::sum);
        }

        private static String value(JsonNode row, String field) {
            JsonNode v = row.get(field);
            return v == null ? NOT_READ : v.isNull() ? "null" : v.asString();
        }
    }

    void report(Map<String, Long> perStream) {
        StringBuilder table = new StringBuilder("reconciliation: records written by this run\n");
        table.append(String.format(Locale.ROOT, "  %-28s %10s%n", "stream", "records"));
        perStream.forEach((stream, n) -> {
            LOG.info(() -> Metrics.logged(Metrics.counter(METRIC, n, Map.of("stream", stream))));
            table.append(String.format(Locale.ROOT, "  %-28s %,10d%n", stream, n));
        });
        for (Tally t : tallies.values()) {
            table.append(String.format(Locale.ROOT, "  %s per %s and %s:%n  %-14s %-28s %10s%n", t.stream, t.outer,
                    t.inner, t.outer, t.inner, t.stream));
            t.counts.forEach((outerValue, inners) -> {
                long sum = inners.values().stream().mapToLong(Long::longValue).sum();
                LOG.info(() -> Metrics.logged(Metrics.counter(METRIC, sum, Map.of("stream", t.stream, t.outer, outerValue))));
                table.append(String.format(Locale.ROOT, "  %-14s %-28s %,10d%n", outerValue, "(all)", sum));
                inners.forEach((innerValue, n) -> {
                    LOG.info(() -> Metrics.logged(Metrics.counter(METRIC, n,
                            Map.of("stream", t.stream, t.outer, outerValue, t.inner, innerValue))));
                    table.append(String.format(Locale.ROOT, "  %-14s %-28s %,10d%n", "", innerValue, n));
                });
            });
        }
        String text = table.toString().stripTrailing();
        LOG.info(() -> text);
    }
}
