package io.github.tapbitrix24.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trace's requests per stream, by the stream of each sub-call ({@link TraceProxy.Call#stream()}):
 * a request belongs to every stream that has a sub-call in it, and its cost is shared among them by
 * their number of sub-calls. Unlike the order streams run in, this holds when one batch carries
 * several streams' sub-calls.
 */
final class SubCallShares {
    /** Per stream: request index → that stream's sub-calls in it. */
    private final Map<String, Map<Integer, Integer>> byStream = new LinkedHashMap<>();
    private final List<TraceProxy.Request> trace;

    SubCallShares(List<TraceProxy.Request> trace) {
        this.trace = trace;
        for (int k = 0; k < trace.size(); k++) {
            for (TraceProxy.Call c : trace.get(k).calls()) {
                String s = c.stream() == null ? "(" + c.method() + ")" : c.stream();
                byStream.computeIfAbsent(s, x -> new TreeMap<>()).merge(k, 1, Integer::sum);
            }
        }
    }

    /** Every stream (and {@code (method)} for sub-calls of no stream), in order of first request. */
    List<String> streams() {
        return new ArrayList<>(byStream.keySet());
    }

    /** Indices of the requests carrying a sub-call of the stream, in order. */
    List<Integer> requests(String stream) {
        return new ArrayList<>(byStream.getOrDefault(stream, Map.of()).keySet());
    }

    long subCalls(String stream) {
        return byStream.getOrDefault(stream, Map.of()).values().stream().mapToLong(Integer::longValue).sum();
    }

    /** The stream's sub-calls per REST method, as "method (requests carrying them)". */
    Map<String, Integer> methods(String stream) {
        Map<String, Integer> out = new TreeMap<>();
        for (int k : requests(stream)) {
            trace.get(k).calls().stream().filter(c -> stream.equals(c.stream() == null ? "(" + c.method() + ")" : c.stream()))
                    .map(TraceProxy.Call::method).distinct().forEach(m -> out.merge(m, 1, Integer::sum));
        }
        return out;
    }

    /** The stream's share of replayed time: each request's time ({@code end[k] - end[k-1]}) split by sub-calls. */
    double share(String stream, double[] end) {
        double sum = 0;
        for (Map.Entry<Integer, Integer> e : byStream.getOrDefault(stream, Map.of()).entrySet()) {
            int k = e.getKey();
            int n = Math.max(1, trace.get(k).calls().size());
            sum += (end[k] - (k == 0 ? 0 : end[k - 1])) * e.getValue() / n;
        }
        return sum;
    }
}
