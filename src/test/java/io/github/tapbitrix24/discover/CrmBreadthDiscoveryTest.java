package io.github.tapbitrix24.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.config.ProductRowStreams;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16: discovery lists quotes, smart invoices, every owner's product rows, funnels,
 * currencies, requisites, bank details, addresses and the contact–company links, each typed from
 * the portal's own field metadata where the API has it; a webhook that cannot read them loses
 * them with a line naming why.
 */
class CrmBreadthDiscoveryTest {
    private static final JsonMapper M = JsonMapper.shared();
    private static PortalSimulator sim;
    private static Discovery discovery;
    private static Catalog catalog;

    @BeforeAll
    static void discover() {
        sim = PortalSimulator.start(PortalOptions.defaults());
        TapConfig config = allOn(sim.webhookUrl());
        discovery = new Discovery(SimulatorFixture.client(config), config);
        catalog = discovery.discover();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static TapConfig allOn(String url) {
        return SimulatorFixture.allOptionsOn(url).withProductRowStreams(ProductRowStreams.ALL);
    }

    @Test
    void everyNewStreamIsListedWithItsKeyAndReplicationMethod() {
        assertKey("quotes", List.of("id"), "updatedTime");
        assertKey("invoices", List.of("id"), "updatedTime");
        assertKey("requisites", List.of("ID"), "DATE_MODIFY");
        assertKey("requisite_bank_details", List.of("ID"), "DATE_MODIFY");
        assertKey("quote_fields", List.of("id"), null);
        assertKey("invoice_fields", List.of("id"), null);
        assertKey("categories", List.of("entityTypeId", "id"), null);
        assertKey("currencies", List.of("CURRENCY"), null);
        assertKey("addresses", List.of("ENTITY_TYPE_ID", "ENTITY_ID", "TYPE_ID"), null);
        assertKey("contact_companies", List.of("CONTACT_ID", "COMPANY_ID"), null);
        assertKey("company_contacts", List.of("COMPANY_ID", "CONTACT_ID"), null);
        for (String child : List.of("lead_products", "quote_products", "invoice_products", "spa_products_128",
                "spa_products_1040")) {
            assertKey(child, List.of("id"), null);
        }
        assertEquals("leads", parent("lead_products"));
        assertEquals("quotes", parent("quote_products"));
        assertEquals("invoices", parent("invoice_products"));
        assertEquals("spa_1040", parent("spa_products_1040"));
    }

    @Test
    void quotesAndInvoicesAreTypedFromTheirOwnItemFieldsCustomFieldsIncluded() {
        for (var e : List.of(new int[]{7}, new int[]{31})) {
            String stream = e[0] == 7 ? "quotes" : "invoices";
            JsonNode fields = sim.data().fields("crm.item.fields", M.createObjectNode().put("entityTypeId", e[0]))
                    .get("fields");
            Set<String> props = Set.copyOf(catalog.find(stream).orElseThrow().schema().get("properties").propertyNames());
            assertEquals(Set.copyOf(fields.propertyNames()), props, stream);
            assertTrue(props.stream().anyMatch(p -> p.startsWith("ufCrm")), stream + " has custom fields: " + props);
        }
    }

    @Test
    void requisitesBankDetailsAddressesAndCurrenciesAreTypedFromTheirFieldsMethods() {
        for (String[] s : List.of(new String[]{"requisites", "crm.requisite.fields"},
                new String[]{"requisite_bank_details", "crm.requisite.bankdetail.fields"},
                new String[]{"addresses", "crm.address.fields"}, new String[]{"currencies", "crm.currency.fields"})) {
            JsonNode fields = sim.data().fields(s[1], M.createObjectNode());
            assertEquals(Set.copyOf(fields.propertyNames()),
                    Set.copyOf(catalog.find(s[0]).orElseThrow().schema().get("properties").propertyNames()), s[0]);
        }
        JsonNode uf = catalog.find("requisites").orElseThrow().schema().get("properties").get("UF_CRM_1707997209");
        assertEquals("Tax office", uf.get("description").asString(), "a requisite's custom field, by its label");
    }

    @Test
    void aSmartProcessWithoutProductsHasNoProductRowsStreamAndDiscoverySaysWhy() {
        assertTrue(catalog.find("spa_products_1042").isEmpty());
        assertTrue(discovery.omissions().stream().anyMatch(o -> o.stream().equals("spa_products_1042")
                && o.reason().contains("isLinkWithProductsEnabled")), discovery.omissions().toString());
    }

    @Test
    void aWebhookWithoutTheCrmScopeLeavesEveryNewStreamOutNamingTheScope() {
        try (PortalSimulator noCrm = PortalSimulator.start(PortalOptions.defaults().withScopes(Set.of("user")))) {
            TapConfig c = allOn(noCrm.webhookUrl());
            Discovery d = new Discovery(SimulatorFixture.client(c), c);
            Catalog cat = d.discover();
            for (String s : List.of("quotes", "invoices", "categories", "currencies", "requisites",
                    "requisite_bank_details", "addresses", "contact_companies", "company_contacts", "lead_products",
                    "quote_products", "invoice_products")) {
                assertTrue(cat.find(s).isEmpty(), s);
                assertTrue(d.omissions().stream().anyMatch(o -> o.stream().equals(s) && o.reason().contains("'crm' scope")),
                        s + ": " + d.omissions());
            }
        }
    }

    @Test
    void aWebhookWhoseUserMayNotReadRequisitesLosesOnlyThem() {
        try (PortalSimulator denied = PortalSimulator.start(PortalOptions.defaults()
                .withDeniedMethods(Set.of("crm.requisite.fields")))) {
            TapConfig c = allOn(denied.webhookUrl());
            Discovery d = new Discovery(SimulatorFixture.client(c), c);
            Catalog cat = d.discover();
            assertTrue(cat.find("requisites").isEmpty());
            assertTrue(cat.find("requisite_bank_details").isPresent() && cat.find("quotes").isPresent());
            assertTrue(d.omissions().stream().anyMatch(o -> o.stream().equals("requisites")
                    && o.reason().contains("refused")), d.omissions().toString());
        }
    }

    private static void assertKey(String stream, List<String> keys, String replicationKey) {
        CatalogEntry e = catalog.find(stream).orElseThrow(() -> new AssertionError(stream + " missing: " + discovery.omissions()));
        assertEquals(keys, e.keyProperties(), stream);
        assertEquals(replicationKey, e.replicationKey().orElse(null), stream);
    }

    private static String parent(String stream) {
        return catalog.find(stream).orElseThrow().streamMetadata().path("parent-tap-stream-id").asString(null);
    }
}
