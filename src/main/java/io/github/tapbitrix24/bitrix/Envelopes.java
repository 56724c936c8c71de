package io.github.tapbitrix24.bitrix;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the response envelope [bitrix24-api.md §1.3, §3.2] leniently, because the server is PHP:
 * an empty map arrives as {@code []}, numbers may arrive as strings, {@code time} fields "may vary
 * by method and environment", and {@code operating_reset_at} is an integer in most pages but an
 * ISO string in one [D:api-reference/data-types.md; D:.../crm-activity-list.md].
 */
final class Envelopes {
    private Envelopes() {
    }

    /**
     * True when the body is an error envelope. The code may be {@code ""} or even {@code 0} on CRM
     * errors [D:api-reference/crm/deals/crm-deal-list.md; D:api-reference/crm-stage-history-list.md],
     * so presence of the key counts, not its value; a body that also has {@code result} is an error
     * only when it says something in {@code error}/{@code error_description}.
     */
    static boolean isError(JsonNode body) {
        JsonNode error = body.get("error");
        if (error == null || error.isNull()) {
            return false;
        }
        return !body.has("result") || !errorCode(body).isEmpty() || !errorDescription(body).isEmpty();
    }

    static String errorCode(JsonNode body) {
        JsonNode e = body.get("error");
        if (e == null || e.isNull()) {
            return "";
        }
        if (e.isObject()) { // REST 3.0 shape {"error":{"code":...,"message":...}}, in case a proxy maps to it
            return text(e.get("code"));
        }
        return text(e);
    }

    static String errorDescription(JsonNode body) {
        JsonNode d = body.get("error_description");
        if ((d == null || d.isNull()) && body.path("error").isObject()) {
            d = body.path("error").get("message");
        }
        return text(d);
    }

    static Envelope envelope(String method, JsonNode body) {
        return new Envelope(body.get("result"), count(method, "next", body.get("next")),
                total(method, body.get("total"), 0L), time(body.get("time")));
    }

    static TimeInfo time(JsonNode t) {
        if (t == null || !t.isObject()) {
            return TimeInfo.EMPTY; // absent, null, or PHP's [] for an empty map
        }
        return new TimeInfo(decimal(t.get("start")), decimal(t.get("finish")), decimal(t.get("duration")),
                decimal(t.get("processing")), textOrNull(t.get("date_start")), textOrNull(t.get("date_finish")),
                decimal(t.get("operating")), epochSeconds(t.get("operating_reset_at")));
    }

    /** One of the five {@code result_*} maps of a batch; PHP sends {@code []} when it is empty. */
    static JsonNode map(JsonNode batchResult, String name) {
        JsonNode m = batchResult == null ? null : batchResult.get(name);
        return m != null && m.isObject() ? m : null;
    }

    static List<SubResult> subResults(JsonNode batchResult, List<BatchCommand> commands,
                                      ErrorClassifier errors) {
        JsonNode results = map(batchResult, "result");
        JsonNode failures = map(batchResult, "result_error");
        JsonNode totals = map(batchResult, "result_total");
        JsonNode nexts = map(batchResult, "result_next");
        JsonNode times = map(batchResult, "result_time");
        // PHP encodes result_error as a list when its keys happen to be 0..n-1: then it names no
        // command, and each command that has no result takes the next error, in order
        // (F:tests/real_responses/crm_get_batch_mix_success_and_errors.py)
        JsonNode errorList = batchResult == null ? null : batchResult.get("result_error");
        java.util.Iterator<JsonNode> unnamed = errorList != null && errorList.isArray()
                ? errorList.values().iterator() : java.util.Collections.emptyIterator();
        List<SubResult> out = new ArrayList<>(commands.size());
        for (BatchCommand c : commands) {
            String k = c.key();
            JsonNode failure = failures == null ? null : failures.get(k);
            if (failure == null && (results == null || !results.has(k)) && unnamed.hasNext()) {
                failure = unnamed.next();
            }
            BitrixException error = null;
            if (failure != null && !failure.isNull()) {
                error = failure.isObject()
                        ? errors.classify(c.method(), 0, errorCode(failure), errorDescription(failure), null)
                        : errors.classify(c.method(), 0, text(failure), "", null);
            }
            JsonNode result = results == null ? null : results.get(k);
            out.add(new SubResult(k, c.method(), error == null ? result : null,
                    nexts == null ? null : count(c.method(), "next", nexts.get(k)),
                    totals == null ? null : total(c.method(), totals.get(k), null),
                    times == null ? null : time(times.get(k)), error));
        }
        return out;
    }

    /**
     * {@code next}: a row offset, so a non-negative int. A value beyond that (a broken proxy, a hostile
     * server) is a malformed answer naming the method, not an ArithmeticException.
     */
    static Integer count(String method, String what, JsonNode n) {
        Double d = decimal(n);
        if (d == null) {
            return null;
        }
        if (d < 0 || d > Integer.MAX_VALUE) {
            throw outOfRange(method, what, n);
        }
        return (int) Math.round(d);
    }

    /** {@code total}: a row count, non-negative and within int range like every Bitrix24 list. */
    static Long total(String method, JsonNode n, Long fallback) {
        Integer c = count(method, "total", n);
        return c == null ? fallback : Long.valueOf(c);
    }

    private static BitrixException outOfRange(String method, String what, JsonNode n) {
        String shown = n.toString().length() > 40 ? n.toString().substring(0, 40) + "..." : n.toString();
        return new BitrixException(BitrixErrorKind.MALFORMED_RESPONSE, method, "", 0, "unreadable answer to "
                + method + ": a '" + what + "' of " + shown + " is not a row count", null, null);
    }

    /** A count sent as a number or a numeric string ({@code "next": "50"}); anything else → fallback. */
    static Long longOr(JsonNode n, Long fallback) {
        Double d = decimal(n);
        return d == null ? fallback : Long.valueOf(Math.round(d));
    }

    static Double decimal(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isString()) {
            try {
                return Double.parseDouble(n.stringValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Unix seconds given as a number, a numeric string, or an ISO 8601 date-time. */
    static Long epochSeconds(JsonNode n) {
        Double d = decimal(n);
        if (d != null) {
            return (long) Math.floor(d);
        }
        if (n != null && n.isString()) {
            try {
                return OffsetDateTime.parse(n.stringValue().trim()).toEpochSecond();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        return n.isString() ? n.stringValue() : n.toString();
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : text(n);
    }
}
