package io.github.tapbitrix24.bench;

import io.github.tapbitrix24.config.ConfigException;
import io.github.tapbitrix24.config.ConfigLoader;
import io.github.tapbitrix24.pacing.CallStreams;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.streams.StreamRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark (issue 7): starts the simulated portal in this JVM, runs discovery and a full sync
 * with the real tap jar as a child process, records what every request cost, replays the trace
 * under the standard rate limit, runs the naive strategy against the same portal, and writes
 * markdown tables to {@code target/bench/report-<scenarios>.md} and each request trace to a CSV file there.
 *
 * <pre>
 * mvn -B -Pbench -DskipTests verify                      # S, M, L, the limited S run, start-up times
 * mvn -B -Pbench -DskipTests verify -Dbench.args="S"     # one scenario
 * </pre>
 * Arguments: scenario names (S, M, L) and {@code --no-paced} (skip the paced run on the virtual clock,
 * {@link PacedBench}), {@code --no-limited} (skip the S run under the real limit), {@code --no-startup},
 * {@code --no-naive}, {@code --startup-runs N}.
 */
public final class BenchMain {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The tap pauses a method above this much operating time by default (config schema). */
    private static final double TAP_OPERATING_THRESHOLD = 200;
    /** The server's budget: a client that only reacts to HTTP 429 pauses here (D:limits.md). */
    private static final double SERVER_OPERATING_BUDGET = 480;

    /** Which streams a scenario selects. */
    enum Streams {
        /** Every stream the catalog offers, with every option on. */
        EVERY,
        /**
         * Issue 14's stream set: the streams of the M run its goal (M ≤ 55 min) was measured on, 2026-11-22, before
         * the work streams (issue 17) and the CRM breadth (issue 16) came: deals with its three options
         * ({@code deal_comments}, {@code deal_products}, {@code CONTACT_IDS}), contacts, companies, leads,
         * activities, product, the entities' field streams, status_list, the smart processes (types, items, fields),
         * both stage histories, users, departments, calls, open lines. The newer product-row options are off.
         */
        ISSUE_14,
        /** {@code deals} alone, no options. */
        DEALS;

        /** The stream names issue 14's set holds besides each smart process's {@code spa_<id>} and {@code spa_fields_<id>}. */
        static final List<String> ISSUE_14_FIXED = List.of("deals", "deal_comments", "deal_products", "contacts", "companies",
                "leads", "activities", "product", "deal_fields", "contact_fields", "company_fields", "lead_fields",
                "activity_fields", "product_fields", "status_list", "spa_types", "deal_stage_history", "lead_stage_history",
                "users", "departments", "calls", "open_lines");
    }

    /** A scenario: portal size, which streams, the three deal options, how many deals the naive per-deal calls sample. */
    record Scenario(String name, int deals, Streams streams, boolean dealOptions, int naiveChildSample) {
        static Scenario of(String name) {
            return switch (name) {
                case "S" -> new Scenario("S", 10_000, Streams.EVERY, true, 10_000);
                case "M" -> new Scenario("M", 100_000, Streams.EVERY, true, 1_000);
                case "M14" -> new Scenario("M14", 100_000, Streams.ISSUE_14, true, 1_000);
                case "L" -> new Scenario("L", 1_000_000, Streams.DEALS, false, 0);
                default -> throw new IllegalArgumentException("unknown scenario " + name + " (S, M, M14, L)");
            };
        }

        /** More than deals: the list streams of the naive baseline too. */
        boolean allStreams() {
            return streams != Streams.DEALS;
        }

        /** The streams to select, or null for every one. */
        Set<String> only() {
            return switch (streams) {
                case EVERY -> null;
                case DEALS -> Set.of("deals");
                case ISSUE_14 -> {
                    Set<String> names = new java.util.LinkedHashSet<>(Streams.ISSUE_14_FIXED);
                    for (int etid : PortalOptions.defaults().withDeals(deals).spaTypeSizes().keySet()) {
                        names.add("spa_" + etid);
                        names.add("spa_fields_" + etid);
                    }
                    yield Set.copyOf(names);
                }
            };
        }

        /** The product-row options issue 16 added (lead, quote, invoice, smart-process rows): on with every stream only. */
        boolean newerProductOptions() {
            return dealOptions && streams == Streams.EVERY;
        }

        String describe() {
            return switch (streams) {
                case EVERY -> "all streams";
                case ISSUE_14 -> "issue 14's stream set (the streams of the 2026-11-22 M run: no work streams, no CRM breadth)";
                case DEALS -> "deals only";
            };
        }
    }

    private final Path work;
    private final Path jar;
    private final StringBuilder md = new StringBuilder();
    private final long clkTck;
    private final Map<String, Object> sTraces = new LinkedHashMap<>();
    /** Each scenario's paced run and unpaced jar run, for the summary. */
    private final Map<Scenario, PacedBench.Run> pacedRuns = new LinkedHashMap<>();
    private final Map<Scenario, TapProcess.Result> cpuRuns = new LinkedHashMap<>();
    /** Also run each scenario paced on the virtual clock ({@link PacedBench}). */
    private final boolean paced;

    private BenchMain(Path work, Path jar, boolean paced) throws IOException, InterruptedException {
        this.work = work;
        this.jar = jar;
        this.paced = paced;
        this.clkTck = Long.parseLong(exec("getconf", "CLK_TCK").trim());
    }

