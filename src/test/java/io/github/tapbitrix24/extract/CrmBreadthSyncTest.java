package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.config.ProductRowStreams;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.schema.RecordCoercer;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 16: a first sync of every new stream equals the portal's data (counts and values), at the
 * request cost of the deal children (product rows: at least 1,000 rows per request); a second,
 * incremental run brings the changed quotes, invoices, leads, requisites and bank details with the
 * product rows of exactly the changed owners.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrmBreadthSyncTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<String> STREAMS = List.of("leads", "quotes", "invoices", "spa_128", "spa_1040",
            "lead_products", "quote_products", "invoice_products", "spa_products_128", "spa_products_1040", "categories",
            "currencies", "requisites", "requisite_bank_details", "addresses", "contact_companies", "company_contacts",
            "quote_fields", "invoice_fields");
    private ChildrenHarness c;
    private Catalog catalog;
    private SyncHarness.Run first;
    /** The portal's rows as the first run read them (a later test changes the portal). */
    private final Map<Dataset, List<ObjectNode>> atFirstRun = new LinkedHashMap<>();

    @BeforeAll
    void syncEverything() {
        c = new ChildrenHarness(PortalOptions.defaults().withDeals(8_000).withClockStart(START), 24, List.of(),
                cfg -> cfg.withProductRowStreams(ProductRowStreams.ALL));
        c.h.sim.clock().advance(Lookback.MODIFICATION.plusMinutes(5));
        catalog = c.catalog(STREAMS.toArray(String[]::new));
        first = c.sync(catalog, null);
        for (Dataset d : List.of(Dataset.QUOTES, Dataset.INVOICES, Dataset.productRowsOf(Dataset.LEADS),
                Dataset.productRowsOf(Dataset.QUOTES), Dataset.productRowsOf(Dataset.INVOICES),
                Dataset.productRowsOf(Dataset.spaItems(128)), Dataset.productRowsOf(Dataset.spaItems(1040)),
                Dataset.REQUISITES, Dataset.BANK_DETAILS, Dataset.CURRENCIES, Dataset.ALL_CATEGORIES, Dataset.ADDRESSES,
                Dataset.CONTACT_COMPANIES, Dataset.COMPANY_CONTACTS)) {
            atFirstRun.put(d, c.h.sim.data().rows(d));
        }
    }

    @AfterAll
    void stop() {
        c.close();
    }

    @Test
    void quotesAndInvoicesEqualThePortal() {
        assertStreamEqualsPortal(first, "quotes", Dataset.QUOTES, "id");
        assertStreamEqualsPortal(first, "invoices", Dataset.INVOICES, "id");
    }

    @Test
    void productRowsOfEveryOwnerEqualThePortal() {
        assertStreamEqualsPortal(first, "lead_products", Dataset.productRowsOf(Dataset.LEADS), "id");
        assertStreamEqualsPortal(first, "quote_products", Dataset.productRowsOf(Dataset.QUOTES), "id");
        assertStreamEqualsPortal(first, "invoice_products", Dataset.productRowsOf(Dataset.INVOICES), "id");
        for (int spa : List.of(128, 1040)) {
            assertStreamEqualsPortal(first, "spa_products_" + spa, Dataset.productRowsOf(Dataset.spaItems(spa)), "id");
            assertTrue(first.records("spa_products_" + spa).stream()
                    .allMatch(r -> r.get("ownerType").asString().equals("T" + Integer.toHexString(spa))), "owner type T+hex");
        }
    }

    @Test
    void dictionariesRequisitesAddressesAndLinksEqualThePortal() {
        assertStreamEqualsPortal(first, "requisites", Dataset.REQUISITES, "ID");
        assertStreamEqualsPortal(first, "requisite_bank_details", Dataset.BANK_DETAILS, "ID");
        assertStreamEqualsPortal(first, "currencies", Dataset.CURRENCIES, "CURRENCY");
        assertStreamEqualsPortal(first, "categories", Dataset.ALL_CATEGORIES, "entityTypeId", "id");
        assertStreamEqualsPortal(first, "addresses", Dataset.ADDRESSES, "ENTITY_TYPE_ID", "ENTITY_ID", "TYPE_ID");
        assertStreamEqualsPortal(first, "contact_companies", Dataset.CONTACT_COMPANIES, "CONTACT_ID", "COMPANY_ID");
        assertStreamEqualsPortal(first, "company_contacts", Dataset.COMPANY_CONTACTS, "COMPANY_ID", "CONTACT_ID");
        Set<Long> funnelTypes = first.records("categories").stream().map(r -> r.get("entityTypeId").asLong())
                .collect(Collectors.toSet());
        assertEquals(Set.of(2L, 31L, 128L, 1040L, 1042L), funnelTypes, "deals, smart invoices and every smart process");
        assertTrue(first.records("currencies").stream().allMatch(r -> r.get("LANG").has("de")), "localisations");
    }

    @Test
    void requestCountsStayWithinTheBudgets() {
        for (String s : List.of("lead_products", "quote_products", "invoice_products")) {
            long rows = first.records(s).size();
            long requests = first.httpRequestsOf(s);
            assertTrue(rows >= 2_000 && requests * 1_000 <= rows, s + ": " + requests + " requests for " + rows + " rows");
        }
        for (String s : List.of("quotes", "invoices", "requisites", "requisite_bank_details", "addresses",
                "contact_companies", "company_contacts")) {
            long rows = first.records(s).size();
            long requests = first.httpRequestsOf(s);
            // 2,500 rows per keyset request (addresses: 50 offset pages per batch), plus the first page
            assertTrue(requests <= 2 + rows / 2_000, s + ": " + requests + " requests for " + rows + " rows");
        }
        assertEquals(2, first.httpRequestsOf("categories"), "crm.type.list, then one batch for every type's funnels");
        assertEquals(2, first.httpRequestsOf("currencies"), "the list, then one batch of localisations");
    }

    @Test
    void everyRecordValidatesAgainstItsSchema() {
        first.assertRecordsValidateAgainstTheirSchemas();
    }

    @Test
    void aSecondRunBringsTheChangedRecordsAndTheProductRowsOfExactlyTheChangedOwners() {
        c.h.sim.clock().advance(Duration.ofHours(1));
        c.h.sim.data().touch(Dataset.QUOTES, 5);
        c.h.sim.data().touch(Dataset.INVOICES, 7);
        c.h.sim.data().touch(Dataset.LEADS, 9);
        c.h.sim.data().touch(Dataset.REQUISITES, 11);
        c.h.sim.data().touch(Dataset.BANK_DETAILS, 3);
        SyncHarness.Run second = c.sync(catalog, first.lastState());

        assertEquals(Set.of("5"), SyncHarness.ids(second.records("quotes"), "id"));
        assertEquals(Set.of("7"), SyncHarness.ids(second.records("invoices"), "id"));
        assertEquals(Set.of("11"), SyncHarness.ids(second.records("requisites"), "ID"));
        assertEquals(Set.of("3"), SyncHarness.ids(second.records("requisite_bank_details"), "ID"));
        assertOwnersRows(second, "quote_products", Dataset.QUOTES, 5);
        assertOwnersRows(second, "invoice_products", Dataset.INVOICES, 7);
        assertOwnersRows(second, "lead_products", Dataset.LEADS, 9);
        assertTrue(second.records("spa_products_128").isEmpty(), "no smart-process item changed");
        // full-table streams are read whole again
        assertEquals(first.records("addresses").size(), second.records("addresses").size());
        assertEquals(first.records("contact_companies").size(), second.records("contact_companies").size());
    }

    /** The child stream holds every product row of {@code owner} and nothing else. */
    private void assertOwnersRows(SyncHarness.Run run, String stream, Dataset owners, long owner) {
        Set<String> expected = c.h.sim.data().rows(Dataset.productRowsOf(owners)).stream()
                .filter(r -> r.get("ownerId").asLong() == owner).map(r -> r.get("id").asString())
                .collect(Collectors.toSet());
        assertEquals(expected, SyncHarness.ids(run.records(stream), "id"), stream + " of " + owners.name() + " " + owner);
    }

    private void assertStreamEqualsPortal(SyncHarness.Run run, String stream, Dataset dataset, String... key) {
        CatalogEntry entry = catalog.find(stream).orElseThrow();
        RecordCoercer coercer = RecordCoercer.forSchema(entry.selectedSchema(), c.h.sim.options().utcOffset());
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        atFirstRun.get(dataset).forEach(r -> expected.put(key(r, key),
                SyncHarness.JSON.readTree(coercer.coerce(r).toString())));
        Map<String, JsonNode> actual = new LinkedHashMap<>();
        List<ObjectNode> records = run.records(stream);
        records.forEach(r -> actual.put(key(r, key), r));
        assertTrue(!expected.isEmpty(), stream + ": the portal has rows");
        assertEquals(expected.size(), records.size(), stream + ": one record per portal row");
        assertEquals(expected.keySet(), actual.keySet(), stream + ": the same keys as the portal");
        expected.forEach((id, row) -> assertEquals(row, actual.get(id), stream + " " + id));
    }

    private static String key(JsonNode row, String... fields) {
        List<String> parts = new ArrayList<>();
        for (String f : fields) {
            parts.add(row.path(f).asString());
        }
        return String.join("/", parts);
    }
}
