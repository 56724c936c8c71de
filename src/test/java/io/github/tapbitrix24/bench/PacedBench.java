package io.github.tapbitrix24.bench;

import io.github.tapbitrix24.extract.spi.StreamSummary;
import io.github.tapbitrix24.pacing.PacedSync;
import io.github.tapbitrix24.pacing.VirtualTime;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * The paced measurement: the tap in this JVM against the simulator, both on one virtual clock
 * ({@link VirtualTime}), the portal's standard limits on (2 requests/s, burst 50, 480 s of operating
 * time per method in ten minutes) and the tap's own defaults (its bucket at 2/s burst 50, pausing a
 * method above {@code operating_time_threshold} 200 s), so the tap paces itself and the figure is
 * what its pacing does, not a model replaying an unpaced trace. Server time is the simulator's cost
 * model; client time is the CPU time of the thread that runs the tap.
 */
final class PacedBench {
    /** The standard limit: the portal's bucket and the tap's default (bitrix24-api.md §4). */
    private static final double RATE = 2;
    private static final int BURST = 50;

    /** A paced run and how long it took on the real clock. */
    record Run(PacedSync.Result result, double realSeconds, Set<String> otherWaiters) {
        double discoverySeconds() {
            return VirtualTime.Account.seconds(result.discovery().total());
        }

        double syncSeconds() {
            return VirtualTime.Account.seconds(result.sync().total());
        }

        double totalSeconds() {
            return discoverySeconds() + syncSeconds();
        }
    }

    private PacedBench() {
    }

    /** The standard limits on a MANUAL clock that the cost model moves. */
    static PortalOptions portal(int deals) {
        return PortalOptions.defaults().withDeals(deals).withRateLimit(true).withRate(RATE, BURST)
                .withOperatingLimit(true).withOperatingBudget(java.time.Duration.ofSeconds(480))
                .withAdvanceClockOnRequest(true);
    }

    /**
     * Discovery and a sync on a fresh portal, on the virtual clock.
     *
     * @param syncServerNanos server time of each answered sync request (null: the cost model's)
     */
    static Run run(PortalOptions options, ObjectNode config, Set<String> only, long[] syncServerNanos) {
        long t0 = System.nanoTime();
        try (PortalSimulator sim = PortalSimulator.start(options)) {
            VirtualTime time = new VirtualTime(sim.clock(), new io.github.tapbitrix24.pacing.TapThreads(), true);
            PacedSync.Result r = PacedSync.run(sim, time, config, only, syncServerNanos);
            if (syncServerNanos != null && time.replayed() != syncServerNanos.length) {
                throw new IllegalStateException("the replayed run answered " + time.replayed() + " requests, the real one "
                        + syncServerNanos.length);
            }
            return new Run(r, (System.nanoTime() - t0) / 1e9, time.otherWaiters());
        }
    }

    /** The report's lines for one paced run. */
    static List<String> report(Run run, double threshold) {
        List<String> out = new ArrayList<>();
        PacedSync.Result r = run.result();
        VirtualTime.Account s = r.sync();
        double total = run.totalSeconds();
        long records = r.result().streams().stream().mapToLong(StreamSummary::records).sum();
        long subCalls = r.calls().stream().mapToLong(c -> c.subs().size()).sum();
        out.add(String.format(Locale.ROOT, "Paced on a virtual clock (the tap in the runner's JVM, its defaults: bucket 2/s burst 50, "
                        + "operating threshold %.0f s; the portal's standard limits on; %.0f s of real time): %s records, %d HTTP requests "
                        + "(%s batch sub-calls), %d refused by the portal.",
                threshold, run.realSeconds(), BenchMain.fmt(records), s.requests(), BenchMain.fmt(subCalls), s.refused()));
        out.add("");
        out.add("| virtual time of the sync | s | min | share |");
        out.add("|---|---:|---:|---:|");
        double sync = run.syncSeconds();
        row(out, "server time (cost model)", s.server(), sync);
        row(out, "rate waits (the tap's bucket)", s.rateWaits(), sync);
        row(out, "operating-time pauses (the tap's threshold)", s.pauses(), sync);
        row(out, "retry back-off", s.backoff(), sync);
        if (s.otherWaits() != 0) {
            row(out, "other waits (" + String.join(", ", run.otherWaiters()) + ")", s.otherWaits(), sync);
        }
        row(out, "client time (CPU of the tap's threads)", s.client(), sync);
        if (s.unaccounted() != 0) {
            row(out, "unaccounted (a defect of the measurement)", s.unaccounted(), sync);
        }
        out.add(String.format(Locale.ROOT, "| **sync** | **%.1f** | **%.1f** | 100 %% |", sync, sync / 60));
        out.add("");
        out.add(String.format(Locale.ROOT, "Computed under the standard limit (2 req/s, burst 50; simulated server time; the tap pacing "
                        + "itself on a virtual clock, pausing a method above %.0f s of operating time): discovery %.1f s + sync %.1f s = "
                        + "**%.1f s (%.1f min)**.", threshold, run.discoverySeconds(), sync, total, total / 60));
        out.add("");
        out.addAll(floorTable(r, threshold));
        out.addAll(streams(r));
        out.addAll(methods(r, threshold));
        return out;
    }

