package io.github.tapbitrix24.portal.methods;

import io.github.tapbitrix24.portal.ApiError;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.data.PortalData;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The method table and one call's life: scope check (HTTP 403 {@code insufficient_scope},
 * D:_includes/system-errors.md), operating-time check (HTTP 429 {@code OPERATION_TIME_LIMIT}),
 * the handler, the {@code time} object. Used for direct calls and for batch sub-calls alike.
 */
public final class Methods {
    /** A method implementation. */
    interface Handler {
        public MethodResult call(JsonNode params);
    }

    /** The outcome of one call: its envelope pieces or its error, and the simulated seconds it took. */
    public record Outcome(MethodResult result, ApiError error, ObjectNode time, double seconds) {
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final double OVERHEAD = 0.0004;

    private final Map<String, Handler> handlers = new HashMap<>();
    private final Set<String> scopes;
    private final PortalOptions options;
    private final OperatingBudget budget;
    private final PortalCounters counters;
    private final PortalData data;

    public Methods(PortalOptions options, PortalData data, OperatingBudget budget, PortalCounters counters) {
        this.data = data;
        this.options = options;
        this.scopes = Set.copyOf(options.scopes());
        this.budget = budget;
        this.counters = counters;
        CostModel cost = new CostModel(options.costScale());
        new CrmMethods(data, cost, options.dateFilterMode()).register(handlers);
        new OrgMethods(data, cost, options.dateFilterMode(), scopes, this).register(handlers);
        new WorkMethods(data, cost, options.dateFilterMode()).register(handlers);
    }

    boolean exists(String method) {
        return method.equals("batch") || handlers.containsKey(method);
    }

    static String scopeOf(String method) {
        if (method.startsWith("crm.")) {
            return "crm";
        }
        if (method.startsWith("user.userfield.")) {
            return "user.userfield";   // D:api-reference/user/userfields/user-userfield-list.md
        }
        if (method.startsWith("user.")) {
            return "user";
        }
        if (method.startsWith("department.")) {
            return "department";
        }
        if (method.startsWith("voximplant.")) {
            return "telephony";
        }
        if (method.startsWith("imopenlines.")) {
            return "imopenlines";
        }
        if (method.startsWith("tasks.") || method.startsWith("task.")) {
            return "task";
        }
        if (method.startsWith("sonet_group.")) {
            return "sonet_group"; // also granted as "socialnetwork" (D:api-reference/scopes/permissions.md)
        }
        return "basic";
    }

    boolean allowed(String method) {
        String scope = scopeOf(method);
        if (scope.equals("basic")) {
            return true;
        }
        if (scope.equals("user")) {
            return scopes.contains("user") || scopes.contains("user_basic") || scopes.contains("user_brief");
        }
        if (scope.equals("sonet_group")) {
            return scopes.contains("sonet_group") || scopes.contains("socialnetwork");
        }
        return scopes.contains(scope);
    }

    /** Runs {@code method} starting at {@code start} (unix seconds); never throws an {@link ApiError}. */
    public Outcome call(String method, JsonNode params, double start) {
        counters.call(method);
        Handler h = handlers.get(method);
        try {
            if (h == null) {
                throw new ApiError(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
            }
            if (!allowed(method)) {
                throw new ApiError(403, "insufficient_scope",
                        "The request requires higher privileges than provided by the webhook token");
            }
            if (options.deniedMethods().contains(method) || data.accessRevoked(method)) {
                throw new ApiError(400, "", "Access denied.");
            }
            if (options.operatingLimit() && budget.blocked(method, start)) {
                throw new ApiError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.");
            }
            MethodResult r = h.call(params);
            double processing = r.cost();
            budget.add(method, start, processing);
            double operating = budget.operating(method, start);
            ObjectNode time = time(start, processing, operating, budget.resetAt(method, start), options.utcOffset());
            return new Outcome(r, null, time, processing + OVERHEAD);
        } catch (ApiError e) {
            counters.error(method);
            return new Outcome(null, e, null, OVERHEAD);
        }
    }

    /** The {@code time} object of D:api-reference/data-types.md (and bitrix24-api.md §1.3). */
    public static ObjectNode time(double start, double processing, double operating, long resetAt, ZoneOffset offset) {
        double duration = processing + OVERHEAD;
        double finish = start + duration;
        ObjectNode t = Json.object();
        t.putRawValue("start", plain(start));
        t.putRawValue("finish", plain(finish));
        t.putRawValue("duration", plain(duration));
        t.putRawValue("processing", plain(processing));
        t.put("date_start", iso(start, offset));
        t.put("date_finish", iso(finish, offset));
        t.put("operating_reset_at", resetAt);
        t.putRawValue("operating", plain(operating));
        return t;
    }

    /** Unix seconds with six decimals, written plainly ({@code 1725292115.026221}, never {@code 1.7E9}). */
    private static tools.jackson.databind.util.RawValue plain(double v) {
        return new tools.jackson.databind.util.RawValue(
                java.math.BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString());
    }

    public static String iso(double epochSeconds, ZoneOffset offset) {
        return ISO.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond((long) Math.floor(epochSeconds)), offset));
    }

    public static String normalise(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return m.endsWith(".json") ? m.substring(0, m.length() - 5) : m;
    }
}
