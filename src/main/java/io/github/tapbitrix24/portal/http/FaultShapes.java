package io.github.tapbitrix24.portal.http;

import io.github.tapbitrix24.portal.Fault;
import io.github.tapbitrix24.portal.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Faults that keep HTTP 200 and a JSON envelope but break its shape: what a broken proxy, a
 * half-deployed portal or a hostile server may send. Applied to a served answer's body; for a
 * batch to every sub-result.
 */
final class FaultShapes {
    private FaultShapes() {
    }

    static boolean reshapes(Fault fault) {
        return fault == Fault.PAGE_AS_STRING || fault == Fault.PAGE_AS_OBJECT || fault == Fault.NEXT_STUCK
                || fault == Fault.NEXT_HUGE;
    }

    static void apply(Fault fault, ObjectNode body, boolean batch) {
        if (!batch) {
            body.set("result", page(fault, body.get("result")));
            counts(fault, body, "next", "total");
            return;
        }
        JsonNode results = body.path("result").get("result");
        if (!(results instanceof ObjectNode subResults)) {
            return;
        }
        ObjectNode outer = (ObjectNode) body.get("result");
        ObjectNode nexts = outer.get("result_next") instanceof ObjectNode n ? n : outer.putObject("result_next");
        ObjectNode totals = outer.get("result_total") instanceof ObjectNode t ? t : outer.putObject("result_total");
        for (String key : subResults.propertyNames()) {
            subResults.set(key, page(fault, subResults.get(key)));
            if (fault == Fault.NEXT_STUCK) {
                nexts.put(key, 50);
            } else if (fault == Fault.NEXT_HUGE) {
                nexts.put(key, 1e12);
                totals.put(key, 1e30);
            }
        }
    }

    private static JsonNode page(Fault fault, JsonNode result) {
        if (fault == Fault.PAGE_AS_STRING) {
            return Json.F.stringNode("Array");
        }
        if (fault != Fault.PAGE_AS_OBJECT || result == null) {
            return result;
        }
        if (result instanceof ObjectNode o && o.has("items")) {
            ObjectNode copy = o.deepCopy();
            copy.set("rows", copy.remove("items"));
            return copy;
        }
        ObjectNode wrapped = Json.object();
        wrapped.set("rows", result);
        return wrapped;
    }

    private static void counts(Fault fault, ObjectNode body, String next, String total) {
        if (fault == Fault.NEXT_STUCK) {
            body.put(next, 50);
        } else if (fault == Fault.NEXT_HUGE) {
            body.put(next, 1e12);
            body.put(total, 1e30);
        }
    }
}
