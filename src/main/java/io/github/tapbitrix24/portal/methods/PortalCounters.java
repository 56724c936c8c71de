package io.github.tapbitrix24.portal.methods;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the portal served: HTTP requests, batch sub-commands, calls and errors per method. */
public final class PortalCounters {
    private final AtomicLong http = new AtomicLong();
    private final AtomicLong sub = new AtomicLong();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder runNanos = new LongAdder();
    private final LongAdder renderNanos = new LongAdder();
    private final LongAdder sendNanos = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder renderCpuNanos = new LongAdder();

    /**
     * Wall-clock time the portal spent on the successful requests it answered (for the benchmark):
     * {@code run} = parameters, limits, filters and paging of every (sub-)command; {@code render} =
     * generating the rows and writing the JSON into the response buffer; {@code send} = headers and
     * body onto the socket. All in nanoseconds, summed over {@code requests}. {@code renderCpuNanos} is
     * the CPU time of the rendering thread, which load from other processes inflates far less than
     * wall time (0 where the JVM cannot measure thread CPU time).
     */
    public record Timing(long requests, long runNanos, long renderNanos, long sendNanos, long renderCpuNanos) {
        /** This minus an earlier snapshot. */
        public Timing since(Timing earlier) {
            return new Timing(requests - earlier.requests, runNanos - earlier.runNanos,
                    renderNanos - earlier.renderNanos, sendNanos - earlier.sendNanos, renderCpuNanos - earlier.renderCpuNanos);
        }
    }

    public void timing(long run, long render, long send, long renderCpu) {
        renderCpuNanos.add(renderCpu);
        runNanos.add(run);
        renderNanos.add(render);
        sendNanos.add(send);
        answered.increment();
    }

    /** A snapshot of the summed server-side times. */
    public Timing timing() {
        return new Timing(answered.sum(), runNanos.sum(), renderNanos.sum(), sendNanos.sum(), renderCpuNanos.sum());
    }

    public void httpRequest() {
        http.incrementAndGet();
    }

    public void subCommand() {
        sub.incrementAndGet();
    }

    public void call(String method) {
        calls.computeIfAbsent(method, k -> new LongAdder()).increment();
    }

    public void error(String method) {
        errors.computeIfAbsent(method, k -> new LongAdder()).increment();
    }

    /** HTTP requests received (a batch is one), faults and refusals included. */
    public long httpRequests() {
        return http.get();
    }

    /** Sub-commands executed inside batches. */
    public long subCommands() {
        return sub.get();
    }

    /** Calls of one method, direct or inside a batch. */
    public long calls(String method) {
        LongAdder a = calls.get(method);
        return a == null ? 0 : a.sum();
    }

    /** Error answers of one method (HTTP errors and batch {@code result_error} entries). */
    public long errors(String method) {
        LongAdder a = errors.get(method);
        return a == null ? 0 : a.sum();
    }

    public Map<String, Long> callsPerMethod() {
        return snapshot(calls);
    }

    public Map<String, Long> errorsPerMethod() {
        return snapshot(errors);
    }

    public long totalErrors() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        http.set(0);
        sub.set(0);
        calls.clear();
        errors.clear();
    }

    @Override
    public String toString() {
        return "PortalCounters[http=" + http.get() + ", sub=" + sub.get() + ", calls=" + callsPerMethod()
                + ", errors=" + errorsPerMethod() + "]";
    }
}