    /**
     * The floors no pacing of these requests on one connection can go under, beside the sync's virtual time: the
     * server time one request at a time (its sum), the request rate ((requests − burst) / rate), and the busiest
     * method's operating budget ({@link Busiest}).
     */
    /** The sync's floors, in seconds; {@code busiest} is null when no method needs more than one window's budget. */
    record Floors(double server, double rate, Busiest busiest) {
    }

    static Floors floors(PacedSync.Result r, double threshold) {
        VirtualTime.Account s = r.sync();
        return new Floors(VirtualTime.Account.seconds(s.server()), Math.max(0, s.requests() - BURST) / RATE, busiest(r, threshold));
    }

    private static List<String> floorTable(PacedSync.Result r, double threshold) {
        VirtualTime.Account s = r.sync();
        double sync = VirtualTime.Account.seconds(s.total());
        Floors f = floors(r, threshold);
        double server = f.server();
        double rate = f.rate();
        Busiest b = f.busiest();
        List<String> out = new ArrayList<>();
        out.add("| the sync against its floors (one connection, these requests) | s | min |");
        out.add("|---|---:|---:|");
        out.add(String.format(Locale.ROOT, "| server time, one request at a time | %.1f | %.1f |", server, server / 60));
        out.add(String.format(Locale.ROOT, "| request rate: (%d requests − %d burst) / %.0f per s | %.1f | %.1f |", s.requests(), BURST,
                RATE, rate, rate / 60));
        out.add(b == null ? "| busiest method's budget | – | – |"
                : String.format(Locale.ROOT, "| busiest method's budget: `%s`, %.1f s of server time at %.0f s per sliding 10 min | %.1f | %.1f |",
                b.method(), b.server(), threshold, b.floor(), b.floor() / 60));
        out.add(String.format(Locale.ROOT, "| **the sync, paced** | **%.1f** | **%.1f** |", sync, sync / 60));
        out.add("");
        return out;
    }

    /** The method whose operating budget sets the highest floor: (server − threshold) / threshold × 10 min. */
    record Busiest(String method, double server, double floor) {
    }

    static Busiest busiest(PacedSync.Result r, double threshold) {
        Busiest best = null;
        for (Map.Entry<String, double[]> e : shares(r, PacedSync.Sub::method).entrySet()) {
            double floor = budgetFloor(e.getValue()[2], threshold);
            if (floor > 0 && (best == null || floor > best.floor())) {
                best = new Busiest(e.getKey(), e.getValue()[2], floor);
            }
        }
        return best;
    }

    private static double budgetFloor(double server, double threshold) {
        return Math.max(0, (server - threshold) / threshold * 600);
    }

