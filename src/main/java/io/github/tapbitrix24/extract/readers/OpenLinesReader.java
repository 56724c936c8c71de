package io.github.tapbitrix24.extract.readers;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.extract.paging.StreamCalls;
import io.github.tapbitrix24.extract.spi.PrefetchedCalls;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.streams.StreamSpec;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * imopenlines.config.list.get: {@code PARAMS.limit} (at most 200) and {@code PARAMS.offset}, a plain
 * result array, no {@code next}/{@code total}; pages until one holds fewer than the limit
 * (D:api-reference/imopenlines/openlines/imopenlines-config-list-get.md). Full table.
 */
public final class OpenLinesReader implements StreamReader {
    static final int LIMIT = 200;

    private final BitrixApi api;

    public OpenLinesReader(BitrixApi api) {
        this.api = api;
    }


    @Override
    public Optional<PrefetchedCalls.Call> firstCall(StreamSpec spec) {
        return Optional.of(new PrefetchedCalls.Call(spec.method(), params(spec, 0)));
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        int offset = 0;
        while (true) {
            Envelope page = StreamCalls.call(api, plan.name(), plan.spec().method(), params(plan.spec(), offset));
            JsonNode rows = page.result() != null && page.result().isArray() ? page.result() : null;
            if (rows == null) {
                break;
            }
            out.rows(rows, r -> true);
            if (rows.size() < LIMIT) {
                break;
            }
            offset += rows.size();
        }
        out.complete(null);
    }

    private static ObjectNode params(StreamSpec spec, int offset) {
        ObjectNode params = spec.fixedParams().deepCopy();
        ObjectNode p = params.has("PARAMS") && params.get("PARAMS").isObject()
                ? (ObjectNode) params.get("PARAMS") : params.putObject("PARAMS");
        p.putObject("order").put("ID", "asc");
        p.put("limit", LIMIT).put("offset", offset);
        return params;
    }
}
