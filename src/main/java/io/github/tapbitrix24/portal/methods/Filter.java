package io.github.tapbitrix24.portal.methods;

import io.github.tapbitrix24.portal.ApiError;
import io.github.tapbitrix24.portal.DateFilterMode;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.data.FieldDef;
import io.github.tapbitrix24.portal.data.Table;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A parsed {@code filter}: the operator is a prefix of the key (D:api-reference/crm/deals/crm-deal-list.md,
 * D:api-reference/user/user-get.md, D:api-reference/telephony/voximplant/voximplant-statistic-get.md):
 * {@code =}, {@code !}/{@code !=}, {@code >}, {@code >=}, {@code <}, {@code <=}, {@code @} (IN),
 * {@code !@} (NOT IN), {@code %} (LIKE %v%), {@code =%}/{@code %=} (LIKE with wildcards), {@code !%},
 * {@code !=%}/{@code !%=} (NOT LIKE), {@code ><}/{@code !><} (between), {@code ?} (search).
 * {@code =} with an array value means IN (crm.item.productrow.list documents it). Nested groups with
 * {@code "logic":"OR"} are accepted as crm.item.list does. Datetimes compare as instants, whatever
 * format the value came in: ISO 8601 with offset, {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-dd} in
 * portal local time, or the portal's {@code dd.MM.yyyy[ HH:mm:ss]}.
 */
final class Filter {
    private static final String[] OPS = {"!=%", "!%=", "!><", "!@", "!=", "!%", ">=", "<=", "=%", "%=", "><",
        "!", "=", "@", ">", "<", "%", "?"};
    private static final long BAD = Long.MIN_VALUE;

    /** A leaf condition. */
    static final class Cond {
        final String op;
        final FieldDef field;
        final FieldDef.Kind kind;
        final List<String> values;
        final long[] times;   // DATETIME/DATE values as epoch seconds (or days in DATE_ONLY mode)
        final double[] nums;

        Cond(String op, FieldDef field, List<String> values, long[] times, double[] nums) {
            this.op = op;
            this.field = field;
            this.kind = field.kind();
            this.values = values;
            this.times = times;
            this.nums = nums;
        }
    }

    final boolean or;
    final List<Cond> conds = new ArrayList<>();
    final List<Filter> groups = new ArrayList<>();
    private final DateFilterMode mode;
    private final ZoneOffset offset;

    private Filter(boolean or, DateFilterMode mode, ZoneOffset offset) {
        this.or = or;
        this.mode = mode;
        this.offset = offset;
    }

    static Filter none(ZoneOffset offset) {
        return new Filter(false, DateFilterMode.EXACT, offset);
    }

    /**
     * @param resolver field name → definition (old codes, or camelCase for crm.item.list); null = unknown
     * @param strict   unknown fields answer {@code INVALID_ARG_VALUE} (crm.item.list, crm.stagehistory.list);
     *                 otherwise they are ignored as the old crm methods do
     */
    static Filter parse(JsonNode filter, Function<String, FieldDef> resolver, boolean strict,
                        DateFilterMode mode, ZoneOffset offset) {
        Filter f = new Filter(false, mode, offset);
        if (filter == null || filter.isNull() || filter.isMissingNode()) {
            return f;
        }
        if (!filter.isContainer()) {
            String s = Json.text(filter);
            if (s == null || s.isEmpty()) {
                return f;
            }
            throw ApiError.crm("Parameter 'filter' must be array.");
        }
        return f.fill(filter, resolver, strict);
    }

