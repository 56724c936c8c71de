package io.github.tapbitrix24.portal.methods;

import static org.junit.jupiter.api.Assertions.*;

import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.PortalClient;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.data.FieldDef;
import io.github.tapbitrix24.portal.data.Table;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * List pages written straight to the response ({@link StreamedRows}) are byte for byte the JSON the
 * tree path ({@code project(t.row(idx, wanted), select)}) produces, for every streamed dataset and
 * select form, patched rows included; batch references into them resolve as before.
 */
class PortalStreamingTest {
    private static final List<Dataset> STREAMED = List.of(Dataset.DEALS, Dataset.CONTACTS, Dataset.COMPANIES,
            Dataset.LEADS, Dataset.ACTIVITIES, Dataset.PRODUCTS);

    private static final List<String> SELECTS = List.of("[]", "[\"*\"]", "[\"UF_*\"]", "[\"*\",\"UF_*\"]",
            "[\"*\",\"PHONE\",\"EMAIL\",\"WEB\",\"IM\",\"UF_*\"]", "[\"DATE_MODIFY\",\"ID\",\"TITLE\",\"NO_SUCH_FIELD\"]",
            "[\"PROPERTY_*\",\"ID\"]");

    private static PortalSimulator start() {
        return PortalSimulator.start(PortalOptions.defaults().withRateLimit(false).withOperatingLimit(false));
    }

    @Test
    void streamedPagesEqualTheTreePagesForEveryDatasetAndSelect() {
        try (PortalSimulator sim = start()) {
            sim.data().set(Dataset.DEALS, 3, "TITLE", Json.F.stringNode("patched title"));
            sim.data().set(Dataset.DEALS, 4, "COMMENTS", Json.F.nullNode());
            sim.data().set(Dataset.CONTACTS, 5, "NOT_IN_SCHEMA", Json.F.stringNode("dropped"));
            for (Dataset d : STREAMED) {
                Table t = sim.data().table(d);
                assertTrue(t.streamable(), d.name());
                int[] rows = new int[Math.min(120, t.size())];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = i;
                }
                for (String sel : SELECTS) {
                    List<FieldDef> select = t.schema.selectOld(Json.parse(sel));
                    Set<String> wanted = new HashSet<>();
                    select.forEach(f -> wanted.add(f.code()));
                    ArrayNode tree = Json.array();
                    for (int idx : rows) {
                        tree.add(CrmMethods.project(t.row(idx, wanted), select));
                    }
                    String streamed = Json.MAPPER.writeValueAsString(new StreamedRows(t, rows, select, wanted).node());
                    assertEquals(Json.MAPPER.writeValueAsString(tree), streamed, d.name() + " select " + sel);
                }
            }
        }
    }

    @Test
    void aDealListPageOverHttpCarriesPatchesAndAbsentEmptyFiles() {
        try (PortalSimulator sim = start()) {
            sim.data().set(Dataset.DEALS, 2, "TITLE", Json.F.stringNode("Renamed"));
            JsonNode page = new PortalClient(sim).ok("crm.deal.list", "{\"order\":{\"ID\":\"ASC\"}}").get("result");
            assertEquals(50, page.size());
            assertEquals("Renamed", page.get(1).get("TITLE").stringValue());
            assertEquals("1", page.get(0).get("ID").stringValue());
            assertTrue(page.get(0).get("DATE_MODIFY").isString());
        }
    }

    @Test
    void batchReferencesIntoStreamedPagesResolveIdsOtherFieldsAndFailOnWholePages() {
        try (PortalSimulator sim = start()) {
            PortalClient c = new PortalClient(sim);
            JsonNode r = c.ok("batch", "{\"cmd\":{"
                    + "\"a\":\"crm.deal.list?order%5BID%5D=ASC&start=-1\","
                    + "\"b\":\"crm.deal.list?filter%5BID%5D=$result[a][49][ID]&select%5B%5D=ID\","
                    + "\"c\":\"crm.deal.list?filter%5BTITLE%5D=$result[a][2][TITLE]&select%5B%5D=ID\","
                    + "\"d\":\"crm.deal.list?filter%5BID%5D=$result[a]\"}}").get("result");
            JsonNode a = r.get("result").get("a");
            assertEquals(a.get(49).get("ID").stringValue(), r.get("result").get("b").get(0).get("ID").stringValue());
            assertEquals("3", r.get("result").get("c").get(0).get("ID").stringValue());
            assertEquals("INVALID_ARG_VALUE", r.get("result_error").get("d").get("error").stringValue());
        }
    }
}