    /**
     * Per stream, by the sub-calls made for it (a sub-call belongs to the stream whose method and fixed parameters it
     * carries, {@link PacedSync.Sub#stream()}; a batch may carry several streams' sub-calls): requests carrying it,
     * sub-calls, server time charged, and each request's virtual time shared among its sub-calls.
     */
    private static List<String> streams(PacedSync.Result r) {
        Map<String, double[]> m = shares(r, PacedSync.Sub::stream);
        Map<String, Long> records = new LinkedHashMap<>();
        r.result().streams().forEach(s -> records.put(s.stream(), s.records()));
        List<String> out = new ArrayList<>();
        out.add("Per stream (by the sub-calls made for it; a request's virtual time, with the waits and pauses before it, is "
                + "shared among its sub-calls; `(method)`: calls no stream declares, e.g. a currency's localizations; the deals' contact links count for `deals`):");
        out.add("");
        out.add("| stream | records | requests carrying it | sub-calls | server s | pauses before it s | share of virtual time s |");
        out.add("|---|---:|---:|---:|---:|---:|---:|");
        Set<String> names = new java.util.LinkedHashSet<>(records.keySet());
        names.addAll(m.keySet());
        for (String n : names) {
            double[] a = m.getOrDefault(n, new double[5]);
            Long rec = records.get(n);
            out.add(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.1f | %.1f | %.1f |", n, rec == null ? "–" : BenchMain.fmt(rec),
                    a[0], a[1], a[2], a[4], a[3]));
        }
        out.add("");
        return out;
    }

    /** Per key of each sub-call: requests carrying it, sub-calls, server s, share of virtual time s, pauses before it s. */
    private static Map<String, double[]> shares(PacedSync.Result r, java.util.function.Function<PacedSync.Sub, String> key) {
        Map<String, double[]> m = new TreeMap<>();
        for (PacedSync.Call c : r.calls()) {
            Map<String, Integer> count = new LinkedHashMap<>();
            c.subs().forEach(sub -> count.merge(key.apply(sub), 1, Integer::sum));
            int n = Math.max(1, c.subs().size());
            for (Map.Entry<String, Integer> e : count.entrySet()) {
                double[] a = m.computeIfAbsent(e.getKey(), k -> new double[5]);
                a[0]++;
                a[1] += e.getValue();
                a[3] += VirtualTime.Account.seconds(c.span().total()) * e.getValue() / n;
                a[4] += VirtualTime.Account.seconds(c.span().pauses()) * e.getValue() / n;
            }
            c.subs().forEach(sub -> m.get(key.apply(sub))[2] += sub.processing());
        }
        return m;
    }

    private static void row(List<String> out, String what, long nanos, double sync) {
        double sec = VirtualTime.Account.seconds(nanos);
        out.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f %% |", what, sec, sec / 60, sync == 0 ? 0 : 100 * sec / sync));
    }

    /**
     * Per REST method, from the sub-calls of each request (a batch may carry several methods): requests carrying it,
     * sub-calls, the server time charged for them, and each request's virtual time (client time, waits and pauses
     * before it, its server time) shared among its sub-calls; plus the floor its operating budget sets.
     */
    private static List<String> methods(PacedSync.Result r, double threshold) {
        Map<String, double[]> m = shares(r, PacedSync.Sub::method);
        Map<String, Set<String>> streams = streamsByMethod(r);
        List<String> out = new ArrayList<>();
        out.add("Per REST method (from each request's sub-calls; a request's virtual time, with the waits and pauses before it, "
                + "is shared among its sub-calls; the floor is what the method's server time needs at " + Math.round(threshold)
                + " s per sliding 10 minutes: (server − threshold) / threshold × 10 min):");
        out.add("");
        out.add("| method | streams | requests carrying it | sub-calls | server s | pauses before it s | share of virtual time s | budget floor min |");
        out.add("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, double[]> e : m.entrySet()) {
            double[] a = e.getValue();
            double floor = budgetFloor(a[2], threshold);
            out.add(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.1f | %.1f | %.1f | %s |", e.getKey(),
                    String.join(", ", streams.getOrDefault(e.getKey(), Set.of("–"))), a[0], a[1], a[2], a[4], a[3],
                    floor == 0 ? "–" : String.format(Locale.ROOT, "%.1f", floor / 60)));
        }
        out.add("");
        Busiest b = busiest(r, threshold);
        if (b != null) {
            out.add(String.format(Locale.ROOT, "Floor of the busiest method's budget: `%s`, %.1f s of server time, at most %.0f s per 10 minutes: "
                    + "**%.1f min** (the sync took %.1f min).", b.method(), b.server(), threshold, b.floor() / 60,
                    VirtualTime.Account.seconds(r.sync().total()) / 60));
            out.add("");
        }
        return out;
    }

    /** The streams each REST method's sub-calls were made for. */
    private static Map<String, Set<String>> streamsByMethod(PacedSync.Result r) {
        Map<String, Set<String>> out = new TreeMap<>();
        r.calls().forEach(c -> c.subs().forEach(sub -> out.computeIfAbsent(sub.method(), k -> new TreeSet<>()).add(sub.stream())));
        return out;
    }
}
