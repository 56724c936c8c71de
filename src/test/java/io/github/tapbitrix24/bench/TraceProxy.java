package io.github.tapbitrix24.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.tapbitrix24.pacing.CallStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback HTTP relay between a client and the simulated portal that writes down every request:
 * when it arrived, how long the portal took, the REST methods inside it (each batch sub-command)
 * and the simulated server time the portal reported for each ({@code result_time[key].processing},
 * {@code time.processing}, {@code time.duration}). The portal's own counters say how many calls of
 * each method it served; this trace says which HTTP request carried them and what they cost, which
 * the leaky-bucket model needs. Only the small request body and the {@code time} objects at the
 * end of each response are parsed, so the relay adds little CPU.
 */
final class TraceProxy implements AutoCloseable {
    /** Reads one value from the middle of a body: what follows it is not an error. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final byte[] RESULT_TIME = "\"result_time\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME = "\"time\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * One sub-call: its REST method, the processing seconds the portal charged for it, and the stream it
     * was made for ({@link CallStreams}; null when the relay was not told the streams).
     */
    record Call(String method, double processing, String stream) {
    }

    /**
     * One HTTP request.
     *
     * @param arrivedNanos  {@link System#nanoTime()} when the relay got it
     * @param answeredNanos when the relay finished sending the answer
     * @param portalNanos   how long the portal took (real time on this machine)
     * @param duration      {@code time.duration} the portal reported: simulated server time of the request
     * @param tapCpuTicks   the client's CPU ticks (user+sys) when the request arrived, or -1
     * @param tapHwmKb      the client's VmHWM when the request arrived, or -1
     */
    record Request(long seq, String method, List<Call> calls, int status, long responseBytes, long arrivedNanos,
                   long answeredNanos, long portalNanos, double duration, long tapCpuTicks, long tapHwmKb) {
        int subCommands() {
            return method.equals("batch") ? calls.size() : 0;
        }
    }

    private final String upstreamBase;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-relay");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Request> trace = new ArrayList<>();
    private volatile ProcSampler sampler;
    private volatile CallStreams streams;

    /** @param upstreamBase the portal's {@code http://127.0.0.1:port} */
    TraceProxy(String upstreamBase) throws IOException {
        this.upstreamBase = upstreamBase;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor); // one thread: requests are relayed in order, as the tap sends them
        server.createContext("/", this::relay);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Samples CPU and memory of the given client process at each request (null: no sampling). */
    void sampleClient(ProcSampler s) {
        sampler = s;
    }

    /** Names the stream of each sub-call from now on (null: no names). */
    void attribute(CallStreams s) {
        streams = s;
    }

    synchronized List<Request> drain() {
        List<Request> copy = List.copyOf(trace);
        trace.clear();
        return copy;
    }

    private void relay(HttpExchange ex) throws IOException {
        try (ex) {
            long arrived = System.nanoTime();
            ProcSampler s = sampler;
            long cpu = s == null ? -1 : s.cpuTicks();
            long hwm = s == null ? -1 : s.hwmKb();
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            String method = methodOf(path);
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(upstreamBase + path + (query == null ? "" : "?" + query)))
                    .timeout(Duration.ofMinutes(5));
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                rb.header("Content-Type", type);
            }
            rb.method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            long t0 = System.nanoTime();
            HttpResponse<byte[]> resp;
            try {
                resp = upstream.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            long portal = System.nanoTime() - t0;
            byte[] out = resp.body();
            ex.getResponseHeaders().set("Content-Type", resp.headers().firstValue("Content-Type").orElse("application/json"));
            ex.sendResponseHeaders(resp.statusCode(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
            long answered = System.nanoTime();
            List<Call> calls = calls(method, query, body, out, streams);
            double duration = durationOf(out);
            synchronized (this) {
                trace.add(new Request(trace.size() + 1, method, calls, resp.statusCode(), out.length, arrived, answered,
                        portal, duration, cpu, hwm));
            }
        }
    }

    static String methodOf(String path) {
        String m = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        return m.endsWith(".json") ? m.substring(0, m.length() - 5) : m;
    }

    /** The sub-calls of a batch (method from each command, cost from result_time), or the method itself. */
    private static List<Call> calls(String method, String query, byte[] request, byte[] response, CallStreams streams) {
        if (!method.equals("batch")) {
            JsonNode time = tail(response, TIME);
            double processing = time == null ? 0 : time.path("processing").asDouble(0);
            String stream = null;
            if (streams != null) {
                JsonNode params = request.length > 0 && request[0] == '{' ? JSON.readTree(request) : CallStreams.params(query);
                stream = streams.of(method, params);
            }
            return List.of(new Call(method, processing, stream));
        }
        JsonNode req = request.length == 0 ? null : JSON.readTree(request);
        JsonNode cmd = req == null ? null : req.get("cmd");
        JsonNode times = tail(response, RESULT_TIME);
        List<Call> calls = new ArrayList<>();
        if (cmd != null) {
            for (Map.Entry<String, JsonNode> c : cmd.properties()) {
                String text = c.getValue().asString();
                int q = text.indexOf('?');
                String m = (q < 0 ? text : text.substring(0, q)).trim().toLowerCase(java.util.Locale.ROOT);
                JsonNode t = times == null || !times.isObject() ? null : times.get(c.getKey());
                calls.add(new Call(m, t == null ? 0 : t.path("processing").asDouble(0),
                        streams == null ? null : streams.of(m, CallStreams.params(q < 0 ? null : text.substring(q + 1)))));
            }
        }
        return calls;
    }

    private static double durationOf(byte[] response) {
        JsonNode time = tail(response, TIME);
        return time == null ? 0 : time.path("duration").asDouble(0);
    }

    /** Parses the JSON value after the last occurrence of {@code key} (the envelope's last keys). */
    private static JsonNode tail(byte[] body, byte[] key) {
        int at = lastIndexOf(body, key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length;
        try (JsonParser p = JSON.createParser(body, from, body.length - from)) {
            p.nextToken();
            return JSON.readTree(p);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int lastIndexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Reads a process's CPU ticks and VmHWM from /proc. */
    record ProcSampler(long pid) {
        long cpuTicks() {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        long hwmKb() {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
            return -1;
        }
    }
}
