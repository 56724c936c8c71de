package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.config.ProductRowStreams;
import io.github.tapbitrix24.extract.state.Lookback;
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
        assertTrue(first.records("currencies").stream().allMatch(r -> r.get("LANG").findValuesAsString("LID").contains("de")), "localisations");
    }

    @Test
    void requestCountsStayWithinTheBudgets() {
        // children are fetched per 1,500 parents (DealChildrenReader.MIN_DEALS_PER_FETCH), each fetch in whole
        // requests (ProductRowsFetcher sizes its owner groups per fetch): the budget of deal_products, 1,000 rows
        // per request, holds for every owner, also for a few thousand rows of 2,000 quotes or 1,600 invoices
        long leadRows = first.records("lead_products").size();
        long leadRequests = first.httpRequestsOf("lead_products");
        assertTrue(leadRows >= 10_000 && leadRequests * 1_000 <= leadRows, leadRequests + " requests for " + leadRows);
        for (String s : List.of("quote_products", "invoice_products", "spa_products_128")) {
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

        // the changed records, plus at most those at the edge of the window (docs/incremental.md: a window starts
        // at the earlier of the signpost and the newest key read), never one modified before it
        assertChangedAndEdgeOnly(second, "quotes", "id", "updatedTime", 5);
        assertChangedAndEdgeOnly(second, "invoices", "id", "updatedTime", 7);
        assertChangedAndEdgeOnly(second, "leads", "ID", "DATE_MODIFY", 9);
        assertChangedAndEdgeOnly(second, "requisites", "ID", "DATE_MODIFY", 11);
        assertChangedAndEdgeOnly(second, "requisite_bank_details", "ID", "DATE_MODIFY", 3);
        // the product rows of exactly the owners read again
        assertOwnersRows(second, "quote_products", Dataset.QUOTES, ids(second, "quotes", "id"));
        assertOwnersRows(second, "invoice_products", Dataset.INVOICES, ids(second, "invoices", "id"));
        assertOwnersRows(second, "lead_products", Dataset.LEADS, ids(second, "leads", "ID"));
        assertOwnersRows(second, "spa_products_128", Dataset.spaItems(128), ids(second, "spa_128", "id"));
        // full-table streams are read whole again
        assertEquals(first.records("addresses").size(), second.records("addresses").size());
        assertEquals(first.records("contact_companies").size(), second.records("contact_companies").size());
    }

    /** The child stream holds every product row of {@code owners} and nothing else. */
    private void assertOwnersRows(SyncHarness.Run run, String stream, Dataset dataset, Set<Long> owners) {
        Set<String> expected = c.h.sim.data().rows(Dataset.productRowsOf(dataset)).stream()
                .filter(r -> owners.contains(r.get("ownerId").asLong())).map(r -> r.get("id").asString())
                .collect(Collectors.toSet());
        assertEquals(expected, SyncHarness.ids(run.records(stream), "id"), stream + " of " + dataset.name() + " " + owners);
    }

    private static Set<Long> ids(SyncHarness.Run run, String stream, String key) {
        return run.records(stream).stream().map(r -> r.get(key).asLong()).collect(Collectors.toSet());
    }

    /**
     * The run holds {@code changed}, and any other record of the stream was modified at or after
     * the window start of the first run's bookmark.
     */
    private void assertChangedAndEdgeOnly(SyncHarness.Run run, String stream, String key, String modified, long changed) {
        JsonNode bookmark = first.lastState().get("bookmarks").get(stream).get("replication_key_value");
        java.time.OffsetDateTime from = java.time.OffsetDateTime.parse(bookmark.asString());
        List<ObjectNode> records = run.records(stream);
        assertTrue(records.stream().anyMatch(r -> r.get(key).asLong() == changed), stream + " " + changed);
        for (ObjectNode r : records) {
            assertTrue(r.get(key).asLong() == changed
                    || !java.time.OffsetDateTime.parse(r.get(modified).asString()).isBefore(from),
                    stream + ": " + r.get(key) + " modified " + r.get(modified) + " before the window " + from);
        }
        assertTrue(records.size() <= 5, stream + ": " + records.size() + " records");
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
