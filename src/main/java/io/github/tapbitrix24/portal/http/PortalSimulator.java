package io.github.tapbitrix24.portal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.tapbitrix24.portal.Fault;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.PortalClock;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.data.PortalData;
import io.github.tapbitrix24.portal.methods.Methods;
import io.github.tapbitrix24.portal.methods.OperatingBudget;
import io.github.tapbitrix24.portal.methods.PortalCounters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated Bitrix24 portal over real loopback HTTP: {@code /rest/<user>/<token>/<method>[.json]}
 * with JSON, form-encoded (PHP bracket syntax) and query-string parameters, the real envelope, limits,
 * errors and generated data (bitrix24-api.md §1–§6). Backs {@code --demo}, the tests and the benchmark.
 *
 * <pre>
 * try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(1000))) {
 *     String url = sim.webhookUrl();   // http://127.0.0.1:port/rest/1/token/
 * }
 * </pre>
 */
public final class PortalSimulator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PortalSimulator.class.getName());

    static {
        // Without TCP_NODELAY the JDK server's small writes meet the client's delayed ACK and every
        // response waits ~40 ms (Nagle). The property is read once, when the JDK server loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final PortalOptions options;
    private final PortalClock clock;
    private final PortalData data;
    private final PortalCounters counters = new PortalCounters();
    private final FaultInjector faults = new FaultInjector();
    private final RateLimiter rate;
    private final OperatingBudget budget;
    private final Methods methods;
    private final Batch batch;
    private final List<Consumer<ServedRequest>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService executor;
    private final String token;

    private PortalSimulator(PortalOptions options) throws IOException {
        this.options = options;
        this.clock = options.clockMode() == PortalClock.Mode.MANUAL
                ? PortalClock.manual(options.clockStart(), options.utcOffset())
                : PortalClock.real(options.utcOffset());
        this.data = new PortalData(options, clock);
        this.rate = new RateLimiter(options.ratePerSecond(), options.rateBurst());
        this.budget = new OperatingBudget(options.operatingBudget().toMillis() / 1000.0);
        this.methods = new Methods(options, data, budget, counters);
        this.batch = new Batch(methods, counters);
        this.token = options.effectiveToken();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "portal-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Generates the data and binds 127.0.0.1 on a free port. */
    public static PortalSimulator start(PortalOptions options) {
        try {
            return new PortalSimulator(options);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the simulated portal on 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/rest/<user>/<token>/}: holds the secret, do not print it. */
    public String webhookUrl() {
        return baseUrl() + "/rest/" + options.userId() + "/" + token + "/";
    }

    /** The webhook URL with the token masked, safe to print. */
    public String maskedWebhookUrl() {
        return baseUrl() + "/rest/" + options.userId() + "/***/";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public PortalOptions options() {
        return options;
    }

    public PortalClock clock() {
        return clock;
    }

    public PortalData data() {
        return data;
    }

    public PortalCounters counters() {
        return counters;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Called after each HTTP request is answered (before its bytes are sent), outside the data lock. */
    public void onRequest(Consumer<ServedRequest> listener) {
        listeners.add(listener);
    }

    /** Empties the rate-limit bucket and the operating-time baskets. */
    public void resetLimits() {
        rate.reset();
        budget.reset();
    }

    /** Current {@code time.operating} of a method for this webhook. */
    public double operating(String method) {
        return budget.operating(method, clock.epochSecondsFraction());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- HTTP ------------------------------------------------------------------------------

    /** An answer: {@code length} bytes of {@code body} (a reused buffer for served methods). */
    private record Reply(int status, String contentType, byte[] body, int length, long runNanos, long renderNanos,
                         long renderCpuNanos) {
        Reply(int status, String contentType, byte[] body) {
            this(status, contentType, body, body.length, -1, 0, 0);
        }
    }

    /**
     * One response buffer per server thread: a 4 MB batch answer is serialised into it and written
     * from it with a Content-Length, without a copy ({@code toByteArray}) or a fresh array per request.
     * A buffer grown past {@link #KEEP_BUFFER} is dropped after use so an odd huge answer does not pin memory.
     */
    private static final class Buffer extends java.io.ByteArrayOutputStream {
        Buffer() {
            super(1 << 16);
        }

        byte[] array() {
            return buf;
        }
    }

    private static final int KEEP_BUFFER = 32 << 20;
    private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            counters.httpRequest();
            long seq = sequence.incrementAndGet();
            String path = ex.getRequestURI().getRawPath();
            String[] parts = path.split("/");
            // ["", "rest", user, token, method]
            String method = parts.length > 0 ? Methods.normalise(parts[parts.length - 1]) : "";
            Reply reply;
            Fault fault = null;
            if (parts.length < 3 || !parts[1].equals("rest")) {
                reply = error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
            } else if (parts.length < 5) {
                reply = error(401, "NO_AUTH_FOUND", "Wrong authorization data");
            } else if (!parts[2].equals(Integer.toString(options.userId())) || !parts[3].equals(token)
                    || faults.revoked()) {
                // D:_includes/system-errors.md: no active webhook with this user id and secret
                reply = error(401, "INVALID_CREDENTIALS", "Invalid request credentials");
            } else {
                fault = faults.next(method);
                if (OversizedBodies.handles(fault)) {
                    notifyListeners(new ServedRequest(seq, method, 200, fault));
                    OversizedBodies.send(fault, ex);
                    return;
                }
                if (fault == Fault.RESET) {
                    notifyListeners(new ServedRequest(seq, method, 0, fault));
                    throw new IOException("simulated connection reset"); // the server drops the connection
                }
                reply = switch (fault == null ? Fault.SLOW : fault) {
                    case HTTP_500 -> error(500, "INTERNAL_SERVER_ERROR", "Internal server error"
                            + (faults.plantsSecret() ? " in /rest/1/" + token + "/" + method : ""));
                    case HTTP_503_RATE -> error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
                    case REDIRECT_AWAY -> {
                        ex.getResponseHeaders().set("Location", "http://localhost:" + port() + path);
                        yield new Reply(302, "text/html; charset=UTF-8", new byte[0]);
                    }
                    case HTML_502 -> new Reply(502, "text/html; charset=UTF-8", ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
                            + "<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
                            + (faults.plantsSecret() ? "<!-- upstream /rest/1/" + token + "/" + method + " -->" : "")
                            + "</body>\r\n</html>\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    default -> serve(method, ex, fault);
                };
                if (fault == Fault.TRUNCATED) {
                    reply = new Reply(200, reply.contentType(), reply.body(), Math.max(1, reply.length() / 2), -1, 0, 0);
                }
            }
            notifyListeners(new ServedRequest(seq, method, reply.status(), fault));
            if (fault == Fault.SLOW) {
                try {
                    Thread.sleep(options.slowDelay().toMillis()); // a real wait, only when a test asks for it
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            long sendStart = System.nanoTime();
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            ex.sendResponseHeaders(reply.status(), reply.length() == 0 ? -1 : reply.length());
            try (OutputStream os = ex.getResponseBody()) {
                os.write(reply.body(), 0, reply.length());
            }
            if (reply.runNanos() >= 0) {
                counters.timing(reply.runNanos(), reply.renderNanos(), System.nanoTime() - sendStart, reply.renderCpuNanos());
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulated portal failed on a request", e);
            throw e;
        } finally {
            Buffer b = buffers.get();
            if (b.array().length > KEEP_BUFFER) {
                buffers.remove();
            }
        }
    }

    private void notifyListeners(ServedRequest r) {
        for (Consumer<ServedRequest> l : listeners) {
            l.accept(r);
        }
    }

    private static Reply error(int status, String code, String description) {
        ObjectNode o = Json.object();
        o.put("error", code);
        o.put("error_description", description);
        return new Reply(status, "application/json; charset=utf-8", Json.bytes(o));
    }

    private Reply serve(String method, HttpExchange ex, Fault fault) throws IOException {
        JsonNode params;
        try {
            params = params(ex);
        } catch (RuntimeException e) {
            counters.error(method);
            return error(400, "INVALID_REQUEST", "Request body is not valid JSON");
        }
        long began = System.nanoTime();
        data.lock.lock();
        try {
            double start = clock.epochSecondsFraction();
            if (options.rateLimit() && !rate.tryAcquire(start)) {
                counters.call(method);
                counters.error(method);
                return error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
            }
            ObjectNode body = Json.object();
            double seconds;
            if (method.equals("batch")) {
                counters.call(method);
                Map.Entry<ObjectNode, Double> r = batch.run(params, start);
                seconds = r.getValue() + 0.001;
                body.set("result", r.getKey());
                // the outer batch does not count toward operating (D:limits.md)
                body.set("time", Methods.time(start, seconds, 0, (long) Math.ceil(start + OperatingBudget.WINDOW),
                        options.utcOffset()));
            } else {
                Methods.Outcome out = methods.call(method, params, start);
                seconds = out.seconds();
                if (out.error() != null) {
                    advance(start, seconds);
                    return error(out.error().httpStatus, out.error().code, out.error().description);
                }
                body.set("result", out.result().result());
                if (out.result().next() != null) {
                    body.put("next", out.result().next());
                }
                if (out.result().total() != null) {
                    body.put("total", out.result().total());
                }
                body.set("time", out.time());
            }
            advance(start, seconds);
            if (faults.plantsSecret()) {
                PlantedSecret.plant(body, token);
            }
            if (FaultShapes.reshapes(fault)) {
                FaultShapes.apply(fault, body, method.equals("batch"));
            }
            long rendering = System.nanoTime();
            long renderingCpu = threadCpu();
            Buffer out = buffers.get();
            out.reset();
            Json.write(body, out); // list pages generate their rows here, still under the lock
            long done = System.nanoTime();
            return new Reply(200, "application/json; charset=utf-8", out.array(), out.size(), rendering - began,
                    done - rendering, Math.max(0, threadCpu() - renderingCpu));
        } finally {
            data.lock.unlock();
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long threadCpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    private void advance(double start, double seconds) {
        if (options.advanceClockOnRequest() && clock.mode() == PortalClock.Mode.MANUAL) {
            long nanos = (long) Math.ceil((start + seconds) * 1e9);
            clock.advanceTo(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
        }
    }

    /** Query string, then the body (JSON, or form-encoded PHP brackets) on top. */
    private static JsonNode params(HttpExchange ex) throws IOException {
        URI uri = ex.getRequestURI();
        ObjectNode params = PhpQuery.parse(uri.getRawQuery());
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        if (raw.length == 0) {
            return params;
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).toLowerCase(java.util.Locale.ROOT);
        JsonNode parsed;
        if (type.contains("json") || (!type.contains("form") && body.stripLeading().startsWith("{"))) {
            parsed = Json.parse(body);
        } else {
            parsed = PhpQuery.parse(body);
        }
        if (parsed != null && parsed.isObject()) {
            parsed.properties().forEach(e -> params.set(e.getKey(), e.getValue()));
        }
        return params;
    }
}
