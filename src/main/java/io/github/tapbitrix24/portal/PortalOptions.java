package io.github.tapbitrix24.portal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Everything a simulated portal is made of, as one immutable value with withers.
 * Sizes of related entities follow the deal count unless set (a negative size means "derive it").
 *
 * @param seed                  drives every generated value: same seed and sizes, same portal
 * @param deals                 deal count; contacts, companies, leads, calls, SPA items scale with it
 * @param contacts              contact count (default 2 per deal)
 * @param companies             company count (default 0.5 per deal)
 * @param leads                 lead count (default 1 per deal)
 * @param products              catalogue size (default deals/100, 20..500)
 * @param users                 user count, some inactive and extranet (default deals/500, 12..500)
 * @param calls                 telephony statistic rows (default 0.5 per deal)
 * @param openLines             open channels
 * @param spaSizes              smart-process types: entityTypeId → item count (null = default 128, 1040, 1042)
 * @param scopes                the webhook's scopes ({@code basic} is always granted)
 * @param utcOffset             the portal's offset, in which every datetime is written
 * @param rateLimit             leaky bucket on (HTTP 503 QUERY_LIMIT_EXCEEDED)
 * @param ratePerSecond         drain of the bucket (2/s; Enterprise 5/s)
 * @param rateBurst             size of the bucket (50; Enterprise 250)
 * @param operatingLimit        per-method operating-time budget on (HTTP 429 OPERATION_TIME_LIMIT)
 * @param operatingBudget       the budget per method in 10 minutes (480 s)
 * @param costScale             multiplies every simulated processing time (the time-scale knob:
 *                              10 makes the budget run out ten times faster)
 * @param dateFilterMode        how datetime filters compare
 * @param clockMode             MANUAL (tests) or REAL (demo, benchmark)
 * @param clockStart            start of a MANUAL clock; generated history ends here (REAL: now)
 * @param advanceClockOnRequest MANUAL clock moves by each request's simulated duration
 * @param userId                webhook user id (path segment)
 * @param token                 webhook secret (null = derived from the seed)
 * @param slowDelay             how long a {@link Fault#SLOW} response is held back (a real wait)
 * @param deniedMethods         methods refused to the webhook's user ("Access denied."), e.g. a non-admin webhook
 */
public record PortalOptions(
        long seed, int deals, int contacts, int companies, int leads, int products, int users, int calls,
        int openLines, Map<Integer, Integer> spaSizes, Set<String> scopes, ZoneOffset utcOffset,
        boolean rateLimit, double ratePerSecond, int rateBurst, boolean operatingLimit, Duration operatingBudget,
        double costScale, DateFilterMode dateFilterMode, PortalClock.Mode clockMode, Instant clockStart,
        boolean advanceClockOnRequest, int userId, String token, Duration slowDelay, Set<String> deniedMethods) {

    /** Every scope the simulator knows (the {@code scope?full=true} answer). */
    public static final Set<String> ALL_SCOPES = Set.of(
            "basic", "crm", "user", "user_basic", "user_brief", "user.userfield", "department", "telephony", "imopenlines", "catalog",
            "task", "sonet_group");

    public PortalOptions {
        Objects.requireNonNull(utcOffset, "utcOffset");
        Objects.requireNonNull(dateFilterMode, "dateFilterMode");
        Objects.requireNonNull(clockMode, "clockMode");
        Objects.requireNonNull(clockStart, "clockStart");
        Objects.requireNonNull(operatingBudget, "operatingBudget");
        Objects.requireNonNull(slowDelay, "slowDelay");
        scopes = Set.copyOf(scopes);
        deniedMethods = deniedMethods == null ? Set.of() : Set.copyOf(deniedMethods);
        spaSizes = spaSizes == null ? null : Map.copyOf(spaSizes);
        if (deals < 0) {
            throw new IllegalArgumentException("deals must be >= 0, got " + deals);
        }
        if (ratePerSecond <= 0 || rateBurst < 1) {
            throw new IllegalArgumentException("rate limit needs ratePerSecond > 0 and rateBurst >= 1");
        }
        if (costScale < 0) {
            throw new IllegalArgumentException("costScale must be >= 0, got " + costScale);
        }
    }

    /** A small demo-sized portal: 300 deals, seed 42, MANUAL clock, every scope, limits ON. */
    public static PortalOptions defaults() {
        return new PortalOptions(42, 300, -1, -1, -1, -1, -1, -1, 3, null,
                Set.of("crm", "user", "user.userfield", "department", "telephony", "imopenlines", "task", "sonet_group"), ZoneOffset.ofHours(3),
                true, 2.0, 50, true, Duration.ofSeconds(480), 1.0, DateFilterMode.EXACT,
                PortalClock.Mode.MANUAL, Instant.parse("2026-03-02T09:00:00Z"), true, 1, null,
                Duration.ofMillis(1500), Set.of());
    }

    // ---- derived sizes -------------------------------------------------------------------

    public int contactCount() {
        return contacts >= 0 ? contacts : deals * 2;
    }

    public int companyCount() {
        return companies >= 0 ? companies : deals / 2;
    }

    public int leadCount() {
        return leads >= 0 ? leads : deals;
    }

    public int productCount() {
        return products >= 0 ? products : Math.max(20, Math.min(500, deals / 100));
    }

    public int userCount() {
        return users >= 0 ? users : Math.max(12, Math.min(500, deals / 500));
    }

    public int callCount() {
        return calls >= 0 ? calls : deals / 2;
    }

    /** entityTypeId → item count, in entityTypeId order; by default three types of different sizes, one empty. */
    public Map<Integer, Integer> spaTypeSizes() {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        if (spaSizes == null) {
            m.put(128, deals / 4);
            m.put(1040, deals / 20 + 3);
            m.put(1042, 0);
        } else {
            spaSizes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> m.put(e.getKey(), e.getValue()));
        }
        return m;
    }

    /** The webhook secret: the given token or one derived from the seed. */
    public String effectiveToken() {
        if (token != null) {
            return token;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EC12E7L);
        StringBuilder sb = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ---- withers -------------------------------------------------------------------------

    public PortalOptions withSeed(long v) {
        return new PortalOptions(v, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withDeals(int v) {
        return new PortalOptions(seed, v, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withContacts(int v) {
        return new PortalOptions(seed, deals, v, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withCompanies(int v) {
        return new PortalOptions(seed, deals, contacts, v, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withLeads(int v) {
        return new PortalOptions(seed, deals, contacts, companies, v, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withProducts(int v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, v, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withUsers(int v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, v, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withCalls(int v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, v, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withOpenLines(int v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, v, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    /** Smart-process types: entityTypeId → item count (0 = an empty type). */
    public PortalOptions withSpaSizes(Map<Integer, Integer> v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, v, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withScopes(Set<String> v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, v, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withUtcOffset(ZoneOffset v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, v, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withRateLimit(boolean v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, v, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    /** Bucket drain per second and burst size (standard plans 2/50, Enterprise 5/250; D:limits.md). */
    public PortalOptions withRate(double perSecond, int burst) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, perSecond, burst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withOperatingLimit(boolean v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, v, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withOperatingBudget(Duration v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, v, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    /** The time-scale knob: every simulated processing time is multiplied by it. */
    public PortalOptions withCostScale(double v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, v, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withDateFilterMode(DateFilterMode v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, v, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withClockMode(PortalClock.Mode v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, v, clockStart, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withClockStart(Instant v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, v, advanceClockOnRequest, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withAdvanceClockOnRequest(boolean v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, v, userId, token, slowDelay, deniedMethods);
    }

    public PortalOptions withWebhook(int user, String secret) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, user, secret, slowDelay, deniedMethods);
    }

    public PortalOptions withSlowDelay(Duration v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, v, deniedMethods);
    }

    /**
     * Methods the webhook's user has no rights for, though its scopes allow them: answered as the
     * CRM answers a permission refusal, HTTP 400 {@code {"error":"","error_description":"Access denied."}}
     * (D:api-reference/crm/deals/crm-deal-list.md), in a batch as that sub-call's error.
     */
    public PortalOptions withDeniedMethods(Set<String> v) {
        return new PortalOptions(seed, deals, contacts, companies, leads, products, users, calls, openLines, spaSizes, scopes, utcOffset, rateLimit, ratePerSecond, rateBurst, operatingLimit, operatingBudget, costScale, dateFilterMode, clockMode, clockStart, advanceClockOnRequest, userId, token, slowDelay, v);
    }
}
