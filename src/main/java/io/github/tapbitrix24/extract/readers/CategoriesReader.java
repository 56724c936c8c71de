package io.github.tapbitrix24.extract.readers;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.extract.paging.ListDialect;
import io.github.tapbitrix24.extract.paging.StreamCalls;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.spi.StreamUnavailableException;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.streams.CrmStreams;
import io.github.tapbitrix24.streams.StreamRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code categories} stream: the funnels of deals, smart invoices and every smart process.
 * {@code crm.category.list} takes one {@code entityTypeId} and answers {@code result.categories}
 * (D:api-reference/crm/universal/category/crm-category-list.md), so the types come first from
 * {@code crm.type.list} (D:api-reference/crm/universal/user-defined-object-types/crm-type-list.md),
 * then one batch asks every type's funnels, 50 types per request. A type that has no funnels
 * ({@code ENTITY_TYPE_NOT_SUPPORTED}) or is gone ({@code NOT_FOUND}) has none to write; a webhook
 * whose user may not list the SPA types (crm.type.list needs CRM administrator rights) still gets
 * the funnels of deals and smart invoices, with a line saying so.
 */
public final class CategoriesReader implements StreamReader {
    private static final Logger LOG = Logger.getLogger(CategoriesReader.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String METHOD = "crm.category.list";

    private final BitrixApi api;

    public CategoriesReader(BitrixApi api) {
        this.api = api;
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        List<Integer> types = new ArrayList<>(List.of(StreamRegistry.DEAL_TYPE_ID, CrmStreams.SMART_INVOICE_TYPE_ID));
        types.addAll(spaTypeIds(plan.name()));
        for (int from = 0; from < types.size(); from += ListDialect.PAGE_SIZE) {
            List<BatchCommand> cmds = new ArrayList<>();
            for (int etid : types.subList(from, Math.min(types.size(), from + ListDialect.PAGE_SIZE))) {
                cmds.add(new BatchCommand("c" + etid, METHOD, params(etid, 0)));
            }
            for (SubResult r : StreamCalls.batch(api, plan.name(), cmds).results()) {
                int etid = Integer.parseInt(r.key().substring(1));
                JsonNode result = r.ok() ? r.result() : retried(plan.name(), etid, r);
                Integer next = r.ok() ? r.next() : null;
                while (result != null) {
                    out.rows(rows(result, etid), row -> true);
                    if (next == null) {
                        break;
                    }
                    Envelope e = StreamCalls.call(api, plan.name(), METHOD, params(etid, next));
                    result = e.result();
                    next = e.next();
                }
            }
        }
        out.complete(null);
    }

    /** The answer of a failed sub-call asked again on its own, or null when the type has no funnels. */
    private JsonNode retried(String stream, int etid, SubResult failed) {
        BitrixException error = failed.error();
        if (error != null && !error.kind().retryable() && noFunnels(error)) {
            LOG.fine(() -> "stream " + stream + ": entity type " + etid + " has no funnels (" + error.code() + ")");
            return null;
        }
        try {
            return StreamCalls.call(api, stream, METHOD, params(etid, 0)).result();
        } catch (BitrixException e) {
            if (noFunnels(e)) {
                return null;
            }
            throw e;
        }
    }

    private static boolean noFunnels(BitrixException e) {
        return "ENTITY_TYPE_NOT_SUPPORTED".equals(e.code()) || "NOT_FOUND".equals(e.code());
    }

    /** The SPA types, or none when the webhook's user may not list them. */
    private List<Integer> spaTypeIds(String stream) {
        List<Integer> ids = new ArrayList<>();
        Integer start = 0;
        try {
            while (start != null) {
                ObjectNode p = F.objectNode();
                p.putObject("order").put("id", "ASC");
                p.put("start", start);
                Envelope e = api.call("crm.type.list", p);
                for (JsonNode t : e.result().path("types").values()) {
                    int id = t.path("entityTypeId").asInt(0);
                    if (id > 0 && !ids.contains(id)) {
                        ids.add(id);
                    }
                }
                start = e.next();
            }
        } catch (BitrixException e) {
            if (!StreamUnavailableException.isUnavailable(e)) {
                throw e;
            }
            LOG.warning(() -> "stream " + stream + ": crm.type.list was refused (" + e.getMessage()
                    + "); only the funnels of deals and smart invoices are read");
            return List.of();
        }
        return ids;
    }

    private static ObjectNode params(int entityTypeId, long start) {
        ObjectNode p = F.objectNode().put("entityTypeId", entityTypeId);
        if (start > 0) {
            p.put("start", start);
        }
        return p;
    }

    /** The funnels of one answer, each with its entityTypeId (the key's first part). */
    private static ArrayNode rows(JsonNode result, int entityTypeId) {
        ArrayNode out = F.arrayNode();
        for (JsonNode c : result.path("categories").values()) {
            if (c instanceof ObjectNode o) {
                ObjectNode row = o.deepCopy();
                if (!row.hasNonNull("entityTypeId")) {
                    row.put("entityTypeId", entityTypeId);
                }
                out.add(row);
            }
        }
        return out;
    }
}
