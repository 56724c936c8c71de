package io.github.tapbitrix24.extract.readers;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.extract.paging.ListDialect;
import io.github.tapbitrix24.extract.paging.StreamCalls;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code currencies} stream. {@code crm.currency.list} takes only {@code order} and returns
 * every currency with the localisation of the portal's language (D:api-reference/crm/currency/crm-currency-list.md);
 * crm.currency.fields lists {@code LANG} (type {@code currency_localization}), which the list does
 * not fill. So one batch asks {@code crm.currency.localizations.get} for every currency, 50 per
 * request (D:api-reference/crm/currency/localizations/crm-currency-localizations-get.md: result =
 * an object keyed by language). crm-currency-fields.md declares {@code LANG} multiple, so it carries
 * one localisation per language, each with its language code as {@code LID} (null when a currency has
 * none): a list keeps the language that the object's keys held.
 */
public final class CurrenciesReader implements StreamReader {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String LOCALIZATIONS = "crm.currency.localizations.get";

    private final BitrixApi api;

    public CurrenciesReader(BitrixApi api) {
        this.api = api;
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        ObjectNode p = F.objectNode();
        p.putObject("order").put("SORT", "asc");
        JsonNode result = StreamCalls.call(api, plan.name(), plan.spec().method(), p).result();
        List<ObjectNode> rows = new ArrayList<>();
        for (JsonNode c : result == null ? List.<JsonNode>of() : result.values()) {
            if (c instanceof ObjectNode o) {
                rows.add(o.deepCopy());
            }
        }
        boolean wanted = plan.select().isEmpty() || plan.select().contains("LANG");
        for (int from = 0; wanted && from < rows.size(); from += ListDialect.PAGE_SIZE) {
            List<ObjectNode> group = rows.subList(from, Math.min(rows.size(), from + ListDialect.PAGE_SIZE));
            List<BatchCommand> cmds = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                cmds.add(new BatchCommand("l" + i, LOCALIZATIONS,
                        F.objectNode().put("id", group.get(i).path("CURRENCY").asString(""))));
            }
            for (SubResult r : StreamCalls.batch(api, plan.name(), cmds).results()) {
                ObjectNode row = group.get(Integer.parseInt(r.key().substring(1)));
                // a failed sub-call is asked again on its own, where the client retries it or fails the run
                JsonNode lang = r.ok() ? r.result()
                        : StreamCalls.call(api, plan.name(), LOCALIZATIONS, F.objectNode().put("id", row.path("CURRENCY").asString(""))).result();
                row.set("LANG", lang != null && lang.isObject() && !lang.isEmpty() ? byLanguage(lang) : F.nullNode()); // [] = none
            }
        }
        ArrayNode all = F.arrayNode();
        rows.forEach(all::add);
        out.rows(all, row -> true);
        out.complete(null);
    }

    /** {"en": {...}, "de": {...}} as [{"LID": "en", ...}, {"LID": "de", ...}]. */
    private static ArrayNode byLanguage(JsonNode localizations) {
        ArrayNode list = F.arrayNode();
        localizations.properties().forEach(l -> {
            ObjectNode one = list.addObject().put("LID", l.getKey());
            if (l.getValue() instanceof ObjectNode o) {
                one.setAll(o);
            }
        });
        return list;
    }
}
