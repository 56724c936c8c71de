package io.github.tapbitrix24.singer;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Singer METRIC lines, as singer-python's {@code metrics} module writes them and orchestrators
 * such as Meltano read them from a tap's stderr:
 * {@code METRIC: {"type":"counter","metric":"record_count","value":12,"tags":{"stream":"deals"}}}.
 * Only the text; the caller logs it.
 */
public final class Metrics {
    private static final JsonMapper JSON = JsonMapper.shared();

    private Metrics() {
    }

    /** A counter: {@code record_count}, {@code http_request_count}. */
    public static String counter(String metric, long value, Map<String, String> tags) {
        return line("counter", metric, tags).put("value", value).toString();
    }

    /** A timer in seconds: {@code sync_duration}. */
    public static String timer(String metric, double seconds, Map<String, String> tags) {
        return line("timer", metric, tags).put("value", Math.round(seconds * 1000) / 1000.0).toString();
    }

    private static ObjectNode line(String type, String metric, Map<String, String> tags) {
        ObjectNode n = JSON.createObjectNode().put("type", type).put("metric", metric);
        ObjectNode t = n.putObject("tags");
        tags.forEach(t::put);
        return n;
    }

    /** The logged form: the prefix singer-python and Meltano look for, then the JSON. */
    public static String logged(String json) {
        return "METRIC: " + json;
    }
}
