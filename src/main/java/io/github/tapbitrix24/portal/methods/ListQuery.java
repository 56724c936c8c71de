package io.github.tapbitrix24.portal.methods;

import io.github.tapbitrix24.portal.ApiError;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.data.FieldDef;
import io.github.tapbitrix24.portal.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Runs one list page over a {@link Table}: filter, order (ID as the final tie-break), 50 rows from
 * {@code start}; {@code start = -1} skips the count (D:settings/performance/huge-data.md). Ordering
 * by the ID alone walks the IDs (with {@code >ID}/{@code <ID} bounds and owner lookups narrowing the
 * walk) and stops after one page when nothing needs counting; any other order sorts the filtered set.
 */
final class ListQuery {
    static final int PAGE = 50;

    /** One {@code order} term. */
    record Term(FieldDef field, boolean desc) {
    }

    /**
     * @param rows    row indexes of the page
     * @param total   matching rows (counted only when start ≥ 0; 0 otherwise)
     * @param next    the {@code next} value, or null on the last page and with start = -1
     * @param matched rows known to match (the filtered set when counted or sorted)
     * @param sorted  whether the filtered set had to be sorted (costs like a count)
     */
    record Page(int[] rows, int total, Integer next, long matched, boolean sorted) {
    }

    private ListQuery() {
    }

    /** Parses {@code order} ({@code {"ID":"ASC","DATE_MODIFY":"DESC"}}) and adds the ID tie-break. */
    static List<Term> order(JsonNode order, Function<String, FieldDef> resolver, FieldDef id, boolean strict,
                            List<Term> dflt) {
        List<Term> terms = new ArrayList<>();
        if (order != null && order.isObject()) {
            for (Map.Entry<String, JsonNode> e : order.properties()) {
                FieldDef f = resolver.apply(e.getKey());
                String dir = String.valueOf(Json.text(e.getValue())).trim().toUpperCase(Locale.ROOT);
                if (f == null || !(dir.equals("ASC") || dir.equals("DESC"))) {
                    if (strict) {
                        throw ApiError.invalidArg("Invalid order: " + e.getKey() + " " + dir);
                    }
                    continue;
                }
                terms.add(new Term(f, dir.equals("DESC")));
            }
        }
        if (terms.isEmpty()) {
            terms.addAll(dflt);
        }
        if (terms.stream().noneMatch(t -> t.field().code().equals(id.code()))) {
            terms.add(new Term(id, false));
        }
        return terms;
    }

    static Page run(Table t, Filter filter, List<Term> order, long start, int pageSize) {
        boolean count = start >= 0;
        long skip = Math.max(0, start);
        Filter.RowRef ref = new Filter.RowRef();
        int[] candidates = candidates(t, filter);
        int lo = 0;
        int hi = t.size();
        for (Filter.Cond c : filter.topAnd()) {
            if (c.field.code().equals(t.ownerCode) && c.nums.length == 1 && !Double.isNaN(c.nums[0])
                    && (c.op.equals(">=") || c.op.equals(">"))) {
                // the owner index: rows of lower owners are skipped, not generated and tested
                long from = c.op.equals(">") ? (long) Math.floor(c.nums[0]) + 1 : (long) Math.ceil(c.nums[0]);
                lo = Math.max(lo, t.firstRowOfOwnersFrom(from));
            }
            if (c.field.code().equals(t.idCode) && c.nums.length == 1 && !Double.isNaN(c.nums[0])) {
                double v = c.nums[0];
                switch (c.op) {
                    case ">" -> lo = Math.max(lo, clamp(Math.floor(v), t));
                    case ">=" -> lo = Math.max(lo, clamp(Math.ceil(v) - 1, t));
                    case "<" -> hi = Math.min(hi, clamp(Math.ceil(v) - 1, t));
                    case "<=" -> hi = Math.min(hi, clamp(Math.floor(v), t));
                    default -> {
                    }
                }
            }
        }
        boolean byId = order.size() == 1 && order.get(0).field().code().equals(t.idCode);
        if (byId) {
            boolean desc = order.get(0).desc();
            int[] page = new int[(int) Math.min(pageSize, Math.max(0, t.size()))];
            int n = 0;
            long matched = 0;
            int len = candidates == null ? Math.max(0, hi - lo) : candidates.length;
            for (int k = 0; k < len; k++) {
                int pos = desc ? len - 1 - k : k;
                int idx = candidates == null ? lo + pos : candidates[pos];
                if (idx < lo || idx >= hi || !t.live(idx)) {
                    continue;
                }
                ref.reset(t, idx);
                if (!filter.matches(ref)) {
                    continue;
                }
                if (matched >= skip && n < pageSize) {
                    page[n++] = idx;
                }
                matched++;
                if (!count && n == pageSize) {
                    break;
                }
            }
            return page(Arrays.copyOf(page, n), count, skip, matched, pageSize, false);
        }
        // general order: collect the filtered set, sort, slice
        int[] all = new int[16];
        int m = 0;
        int len = candidates == null ? Math.max(0, hi - lo) : candidates.length;
        for (int k = 0; k < len; k++) {
            int idx = candidates == null ? lo + k : candidates[k];
            if (idx < lo || idx >= hi || !t.live(idx)) {
                continue;
            }
            ref.reset(t, idx);
            if (filter.matches(ref)) {
                if (m == all.length) {
                    all = Arrays.copyOf(all, m * 2);
                }
                all[m++] = idx;
            }
        }
        Integer[] boxed = new Integer[m];
        Comparable<?>[][] keys = new Comparable<?>[m][];
        for (int i = 0; i < m; i++) {
            boxed[i] = i;
            keys[i] = keys(t, all[i], order);
        }
        Arrays.sort(boxed, comparator(keys, order));
        int from = (int) Math.min(m, skip);
        int to = Math.min(m, from + pageSize);
        int[] page = new int[to - from];
        for (int i = from; i < to; i++) {
            page[i - from] = all[boxed[i]];
        }
        return page(page, count, skip, m, pageSize, true);
    }