    public static void main(String[] args) throws Exception {
        // Maven passes -Dbench.args as one argument
        args = String.join(" ", args).trim().split("\\s+");
        List<String> scenarios = new ArrayList<>();
        boolean limited = true;
        boolean paced = true;
        boolean startup = true;
        boolean naive = true;
        int startupRuns = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-limited" -> limited = false;
                case "--no-paced" -> paced = false;
                case "--no-startup" -> startup = false;
                case "--no-naive" -> naive = false;
                case "--startup-runs" -> startupRuns = Integer.parseInt(args[++i]);
                default -> scenarios.addAll(Arrays.asList(args[i].split("[ ,]+")));
            }
        }
        scenarios.removeIf(String::isBlank);
        if (scenarios.isEmpty()) {
            scenarios = List.of("S", "M", "L");
        }
        Path root = Path.of(System.getProperty("bench.basedir", ".")).toAbsolutePath();
        Path jar = root.resolve("target/tap-bitrix24.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn package first");
        }
        Path work = root.resolve("target/bench");
        Files.createDirectories(work);
        Path report = work.resolve("report-" + String.join("", scenarios) + ".md");
        BenchMain bench = new BenchMain(work, jar, paced);
        bench.header(args);
        for (String s : scenarios) {
            bench.scenario(Scenario.of(s.toUpperCase(Locale.ROOT)), naive, limited && s.equalsIgnoreCase("S"));
            Files.writeString(report, bench.md);
        }
        bench.summary();
        Files.writeString(report, bench.md);
        if (startup) {
            bench.startup(startupRuns);
        }
        bench.line("");
        bench.line("Finished " + ZonedDateTime.now() + "; load average " + loadAverage() + ".");
        Files.writeString(report, bench.md);
        System.out.println("bench: report written to " + report);
    }

    // ---- machine --------------------------------------------------------------------------

    private void header(String[] args) throws IOException, InterruptedException {
        line("## Run of " + ZonedDateTime.now());
        line("");
        line("- Machine: " + exec("nproc").trim() + " cores (" + cpuModel() + "), " + memTotal() + " RAM; "
                + exec("uname", "-sr").trim());
        line("- Java (tap and runner): " + exec("java", "-version").lines().findFirst().orElse("?") + " / "
                + exec("java", "-version").lines().skip(2).findFirst().orElse(""));
        TapProcess.prepareLauncher(jar);
        line("- Tap: run through `bin/tap-bitrix24` (its AppCDS archive made before measuring); JVM options `"
                + TapProcess.launcherOptions(jar) + "`");
        line("- Runner arguments: `" + String.join(" ", args) + "`; load average at start " + loadAverage());
        line("");
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
    }

    private static String memTotal() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
                .findFirst().orElse("?");
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    // ---- one scenario ---------------------------------------------------------------------

    private PortalOptions portalOptions(Scenario sc, boolean limits) {
        return PortalOptions.defaults().withDeals(sc.deals())
                .withClockMode(io.github.tapbitrix24.portal.PortalClock.Mode.REAL)
                .withRateLimit(limits).withOperatingLimit(limits);
    }

    private void scenario(Scenario sc, boolean naive, boolean limitedRun) throws Exception {
        System.out.println("bench: scenario " + sc + ", load " + loadAverage());
        line("### Scenario " + sc.name() + ": " + fmt(sc.deals()) + " deals, "
                + sc.describe()
                + (sc.dealOptions() ? ", extract_deal_contacts + enable_deal_comments_stream + enable_deal_products_stream" : "")
                + " (load average before: " + loadAverage() + ")");
        line("");
        long t0 = System.nanoTime();
        Run tap;
        NaiveRun baseline = null;
        try (PortalSimulator sim = PortalSimulator.start(portalOptions(sc, false))) {
            double startMs = (System.nanoTime() - t0) / 1e6;
            double[] batchMs = batchLatency(sim, 25);
            line(String.format(Locale.ROOT, "Simulator: started with %s deals in %.0f ms (runner heap in use after start and a GC: %s MB); "
                            + "a 50-command keyset batch of full deal pages (2,500 rows) served in %.1f ms median, %.1f ms p90 "
                            + "(%d batches, first %.1f ms, direct HTTP, no relay).",
                    fmt(sc.deals()), startMs, heapUsed(), median(batchMs), pct(batchMs, 0.9), batchMs.length, batchMs[0]));
            line("");
            try (TraceProxy proxy = new TraceProxy(sim.baseUrl())) {
                String webhook = proxy.baseUrl() + sim.webhookUrl().substring(sim.baseUrl().length());
                Path config = writeConfig(sc.name(), webhook, sc, false);
                tap = runTap(sc, config, proxy, sc.name());
                if (naive) {
                    baseline = naive(sc, new NaiveClient(webhook), proxy);
                }
            }
        }
        PacedBench.Run pacedRun = null;
        if (paced) {
            System.out.println("bench: " + sc.name() + " paced on the virtual clock, load " + loadAverage());
            pacedRun = PacedBench.run(PacedBench.portal(sc.deals()), configJson("", sc, true), sc.only(), null);
        }
        tapTable(sc, tap);
        if (pacedRun != null) {
            PacedBench.report(pacedRun, TAP_OPERATING_THRESHOLD).forEach(this::line);
            sTraces.put(sc.name() + ".modelTotal", pacedRun.totalSeconds());
            pacedRuns.put(sc, pacedRun);
        }
        cpuRuns.put(sc, tap.sync());
        if (baseline != null) {
            naiveTable(sc, tap, baseline);
        }
        if (limitedRun) {
            limited(sc, tap);
        }
        line("Load average after the scenario: " + loadAverage() + ".");
        line("");
    }

    /** A tap run: discovery and sync processes with their traces. */
    record Run(TapProcess.Result discover, List<TraceProxy.Request> discoverTrace, long discoverStart,
               TapProcess.Result sync, List<TraceProxy.Request> syncTrace, long syncStart) {
    }

    private Run runTap(Scenario sc, Path config, TraceProxy proxy, String label) throws Exception {
        TapProcess tapProcess = new TapProcess(jar, work);
        Path catalog = work.resolve(label + ".catalog.json");
        long ds = System.nanoTime();
        TapProcess.Result discover = tapProcess.run(label + ".discover", List.of("--config", config.toString(), "--discover"),
                null, catalog);
        List<TraceProxy.Request> discoverTrace = proxy.drain();
        check(discover, "discovery");
        Set<String> selected = select(catalog, sc.only());
        proxy.attribute(CallStreams.of(selected, new ConfigLoader().toConfig((ObjectNode) JSON.readTree(config.toFile()))));
        long ss = System.nanoTime();
        TapProcess.Result sync = tapProcess.run(label + ".sync", List.of("--config", config.toString(), "--catalog", catalog.toString()),
                pid -> proxy.sampleClient(new TraceProxy.ProcSampler(pid)), null);
        proxy.sampleClient(null);
        proxy.attribute(null);
        List<TraceProxy.Request> syncTrace = proxy.drain();
        check(sync, "sync");
        dump(work.resolve(label + ".sync.trace.csv"), syncTrace);
        return new Run(discover, discoverTrace, ds, sync, syncTrace, ss);
    }

    /** The trace as CSV, for anyone who wants to replay it with other limits. */
    private static void dump(Path file, List<TraceProxy.Request> trace) throws IOException {
        StringBuilder sb = new StringBuilder("seq,method,status,bytes,arrived_ns,answered_ns,portal_ns,duration_s,cpu_ticks,hwm_kb,calls\n");
        for (TraceProxy.Request r : trace) {
            Map<String, Double> perMethod = new LinkedHashMap<>();
            Map<String, Integer> count = new LinkedHashMap<>();
            r.calls().forEach(c -> {
                perMethod.merge(c.method(), c.processing(), Double::sum);
                count.merge(c.method(), 1, Integer::sum);
            });
            StringBuilder calls = new StringBuilder();
            perMethod.forEach((m, t) -> calls.append(calls.length() == 0 ? "" : " ").append(m).append('x').append(count.get(m))
                    .append(String.format(Locale.ROOT, "=%.4f", t)));
            sb.append(String.format(Locale.ROOT, "%d,%s,%d,%d,%d,%d,%d,%.6f,%d,%d,%s%n", r.seq(), r.method(), r.status(), r.responseBytes(),
                    r.arrivedNanos(), r.answeredNanos(), r.portalNanos(), r.duration(), r.tapCpuTicks(), r.tapHwmKb(), calls));
        }
        Files.writeString(file, sb);
    }

    private static void check(TapProcess.Result r, String what) throws IOException {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(what + " exited " + r.exitCode() + ": " + Files.readString(r.stderr()));
        }
    }

    private Path writeConfig(String label, String webhook, Scenario sc, boolean standardLimits) throws IOException {
        ObjectNode c = configJson(webhook, sc, standardLimits);
        Path p = work.resolve(label + ".config.json"); // holds the (simulator's) webhook token: stays in target/
        Files.writeString(p, JSON.writeValueAsString(c));
        return p;
    }

    /** The tap's config: the scenario's options on, the others off; without standard limits the tap's own pacing is lifted. */
    static ObjectNode configJson(String webhook, Scenario sc, boolean standardLimits) {
        ObjectNode c = JSON.createObjectNode();
        c.put("webhook_url", webhook);
        c.put("extract_deal_contacts", sc.dealOptions());
        c.put("enable_deal_comments_stream", sc.dealOptions());
        c.put("enable_deal_products_stream", sc.dealOptions());
        for (String owner : List.of("lead", "quote", "invoice")) {
            c.put("enable_" + owner + "_products_stream", sc.newerProductOptions());
        }
        c.put("enable_spa_products_streams", sc.newerProductOptions());
        if (!standardLimits) {
            // CPU-bound run: the portal's limits are off, so the tap's own pacing must be too
            c.put("max_requests_per_second", 10_000); // the config schema's maxima
            c.put("request_burst", 100_000);
            c.put("operating_time_threshold", 3_600); // the schema's maximum; the portal's operating limit is off
        }
        return c;
    }

    /** Marks the given streams selected (null: every stream) and the others not; returns the selected ones. */
    private static Set<String> select(Path catalog, Set<String> only) throws IOException {
        JsonNode root = JSON.readTree(catalog.toFile());
        if (only != null) {
            Set<String> missing = new TreeSet<>(only);
            root.path("streams").forEach(s -> missing.remove(s.path("tap_stream_id").asString()));
            if (!missing.isEmpty()) {
                throw new IllegalStateException("the scenario selects streams the catalog does not offer: " + missing);
            }
        }
        Set<String> selected = new java.util.LinkedHashSet<>();
        for (JsonNode s : root.path("streams")) {
            String name = s.path("tap_stream_id").asString();
            boolean on = only == null || only.contains(name);
            if (on) {
                selected.add(name);
            }
            for (JsonNode m : s.path("metadata")) {
                if (m.path("breadcrumb").isEmpty()) {
                    ((ObjectNode) m.path("metadata")).put("selected", on);
                }
            }
        }
        Files.writeString(catalog, JSON.writeValueAsString(root));
        return selected;
    }

    // ---- the tap's table -------------------------------------------------------------------

    /**
     * Stretches of the sync trace per stream, in run order, by the tap's own per-stream request
     * counts: only for where the tap was in time (wall, CPU, memory by trace position), which holds
     * while streams run one after another. A parent's requests and those of the child streams read
     * along with it are one stretch of the trace, interleaved; there each request goes to the stream
     * of its method. Requests and time per stream come from {@link SubCallShares}.
     */
    private static Map<String, List<Integer>> stretches(Run run) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        List<TapProcess.TapStream> streams = run.sync().streams();
        int size = run.syncTrace().size();
        int at = 0;
        for (TapProcess.TapStream s : streams) {
            if (s.along() != null) {
                continue; // counted in its parent's stretch
            }
            List<TapProcess.TapStream> riders = streams.stream().filter(r -> s.stream().equals(r.along())).toList();
            Map<String, String> riderOfMethod = new HashMap<>();
            riders.forEach(r -> riderOfMethod.put(childMethod(r.stream()), r.stream()));
            out.put(s.stream(), new ArrayList<>());
            riders.forEach(r -> out.put(r.stream(), new ArrayList<>()));
            long stretch = s.httpRequests() + riders.stream().mapToLong(TapProcess.TapStream::httpRequests).sum();
            for (int k = at; k < Math.min(at + stretch, size); k++) {
                String rider = run.syncTrace().get(k).calls().stream().map(c -> riderOfMethod.get(c.method()))
                        .filter(java.util.Objects::nonNull).findFirst().orElse(s.stream());
                out.get(rider).add(k);
            }
            at += (int) stretch;
        }
        return out;
    }

    /** The REST method a per-deal child stream calls, from the tap's own stream table. */
    private static String childMethod(String stream) {
        try {
            ObjectNode c = JSON.createObjectNode();
            c.put("webhook_url", "https://portal.invalid/rest/1/x/");
            c.put("enable_deal_comments_stream", true);
            c.put("enable_deal_products_stream", true);
            c.put("enable_spa_products_streams", true);
            for (String owner : List.of("lead", "quote", "invoice")) {
                c.put("enable_" + owner + "_products_stream", true);
            }
            return StreamRegistry.forName(stream, new ConfigLoader().toConfig(c)).orElseThrow().method();
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    private void tapTable(Scenario sc, Run run) {
        TapProcess.Result sync = run.sync();
        List<TraceProxy.Request> trace = run.syncTrace();
        long tapRequests = sync.streams().stream().mapToLong(TapProcess.TapStream::httpRequests).sum();
        Map<String, List<Integer>> split = stretches(run);
        SubCallShares shares = new SubCallShares(trace);
        List<LimitModel.Step> steps = steps(trace, false);
        double[] end = LimitModel.standard(TAP_OPERATING_THRESHOLD).replay(steps);
        double head = trace.isEmpty() ? 0 : (trace.get(0).arrivedNanos() - run.syncStart()) / 1e9;
        double tail = trace.isEmpty() ? 0 : (run.syncStart() + sync.wallNanos() - trace.get(trace.size() - 1).answeredNanos()) / 1e9;
        double modelSync = head + (end.length == 0 ? 0 : end[end.length - 1]) + tail;
        List<LimitModel.Step> dsteps = steps(run.discoverTrace(), false);
        double[] dend = LimitModel.standard(TAP_OPERATING_THRESHOLD).replay(dsteps);
        double dwallMeasured = run.discover().wallNanos() / 1e9;
        double dspanMeasured = run.discoverTrace().isEmpty() ? 0
                : (run.discoverTrace().get(run.discoverTrace().size() - 1).answeredNanos() - run.discoverTrace().get(0).arrivedNanos()) / 1e9;
        double modelDiscover = dwallMeasured - dspanMeasured + (dend.length == 0 ? 0 : dend[dend.length - 1]);

        line(String.format(Locale.ROOT, "Tap, discovery: %d HTTP requests, %.2f s wall, %.2f s CPU, peak RSS %s MB.",
                run.discoverTrace().size(), dwallMeasured, run.discover().cpuSeconds(), mb(run.discover().maxRssKb())));
        line("");
        line("Tap, full sync (limits off, CPU-bound):");
        line("");
        line("Requests, sub-commands, methods and time per stream by the stream of each sub-call (a request carrying several "
                + "streams' sub-calls counts for each, its time is shared by sub-calls; `(method)`: sub-calls no stream declares); "
                + "wall, CPU and RSS by the stretch of the trace the stream ran in (streams one after another).");
        line("");
        line("| stream | records | HTTP requests carrying it | batch sub-commands | records / request | methods (requests carrying them) | wall s | tap CPU s | RSS high-water MB | under standard limit s |");
        line("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        List<TapProcess.TapStream> streams = new ArrayList<>(sync.streams());
        streams.removeIf(s -> s.stream().startsWith("(") && shares.requests(s.stream()).isEmpty()); // the runner's own rows
        for (String extra : shares.streams()) {
            if (streams.stream().noneMatch(s -> s.stream().equals(extra))) {
                streams.add(new TapProcess.TapStream(extra, 0, 0, 0, 0, null, null));
            }
        }
        for (TapProcess.TapStream s : streams) {
            List<Integer> idx = shares.requests(s.stream());
            CountingSink.StreamCount c = sync.sink().streams().get(s.stream());
            long records = c == null ? 0 : c.records;
            if (s.skipped() != null) {
                line("| " + s.stream() + " | skipped: " + s.skipped() + " | | | | | | | | |");
                continue;
            }
            long sub = shares.subCalls(s.stream());
            List<String> methods = new ArrayList<>();
            shares.methods(s.stream()).forEach((m, n) -> methods.add(m + " (" + n + ")"));
            // Wall, CPU and memory by trace position: a parent's stretch includes the children read along with it.
            List<String> riders = streams.stream().filter(r -> s.stream().equals(r.along())).map(TapProcess.TapStream::stream).toList();
            String wall = "along";
            String cpu = "along";
            String hwmMb = "along";
            if (s.along() == null) {
                int from = Integer.MAX_VALUE;
                int to = -1;
                for (String n : concat(s.stream(), riders)) {
                    for (int k : split.getOrDefault(n, List.of())) {
                        from = Math.min(from, k);
                        to = Math.max(to, k + 1);
                    }
                }
                if (to < 0) {
                    wall = cpu = hwmMb = "–";
                } else {
                    long endNs = to < trace.size() ? trace.get(to).arrivedNanos() : run.syncStart() + sync.wallNanos();
                    long cpu0 = trace.get(from).tapCpuTicks();
                    long cpu1 = to < trace.size() ? trace.get(to).tapCpuTicks() : Math.round(sync.cpuSeconds() * clkTck);
                    long hwm = to < trace.size() ? trace.get(to).tapHwmKb() : sync.maxRssKb();
                    wall = String.format(Locale.ROOT, "%.2f", (endNs - trace.get(from).arrivedNanos()) / 1e9);
                    cpu = cpu0 < 0 || cpu1 < 0 ? "?" : String.format(Locale.ROOT, "%.2f", (cpu1 - cpu0) / (double) clkTck);
                    hwmMb = hwm < 0 ? "?" : mb(hwm);
                }
            }
            String name = s.along() != null ? s.stream() + " (read along with " + s.along() + ")"
                    : riders.isEmpty() ? s.stream() : s.stream() + " (wall, CPU, RSS with " + String.join(", ", riders) + ")";
            line(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %s | %s | %.1f |", name, fmt(records),
                    idx.size(), sub, idx.isEmpty() ? "–" : fmt(Math.round(records / (double) idx.size())),
                    String.join(", ", methods), wall, cpu, hwmMb, shares.share(s.stream(), end)));
        }
        long records = sync.sink().records();
        long sub = trace.stream().mapToLong(TraceProxy.Request::subCommands).sum();
        line(String.format(Locale.ROOT, "| **total** | **%s** | **%d** | **%d** | **%s** | | **%.2f** | **%.2f** | **%s** | **%.0f** |",
                fmt(records), trace.size(), sub, fmt(Math.round(records / (double) Math.max(1, trace.size()))),
                sync.wallNanos() / 1e9, sync.cpuSeconds(), mb(sync.maxRssKb()), modelSync));
        line("");
        line(String.format(Locale.ROOT, "Sync process: %.2f s wall (JVM start included), CPU %.2f s (user %.2f + sys %.2f) = %.2f s per 100,000 records, "
                        + "peak RSS %s MB, stdout %s MB in %s lines (%d STATE)%s. Requests counted by the portal relay: %d; summed over the tap's own per-stream summary: %d%s.",
                sync.wallNanos() / 1e9, sync.cpuSeconds(), sync.userSeconds(), sync.sysSeconds(),
                sync.cpuSeconds() * 100_000 / Math.max(1, records), mb(sync.maxRssKb()), mb(sync.sink().bytes() / 1024),
                fmt(sync.sink().lines()), sync.sink().states(),
                sync.sink().malformed() == 0 ? "" : ", " + sync.sink().malformed() + " unrecognised lines",
                trace.size(), tapRequests, trace.size() == tapRequests ? " (equal)"
                        : trace.size() < tapRequests ? " (more: a request that carried several streams' sub-calls counts for each of them)"
                        : " (FEWER: requests no stream counted)"));
        line("");
        double limitedTotal = modelDiscover + modelSync;
        double[] at480 = LimitModel.standard(SERVER_OPERATING_BUDGET).replay(steps);
        List<LimitModel.Step> noServer = steps.stream().map(x -> new LimitModel.Step(x.gap(), 0, x.calls())).toList();
        double[] rateOnly = new LimitModel(2, 50, Double.MAX_VALUE).replay(noServer);
        line(String.format(Locale.ROOT, "%s (2 req/s, burst 50; simulated server time; tap pausing a method above %.0f s "
                        + "of operating time): discovery %.1f s + sync %.1f s = **%.1f s (%.1f min)**. Simulated server time summed over the sync: %.1f s.",
                paced ? "The unpaced trace replayed through the limit model (bench.LimitModel, streams one after another)"
                        : "Computed under the standard limit", TAP_OPERATING_THRESHOLD, modelDiscover, modelSync, limitedTotal, limitedTotal / 60,
                trace.stream().mapToDouble(TraceProxy.Request::duration).sum()));
        line("");
        if (end.length > 0) {
            line(String.format(Locale.ROOT, "Same trace, other assumptions: pausing only at the server's %.0f s budget: sync %.1f min; "
                            + "rate limit alone (server time 0, no operating-time pauses): sync %.1f min.",
                    SERVER_OPERATING_BUDGET, (head + at480[at480.length - 1] + tail) / 60, (head + rateOnly[rateOnly.length - 1] + tail) / 60));
            line("");
        }
        sTraces.put(sc.name() + ".modelTotal", limitedTotal);
        dealsWithChildren(sc, run, shares);
    }

    /**
     * Issue 6's figure: a sync of deals and its children alone, under the standard limit. The
     * stretch of the trace where the deals were read with their children riding along, replayed
     * on its own (a fresh bucket, as a run of only these streams would start).
     */
    private void dealsWithChildren(Scenario sc, Run run, SubCallShares shares) {
        List<String> family = new ArrayList<>(List.of("deals"));
        run.sync().streams().stream().filter(s -> "deals".equals(s.along())).forEach(s -> family.add(s.stream()));
        if (!sc.dealOptions() || family.size() == 1) {
            return;
        }
        java.util.TreeSet<Integer> idx = new java.util.TreeSet<>();
        family.forEach(n -> idx.addAll(shares.requests(n)));
        List<TraceProxy.Request> reqs = idx.stream().map(run.syncTrace()::get).toList();
        List<LimitModel.Step> steps = steps(reqs, false);
        double[] at200 = LimitModel.standard(TAP_OPERATING_THRESHOLD).replay(steps);
        double[] at480 = LimitModel.standard(SERVER_OPERATING_BUDGET).replay(steps);
        double rateFloor = Math.max(0, reqs.size() - 50) / 2.0;
        double server = reqs.stream().mapToDouble(TraceProxy.Request::duration).sum();
        double minutes = at200[at200.length - 1] / 60;
        sTraces.put(sc.name() + ".children", minutes * 60);
        line(String.format(Locale.ROOT, "Deals with their children (%s, `CONTACT_IDS` in deals), read together: %d requests; "
                        + "that stretch of the trace replayed alone under the standard limit: **%.1f min** (%.1f min pausing only "
                        + "at the server's %.0f s); floors: request rate %.1f min, simulated server time %.1f min.",
                String.join(", ", family.subList(1, family.size())), reqs.size(), minutes,
                at480[at480.length - 1] / 60, SERVER_OPERATING_BUDGET, rateFloor / 60, server / 60));
        line("");
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** Replay steps: client gaps measured on the trace; server time simulated ({@code time.duration}) or as measured. */
    static List<LimitModel.Step> steps(List<TraceProxy.Request> trace, boolean measuredServer) {
        List<LimitModel.Step> steps = new ArrayList<>(trace.size());
        for (int i = 0; i < trace.size(); i++) {
            TraceProxy.Request r = trace.get(i);
            double gap = i == 0 ? 0 : Math.max(0, (r.arrivedNanos() - trace.get(i - 1).answeredNanos()) / 1e9);
            double server = measuredServer ? (r.answeredNanos() - r.arrivedNanos()) / 1e9 : r.duration();
            steps.add(new LimitModel.Step(gap, server, r.calls()));
        }
        return steps;
    }

    // ---- the naive baseline -----------------------------------------------------------------

    /** The naive reads: real list paging; per-deal children real on a sample, scaled to every deal. */
    record NaiveRun(List<NaiveClient.Read> reads, Map<String, List<TraceProxy.Request>> traces, Map<String, Double> scale,
                    double seconds) {
    }

    private NaiveRun naive(Scenario sc, NaiveClient naive, TraceProxy proxy) throws Exception {
        System.out.println("bench: naive baseline for " + sc.name());
        long t0 = System.nanoTime();
        List<NaiveClient.Read> reads = new ArrayList<>();
        Map<String, List<TraceProxy.Request>> traces = new LinkedHashMap<>();
        Map<String, Double> scale = new LinkedHashMap<>();
        List<Long> dealIds = new ArrayList<>();
        proxy.drain();
        reads.add(naive.list("deals", "crm.deal.list", NaiveClient.byId("ID", "*", "UF_*"), null, dealIds));
        traces.put("deals", proxy.drain());
        if (sc.allStreams()) {
            listRead(reads, traces, proxy, naive, "contacts", "crm.contact.list", NaiveClient.byId("ID", "*", "UF_*"), null);
            listRead(reads, traces, proxy, naive, "companies", "crm.company.list", NaiveClient.byId("ID", "*", "UF_*"), null);
            listRead(reads, traces, proxy, naive, "leads", "crm.lead.list", NaiveClient.byId("ID", "*", "UF_*"), null);
            listRead(reads, traces, proxy, naive, "activities", "crm.activity.list", NaiveClient.byId("ID", "*"), null);
            listRead(reads, traces, proxy, naive, "product", "crm.product.list", NaiveClient.byId("ID", "*"), null);
            for (int etid : PortalOptions.defaults().withDeals(sc.deals()).spaTypeSizes().keySet()) {
                ObjectNode p = NaiveClient.byId("id");
                p.put("entityTypeId", etid);
                listRead(reads, traces, proxy, naive, "spa_" + etid, "crm.item.list", p, "items");
            }
            ObjectNode dh = NaiveClient.byId("ID");
            dh.put("entityTypeId", 2);
            listRead(reads, traces, proxy, naive, "deal_stage_history", "crm.stagehistory.list", dh, "items");
            ObjectNode lh = NaiveClient.byId("ID");
            lh.put("entityTypeId", 1);
            listRead(reads, traces, proxy, naive, "lead_stage_history", "crm.stagehistory.list", lh, "items");
            listRead(reads, traces, proxy, naive, "users", "user.get", NaiveClient.params(), null);
            listRead(reads, traces, proxy, naive, "calls", "voximplant.statistic.get", NaiveClient.params(), null);
        }
        if (sc.dealOptions() && sc.naiveChildSample() > 0) {
            List<Long> sample = NaiveClient.sample(dealIds, sc.naiveChildSample());
            double factor = dealIds.size() / (double) sample.size();
            String[][] children = {{"CONTACT_IDS", "crm.deal.contact.items.get"}, {"deal_comments", "crm.timeline.comment.list"},
                    {"deal_products", "crm.deal.productrows.get"}};
            for (String[] c : children) {
                reads.add(naive.perDeal(c[0], c[1], sample));
                traces.put(c[0], proxy.drain());
                scale.put(c[0], factor);
            }
        }
        return new NaiveRun(reads, traces, scale, (System.nanoTime() - t0) / 1e9);
    }

    private static void listRead(List<NaiveClient.Read> reads, Map<String, List<TraceProxy.Request>> traces, TraceProxy proxy,
                                 NaiveClient naive, String stream, String method, ObjectNode params, String itemsKey) throws Exception {
        reads.add(naive.list(stream, method, params, itemsKey, null));
        traces.put(stream, proxy.drain());
    }

    private void naiveTable(Scenario sc, Run tap, NaiveRun naive) {
        SubCallShares shares = new SubCallShares(tap.syncTrace());
        List<LimitModel.Step> children = new ArrayList<>(); // issue 6: deals, contacts, comments, products
        Map<String, Long> tapRecords = new LinkedHashMap<>();
        tap.sync().sink().streams().forEach((k, v) -> tapRecords.put(k, v.records));
        line("Naive baseline (offset pages of 50 with COUNT, one request per deal per child option), same portal, same run"
                + String.format(Locale.ROOT, " (%.0f s of real time):", naive.seconds()));
        line("");
        line("| stream | naive records | naive HTTP requests | how | tap HTTP requests | requests ratio naive / tap | naive under standard limit s |");
        line("|---|---:|---:|---|---:|---:|---:|");
        List<LimitModel.Step> all = new ArrayList<>();
        long naiveTotal = 0;
        long tapTotalCovered = 0;
        for (NaiveClient.Read r : naive.reads()) {
            List<TraceProxy.Request> trace = naive.traces().get(r.stream());
            double factor = naive.scale().getOrDefault(r.stream(), 1.0);
            List<LimitModel.Step> steps = steps(trace, false);
            List<LimitModel.Step> scaled = new ArrayList<>();
            long reps = Math.round(factor);
            for (long k = 0; k < reps; k++) {
                scaled.addAll(steps);
            }
            double[] end = LimitModel.standard(SERVER_OPERATING_BUDGET).replay(scaled);
            all.addAll(scaled);
            if (List.of("deals", "CONTACT_IDS", "deal_comments", "deal_products").contains(r.stream())) {
                children.addAll(scaled);
            }
            long requests = Math.round(r.requests() * (double) reps);
            long records = Math.round(r.records() * (double) reps);
            naiveTotal += requests;
            String tapStream = r.stream().equals("CONTACT_IDS") ? null : r.stream();
            long tapReq = tapStream == null || shares.requests(tapStream).isEmpty() ? -1 : shares.requests(tapStream).size();
            if (tapReq > 0) {
                tapTotalCovered += tapReq;
            }
            String how = reps == 1 ? "measured" : String.format(Locale.ROOT, "measured on %s deals (%d requests), × %d computed",
                    fmt(r.requests() == 0 ? 0 : Math.round(sc.deals() / (double) reps)), r.requests(), reps);
            line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.0f |", r.stream(), fmt(records), fmt(requests), how,
                    tapReq < 0 ? (r.stream().equals("CONTACT_IDS") ? "in deals" : "–") : fmt(tapReq),
                    tapReq <= 0 ? "–" : String.format(Locale.ROOT, "%.1f×", requests / (double) tapReq),
                    end.length == 0 ? 0 : end[end.length - 1]));
        }
        double[] end = LimitModel.standard(SERVER_OPERATING_BUDGET).replay(all);
        double naiveWall = end.length == 0 ? 0 : end[end.length - 1];
        double tapWall = (double) sTraces.get(sc.name() + ".modelTotal");
        long tapAll = tap.syncTrace().size() + tap.discoverTrace().size();
        line(String.format(Locale.ROOT, "| **total** | | **%s** | | **%s** (all tap requests, discovery included) | **%.1f×** | **%.0f (%.1f h)** |",
                fmt(naiveTotal), fmt(tapAll), naiveTotal / (double) tapAll, naiveWall, naiveWall / 3600));
        line("");
        line(String.format(Locale.ROOT, "Under the standard limit: naive %.1f h against the tap's %.1f min: **%.0f× faster**. "
                        + "(Naive replay pauses a method only when the server would refuse it, at %.0f s of operating time; requests are sent one at a time.)",
                naiveWall / 3600, tapWall / 60, naiveWall / tapWall, SERVER_OPERATING_BUDGET));
        line("");
        Object tapChildren = sTraces.get(sc.name() + ".children");
        if (tapChildren != null && !children.isEmpty()) {
            double[] ce = LimitModel.standard(SERVER_OPERATING_BUDGET).replay(children);
            double naiveChildren = ce[ce.length - 1];
            line(String.format(Locale.ROOT, "Deals with all three options (issue 6): naive, one call per deal per option, "
                            + "%s requests, %.1f h; the tap %.1f min: **%.0f× faster**.", fmt(children.size()),
                    naiveChildren / 3600, (double) tapChildren / 60, naiveChildren / (double) tapChildren));
            line("");
        }
        for (NaiveClient.Read r : naive.reads()) {
            Long t = tapRecords.get(r.stream());
            double factor = naive.scale().getOrDefault(r.stream(), 1.0);
            if (t != null && factor == 1.0 && t != r.records()) {
                line("Note: " + r.stream() + ": naive read " + fmt(r.records()) + " records, the tap " + fmt(t) + ".");
                line("");
            }
        }
    }

    // ---- S under the real limit -------------------------------------------------------------

    private void limited(Scenario sc, Run unlimited) throws Exception {
        System.out.println("bench: " + sc.name() + " under the real limit (takes minutes)");
        Run run;
        try (PortalSimulator sim = PortalSimulator.start(portalOptions(sc, true));
             TraceProxy proxy = new TraceProxy(sim.baseUrl())) {
            String webhook = proxy.baseUrl() + sim.webhookUrl().substring(sim.baseUrl().length());
            Path config = writeConfig(sc.name() + "-limited", webhook, sc, true);
            run = runTap(sc, config, proxy, sc.name() + "-limited");
        }
        long errors503 = run.syncTrace().stream().filter(r -> r.status() == 503).count();
        long errors429 = run.syncTrace().stream().filter(r -> r.status() == 429).count();
        double clock = (run.syncTrace().get(run.syncTrace().size() - 1).answeredNanos() - run.syncTrace().get(0).arrivedNanos()) / 1e9;
        // The model's inputs: the tap's own work between requests as measured in the CPU-bound run (no waits there),
        // and the time the portal took for each request in this run (the relay measures it; the bucket wait happens
        // in the client before sending, so it is not in it). What the model adds is the limits: bucket and pauses.
        List<LimitModel.Step> free = steps(unlimited.syncTrace(), false);
        // a request the portal refused (HTTP 503) is sent again by the tap: pair the answered ones
        List<TraceProxy.Request> answered = run.syncTrace().stream().filter(r -> r.status() == 200).toList();
        List<LimitModel.Step> here = steps(answered, true);
        String verdict;
        if (free.size() == here.size()) {
            List<LimitModel.Step> mixed = new ArrayList<>();
            for (int i = 0; i < free.size(); i++) {
                mixed.add(new LimitModel.Step(free.get(i).gap(), here.get(i).server(), free.get(i).calls()));
            }
            double[] predicted = LimitModel.standard(TAP_OPERATING_THRESHOLD).replay(mixed);
            double p = predicted[predicted.length - 1];
            verdict = String.format(Locale.ROOT, "The model, replaying the tap's work between requests from the CPU-bound run with the "
                    + "portal's response times of this run, predicts **%.1f s** (%+.1f %% against the clock%s).", p, 100 * (p - clock) / clock,
                    answered.size() == run.syncTrace().size() ? ""
                            : "; the model has no refusals, the clock includes the tap's back-off after the "
                            + (run.syncTrace().size() - answered.size()) + " refused");
        } else {
            verdict = "The two runs sent different numbers of requests (" + free.size() + " and " + here.size()
                    + "), so the model was not compared request by request.";
        }
        double[] simulated = LimitModel.standard(TAP_OPERATING_THRESHOLD).replay(free);
        line(String.format(Locale.ROOT, "**%s under the real limit** (portal: leaky bucket 2/s burst 50 and operating budget ON; tap: "
                        + "client bucket 2/s burst 50, operating threshold %.0f s, its defaults): the sync's %d HTTP requests took "
                        + "**%.1f s** by the clock from first request to last answer (process %.1f s, CPU %.2f s); %d × HTTP 503, %d × HTTP 429. %s%s "
                        + "With the cost model's simulated server times instead (what the replayed figures above use) the span is %.1f s.",
                sc.name(), TAP_OPERATING_THRESHOLD, run.syncTrace().size(), clock, run.sync().wallNanos() / 1e9, run.sync().cpuSeconds(),
                errors503, errors429, paced ? virtualVerdict(sc, answered, clock) + " " : "", verdict, simulated[simulated.length - 1]));
        line("");
    }

    /**
     * The virtual clock against the real one: the same scenario paced on the virtual clock (the tap in this JVM,
     * its own bucket and threshold, the same portal limits), each answered request taking the time the portal took
     * for it in the run on the real clock, from the request going out to its answer.
     */
    private String virtualVerdict(Scenario sc, List<TraceProxy.Request> answered, double clock) {
        long[] server = answered.stream().mapToLong(r -> r.answeredNanos() - r.arrivedNanos()).toArray();
        PortalOptions options = PacedBench.portal(sc.deals()).withAdvanceClockOnRequest(false);
        PacedBench.Run v;
        try {
            v = PacedBench.run(options, configJson("", sc, true), sc.only(), server);
        } catch (IllegalStateException e) {
            return "The virtual clock could not replay this run: " + e.getMessage() + ".";
        }
        double predicted = v.result().syncSpan() / 1e9;
        io.github.tapbitrix24.pacing.VirtualTime.Account a = v.result().sync();
        return String.format(Locale.ROOT, "**The virtual clock predicts %.1f s** (%+.2f %% against the clock): the tap paced on it in this JVM, "
                        + "%d requests, each answered one taking the portal's response time of this run (%.1f s in all), rate waits %.1f s, "
                        + "operating-time pauses %.1f s, back-off %.1f s, client time %.1f s (CPU of the tap's threads).",
                predicted, 100 * (predicted - clock) / clock, a.requests(), a.server() / 1e9, a.rateWaits() / 1e9, a.pauses() / 1e9,
                a.backoff() / 1e9, a.client() / 1e9);
    }

    // ---- summary ------------------------------------------------------------------------------

    /** One row per scenario: the paced total beside its floors, and the unpaced jar's CPU and memory. */
    private void summary() {
        if (cpuRuns.isEmpty()) {
            return;
        }
        line("### Summary");
        line("");
        line("| scenario | records | requests (paced) | **paced total min** | server time min | request-rate floor min | busiest method's budget floor min | unpaced CPU s per 100,000 records | peak RSS MB |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<Scenario, TapProcess.Result> e : cpuRuns.entrySet()) {
            TapProcess.Result cpu = e.getValue();
            long records = cpu.sink().records();
            String perRecords = String.format(Locale.ROOT, "%.2f", cpu.cpuSeconds() * 100_000 / Math.max(1, records));
            PacedBench.Run p = pacedRuns.get(e.getKey());
            if (p == null) {
                line(String.format(Locale.ROOT, "| %s | %s | – | – | – | – | – | %s | %s |", e.getKey().name(), fmt(records), perRecords,
                        mb(cpu.maxRssKb())));
                continue;
            }
            PacedBench.Floors f = PacedBench.floors(p.result(), TAP_OPERATING_THRESHOLD);
            line(String.format(Locale.ROOT, "| %s | %s | %d | **%.1f** | %.1f | %.1f | %s | %s | %s |", e.getKey().name(), fmt(records),
                    p.result().sync().requests(), p.totalSeconds() / 60, f.server() / 60, f.rate() / 60,
                    f.busiest() == null ? "–" : String.format(Locale.ROOT, "%.1f (`%s`)", f.busiest().floor() / 60, f.busiest().method()),
                    perRecords, mb(cpu.maxRssKb())));
        }
        line("");
    }

    // ---- start-up -----------------------------------------------------------------------------

    private void startup(int runs) throws Exception {
        System.out.println("bench: start-up, " + runs + " runs each");
        double[] about = new double[runs];
        double[] discover = new double[runs];
        try (PortalSimulator sim = PortalSimulator.start(portalOptions(Scenario.of("S"), false))) {
            Path config = writeConfig("startup", sim.webhookUrl(), Scenario.of("S"), false);
            for (int i = 0; i < runs; i++) {
                about[i] = launch(List.of("--about"));
                discover[i] = launch(List.of("--config", config.toString(), "--discover"));
            }
        }
        line("### Start-up (JVM start included, launcher options, " + runs + " runs each, alternating)");
        line("");
        line("| command | median s | min s | max s |");
        line("|---|---:|---:|---:|");
        line(String.format(Locale.ROOT, "| `--about` | %.3f | %.3f | %.3f |", median(about), min(about), max(about)));
        line(String.format(Locale.ROOT, "| `--discover` (10,000-deal simulator) | %.3f | %.3f | %.3f |", median(discover), min(discover), max(discover)));
        line("");
    }

    private double launch(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", TapProcess.launcher(jar).toString()));
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException(args + " exited " + code);
        }
        return s;
    }

    // ---- simulator figures ------------------------------------------------------------------

    /** Latency of 50-command keyset batches of full deal pages (select * + UF_*), direct to the portal. */
    private static double[] batchLatency(PortalSimulator sim, int rounds) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        double[] ms = new double[rounds];
        long after = 0;
        for (int i = 0; i < rounds; i++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("halt", 1);
            ObjectNode cmd = body.putObject("cmd");
            for (int k = 0; k < 50; k++) {
                String ref = k == 0 ? Long.toString(after) : java.net.URLEncoder.encode("$result[p" + (k - 1) + "][49][ID]", StandardCharsets.UTF_8);
                cmd.put("p" + k, "crm.deal.list?order%5BID%5D=ASC&filter%5B%3EID%5D=" + ref + "&start=-1");
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create(sim.webhookUrl() + "batch.json"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            JsonNode last = JSON.readTree(r.body()).path("result").path("result").path("p49");
            after = last.size() == 50 ? last.get(49).path("ID").asLong() : 0; // wrap around at the end of the table
        }
        return ms;
    }

    private static String heapUsed() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return mb((rt.totalMemory() - rt.freeMemory()) / 1024);
    }

    // ---- formatting ---------------------------------------------------------------------------

    private void line(String s) {
        md.append(s).append('\n');
        System.out.println(s);
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }

    static double median(double[] v) {
        return pct(v, 0.5);
    }

    static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(p * s.length))];
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