    private Filter fill(JsonNode node, Function<String, FieldDef> resolver, boolean strict) {
        int i = 0;
        for (Map.Entry<String, JsonNode> e : entries(node)) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            i++;
            if (key.equalsIgnoreCase("logic")) {
                continue;
            }
            if (v.isObject()) {
                JsonNode logic = v.get("logic");
                boolean groupOr = logic != null && "OR".equalsIgnoreCase(Json.text(logic));
                groups.add(new Filter(groupOr, mode, offset).fill(v, resolver, strict));
                continue;
            }
            String op = "=";
            String name = key;
            for (String candidate : OPS) {
                if (key.startsWith(candidate)) {
                    op = candidate;
                    name = key.substring(candidate.length());
                    break;
                }
            }
            FieldDef fd = resolver.apply(name);
            if (fd == null) {
                if (strict) {
                    throw ApiError.invalidArg("Field '" + name + "' is not allowed in filter");
                }
                continue;
            }
            List<String> values = new ArrayList<>();
            if (v.isArray()) {
                for (JsonNode x : v.values()) {
                    values.add(Json.text(x));
                }
            } else {
                values.add(Json.text(v));
            }
            long[] times = new long[values.size()];
            double[] nums = new double[values.size()];
            for (int k = 0; k < values.size(); k++) {
                long t = parseTime(values.get(k));
                times[k] = t == BAD ? BAD : scaleTime(t);
                nums[k] = parseNum(fd.kind() == FieldDef.Kind.BOOLEAN ? bool(values.get(k)) : values.get(k));
            }
            conds.add(new Cond(op, fd, values, times, nums));
        }
        return this;
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        if (node.isObject()) {
            return node.properties();
        }
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        int i = 0;
        for (JsonNode x : node.values()) {
            list.add(Map.entry(Integer.toString(i++), x));
        }
        return list;
    }

    boolean isEmpty() {
        return conds.isEmpty() && groups.isEmpty();
    }

    /** Conditions of the top-level AND group (for index use); empty for an OR group. */
    List<Cond> topAnd() {
        return or ? List.of() : conds;
    }

    // ---- evaluation ------------------------------------------------------------------------

    /** Lazily built row of the row under test, shared by all conditions. */
    static final class RowRef {
        Table table;
        int idx;
        tools.jackson.databind.node.ObjectNode row;

        tools.jackson.databind.node.ObjectNode get() {
            if (row == null) {
                row = table.row(idx);
            }
            return row;
        }

        void reset(Table t, int i) {
            table = t;
            idx = i;
            row = null;
        }
    }

    boolean matches(RowRef ref) {
        if (or) {
            for (Cond c : conds) {
                if (test(c, ref)) {
                    return true;
                }
            }
            for (Filter g : groups) {
                if (g.matches(ref)) {
                    return true;
                }
            }
            return conds.isEmpty() && groups.isEmpty();
        }
        for (Cond c : conds) {
            if (!test(c, ref)) {
                return false;
            }
        }
        for (Filter g : groups) {
            if (!g.matches(ref)) {
                return false;
            }
        }
        return true;
    }

    private boolean test(Cond c, RowRef ref) {
        boolean negative = c.op.startsWith("!");
        long fast = ref.table.fast(ref.idx, c.field.code());
        if (fast != BAD) {
            boolean time = c.kind == FieldDef.Kind.DATETIME || c.kind == FieldDef.Kind.DATE;
            return time ? compareLong(c, scaleTime(fast), c.times) : compareNumber(c, fast);
        }
        JsonNode v = ref.get().get(c.field.code());
        List<JsonNode> vals = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.values().forEach(vals::add);
        } else if (v != null && !v.isNull()) {
            vals.add(v);
        }
        if (vals.isEmpty()) {
            boolean emptyWanted = c.values.stream().allMatch(s -> s == null || s.isEmpty() || s.equals("false"));
            return switch (c.op) {
                case "=", "@" -> emptyWanted;
                case "!", "!=", "!@", "!%", "!=%", "!%=", "!><" -> !emptyWanted;
                default -> false;
            };
        }
        if (negative) {
            // a negative operator holds when no element of a multiple value matches the positive one
            for (JsonNode x : vals) {
                if (!testOne(c, x)) {
                    return false;
                }
            }
            return true;
        }
        for (JsonNode x : vals) {
            if (testOne(c, x)) {
                return true;
            }
        }
        return false;
    }

    private boolean testOne(Cond c, JsonNode x) {
        if (x.isObject()) {
            JsonNode inner = x.has("VALUE") ? x.get("VALUE") : x.has("value") ? x.get("value") : x.get("id");
            x = inner == null ? x : inner;
        }
        String s = Json.text(x);
        if (s == null) {
            return c.op.startsWith("!");
        }
        switch (c.kind) {
            case DATETIME, DATE -> {
                long t = parseTime(s);
                if (t == BAD) {
                    return false;
                }
                return compareLong(c, scaleTime(t), c.times);
            }
            case NUMBER, BOOLEAN -> {
                double d = parseNum(c.kind == FieldDef.Kind.BOOLEAN ? bool(s) : s);
                if (Double.isNaN(d) && !isLike(c.op)) {
                    return c.op.startsWith("!");
                }
                if (isLike(c.op) || c.op.equals("?")) {
                    return compareString(c, s);
                }
                return compareNumber(c, d);
            }
            default -> {
                return compareString(c, s);
            }
        }
    }

    private static boolean isLike(String op) {
        return op.contains("%") || op.equals("?");
    }

    private long scaleTime(long epochSecond) {
        return mode == DateFilterMode.DATE_ONLY ? Math.floorDiv(epochSecond + offset.getTotalSeconds(), 86_400L) : epochSecond;
    }

    private boolean compareNumber(Cond c, double d) {
        boolean positive = !c.op.startsWith("!");
        return switch (c.op) {
            case "=", "@", "!", "!=", "!@" -> anyEq(c.nums, d) == positive;
            case ">" -> anyCmp(c.nums, d, 1, false);
            case ">=" -> anyCmp(c.nums, d, 1, true);
            case "<" -> anyCmp(c.nums, d, -1, false);
            case "<=" -> anyCmp(c.nums, d, -1, true);
            case "><", "!><" -> (c.nums.length >= 2 && d >= c.nums[0] && d <= c.nums[1]) == positive;
            default -> false;
        };
    }

    private static boolean anyEq(double[] ns, double d) {
        for (double n : ns) {
            if (n == d) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyCmp(double[] ns, double d, int sign, boolean orEqual) {
        for (double n : ns) {
            if (Double.isNaN(n)) {
                continue;
            }
            int cmp = Double.compare(d, n);
            if ((sign > 0 ? cmp > 0 : cmp < 0) || (orEqual && cmp == 0)) {
                return true;
            }
        }
        return false;
    }

    /** Compares a string value. */
    private boolean compareString(Cond c, String s) {
        boolean positive = !c.op.startsWith("!");
        String low = s.toLowerCase(Locale.ROOT);
        return switch (c.op) {
            case "=", "@", "!", "!=", "!@" -> c.values.stream().anyMatch(v -> v != null && v.equalsIgnoreCase(s)) == positive;
            case "%", "!%", "?" -> c.values.stream().anyMatch(v -> v != null && low.contains(v.toLowerCase(Locale.ROOT))) == positive;
            case "=%", "%=", "!=%", "!%=" -> c.values.stream().anyMatch(v -> v != null && like(low, v.toLowerCase(Locale.ROOT))) == positive;
            case ">" -> c.values.stream().anyMatch(v -> v != null && s.compareToIgnoreCase(v) > 0);
            case ">=" -> c.values.stream().anyMatch(v -> v != null && s.compareToIgnoreCase(v) >= 0);
            case "<" -> c.values.stream().anyMatch(v -> v != null && s.compareToIgnoreCase(v) < 0);
            case "<=" -> c.values.stream().anyMatch(v -> v != null && s.compareToIgnoreCase(v) <= 0);
            default -> false;
        };
    }

    private static boolean compareLong(Cond c, long x, long[] vs) {
        boolean positive = !c.op.startsWith("!");
        switch (c.op) {
            case "=", "@", "!", "!=", "!@" -> {
                boolean any = false;
                boolean anyValid = false;
                for (long v : vs) {
                    anyValid |= v != BAD;
                    any |= v != BAD && v == x;
                }
                return anyValid && any == positive;
            }
            case "><", "!><" -> {
                if (vs.length < 2 || vs[0] == BAD || vs[1] == BAD) {
                    return false;
                }
                return (x >= vs[0] && x <= vs[1]) == positive;
            }
            case ">", ">=", "<", "<=" -> {
                for (long v : vs) {
                    if (v == BAD) {
                        continue;
                    }
                    boolean ok = switch (c.op) {
                        case ">" -> x > v;
                        case ">=" -> x >= v;
                        case "<" -> x < v;
                        default -> x <= v;
                    };
                    if (ok) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean like(String value, String pattern) {
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '%') {
                re.append(".*");
            } else if (ch == '_') {
                re.append('.');
            } else {
                re.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
            }
        }
        return value.matches(re.toString());
    }

    private static String bool(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "y", "true", "1", "yes" -> "1";
            case "n", "false", "0", "no", "" -> "0";
            default -> s;
        };
    }

    private static double parseNum(String s) {
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static final DateTimeFormatter LOCAL_SPACE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter RU_DATETIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** A filter or row datetime as epoch seconds; {@link Long#MIN_VALUE} when it does not parse. */
    long parseTime(String s) {
        return parseTime(s, offset);
    }

    static long parseTime(String s, ZoneOffset offset) {
        if (s == null) {
            return BAD;
        }
        String t = s.trim();
        try {
            if (t.length() > 19 && t.charAt(10) == 'T') {
                return OffsetDateTime.parse(t).toEpochSecond();
            }
            if (t.length() == 19 && t.charAt(10) == 'T') {
                return LocalDateTime.parse(t).toEpochSecond(offset);
            }
            if (t.length() == 19 && t.charAt(4) == '-') {
                return LocalDateTime.parse(t, LOCAL_SPACE).toEpochSecond(offset);
            }
            if (t.length() == 10 && t.charAt(4) == '-') {
                return LocalDate.parse(t).atStartOfDay().toEpochSecond(offset);
            }
            if (t.length() == 19 && t.charAt(2) == '.') {
                return LocalDateTime.parse(t, RU_DATETIME).toEpochSecond(offset);
            }
            if (t.length() == 10 && t.charAt(2) == '.') {
                return LocalDate.parse(t, RU_DATE).atStartOfDay().toEpochSecond(offset);
            }
        } catch (DateTimeParseException e) {
            return BAD;
        }
        return BAD;
    }
}