    private static Page page(int[] rows, boolean count, long skip, long matched, int pageSize, boolean sorted) {
        if (!count) {
            return new Page(rows, 0, null, matched, sorted);
        }
        Integer next = skip + pageSize < matched ? (int) (skip + pageSize) : null;
        return new Page(rows, (int) Math.min(Integer.MAX_VALUE, matched), next, matched, sorted);
    }

    private static int clamp(double idBound, Table t) {
        // rows with ID > idBound start at index idBound (ID = index + 1)
        return (int) Math.max(0, Math.min(t.size(), idBound));
    }

    /** Owner lookups: {@code OWNER_ID = x} or {@code @OWNER_ID [..]} walks only those owners' rows. */
    private static int[] candidates(Table t, Filter filter) {
        if (t.ownerCode == null) {
            return null;
        }
        for (Filter.Cond c : filter.topAnd()) {
            if (c.field.code().equals(t.ownerCode) && (c.op.equals("=") || c.op.equals("@"))) {
                TreeSet<Integer> set = new TreeSet<>();
                for (double d : c.nums) {
                    if (!Double.isNaN(d)) {
                        for (int idx : t.childrenOf((long) d)) {
                            set.add(idx);
                        }
                    }
                }
                return set.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        return null;
    }

    private static Comparable<?>[] keys(Table t, int idx, List<Term> order) {
        Comparable<?>[] k = new Comparable<?>[order.size()];
        tools.jackson.databind.node.ObjectNode row = null;
        for (int i = 0; i < order.size(); i++) {
            FieldDef f = order.get(i).field();
            long fast = t.fast(idx, f.code());
            if (fast != Long.MIN_VALUE) {
                k[i] = fast;
                continue;
            }
            if (row == null) {
                row = t.row(idx);
            }
            JsonNode v = row.get(f.code());
            if (v != null && v.isArray()) {
                v = v.isEmpty() ? null : v.get(0);
            }
            String s = Json.text(v);
            k[i] = s == null ? null : switch (f.kind()) {
                case NUMBER, BOOLEAN -> parseDouble(s);
                case DATETIME, DATE -> Filter.parseTime(s, java.time.ZoneOffset.UTC);
                default -> s.toLowerCase(Locale.ROOT);
            };
        }
        return k;
    }

    private static Double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Integer> comparator(Comparable<?>[][] keys, List<Term> order) {
        return (a, b) -> {
            for (int i = 0; i < order.size(); i++) {
                Comparable x = keys[a][i];
                Comparable y = keys[b][i];
                int c;
                if (x == null || y == null) {
                    c = x == null ? (y == null ? 0 : -1) : 1; // NULL sorts first, as in MySQL
                } else if (x.getClass() != y.getClass()) {
                    c = x.toString().compareTo(y.toString());
                } else {
                    c = x.compareTo(y);
                }
                if (c != 0) {
                    return order.get(i).desc() ? -c : c;
                }
            }
            return 0;
        };
    }
}
