package io.github.tapbitrix24.streams;

import io.github.tapbitrix24.config.ProductRowStreams;
import io.github.tapbitrix24.config.TapConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CRM streams beyond the core entities (issue 16): quotes and smart invoices, the product rows
 * of every owner that has them, funnels, currencies, requisites, bank details, addresses and the
 * contact–company links.
 *
 * <p>Quotes are read with {@code crm.item.list} ({@code entityTypeId 7}), not {@code crm.quote.list}:
 * the latter's page says "Method Development Stopped ... a more relevant alternative crm.item.list"
 * (D:api-reference/crm/quote/crm-quote-list.md), and crm.item.list gives quotes the same camelCase
 * rows, {@code >id} keyset and {@code updatedTime} filter as smart invoices and smart processes
 * (D:api-reference/crm/universal/crm-item-list.md). Smart invoices are entityTypeId 31; the old
 * invoices (crm.invoice.*) are deprecated.
 */
public final class CrmStreams {
    public static final int QUOTE_TYPE_ID = 7;
    public static final int SMART_INVOICE_TYPE_ID = 31;
    /** The records of every owner's product rows: the rows of crm.item.productrow.list. */
    public static final String PRODUCT_ROWS_METHOD = "crm.item.productrow.list";
    private static final String SPA_PRODUCTS_PREFIX = "spa_products_";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CrmStreams() {
    }

    /** The streams of this family, parents before their children; product rows only when enabled. */
    public static List<StreamSpec> all(TapConfig config) {
        ProductRowStreams rows = config.productRowStreams();
        List<StreamSpec> s = new ArrayList<>();
        s.add(item("quotes", QUOTE_TYPE_ID));
        s.add(itemFields("quote_fields", QUOTE_TYPE_ID));
        s.add(item("invoices", SMART_INVOICE_TYPE_ID));
        s.add(itemFields("invoice_fields", SMART_INVOICE_TYPE_ID));
        if (rows.leads()) {
            s.add(productRows("lead_products", "leads", "L"));
        }
        if (rows.quotes()) {
            s.add(productRows("quote_products", "quotes", "Q"));
        }
        if (rows.invoices()) {
            s.add(productRows("invoice_products", "invoices", "SI"));
        }
        // crm.category.list per entityTypeId: deals, smart invoices, every smart process
        // (D:api-reference/crm/universal/category/crm-category-list.md)
        s.add(new StreamSpec("categories", "crm", ListApi.CATEGORY_LIST, "crm.category.list", F.objectNode(), null,
                null, "id", List.of("entityTypeId", "id"), List.of(), null));
        // D:api-reference/crm/currency/crm-currency-list.md, crm-currency-fields.md, localizations/crm-currency-localizations-get.md
        s.add(new StreamSpec("currencies", "crm", ListApi.CURRENCY_LIST, "crm.currency.list", F.objectNode(),
                "crm.currency.fields", F.objectNode(), null, List.of("CURRENCY"), List.of(), null));
        // filter, order and select on every field, DATE_MODIFY among them
        // (D:api-reference/crm/requisites/universal/crm-requisite-list.md, universal/index.md#fields)
        s.add(listed("requisites", "crm.requisite.list", "crm.requisite.fields"));
        // D:api-reference/crm/requisites/bank-detail/crm-requisite-bank-detail-list.md, bank-detail/index.md
        s.add(listed("requisite_bank_details", "crm.requisite.bankdetail.list", "crm.requisite.bankdetail.fields"));
        // no ID and no modification time: the key is the address type of one owner
        // (D:api-reference/crm/requisites/addresses/crm-address-list.md)
        s.add(new StreamSpec("addresses", "crm", ListApi.ADDRESS_LIST, "crm.address.list", F.objectNode(),
                "crm.address.fields", F.objectNode(), null, List.of("ENTITY_TYPE_ID", "ENTITY_ID", "TYPE_ID"), List.of(),
                null));
        // contacts carry companyIds, companies contactIds in crm.item.list (D:api-reference/crm/universal/object-fields.md)
        s.add(links("contact_companies", StreamRegistry.CONTACT_TYPE_ID));
        s.add(links("company_contacts", StreamRegistry.COMPANY_TYPE_ID));
        return List.copyOf(s);
    }

    /**
     * {@code spa_products_{id}}: the product rows of a smart process, owner type {@code T} and the
     * entityTypeId in hexadecimal (D:api-reference/crm/universal/product-rows/crm-item-productrow-list.md).
     */
    public static StreamSpec spaProducts(int entityTypeId) {
        return productRows(SPA_PRODUCTS_PREFIX + entityTypeId, "spa_" + entityTypeId,
                "T" + Integer.toHexString(entityTypeId));
    }

    /** The entityTypeId of a {@code spa_products_{id}} name. */
    public static Optional<Integer> spaProductsTypeId(String name) {
        return StreamRegistry.numberAfter(name, SPA_PRODUCTS_PREFIX);
    }

    /** The owner type code ({@code D}, {@code L}, {@code Q}, {@code SI}, {@code T…}) of a product-rows stream. */
    public static String ownerType(StreamSpec spec) {
        return spec.fixedParams().path("ownerType").asString("D");
    }

    private static StreamSpec item(String name, int entityTypeId) {
        ObjectNode p = F.objectNode().put("entityTypeId", entityTypeId);
        return new StreamSpec(name, "crm", ListApi.CRM_ITEM_LIST, "crm.item.list", p, "crm.item.fields", p.deepCopy(),
                "id", List.of("id"), List.of("updatedTime"), null);
    }

    private static StreamSpec itemFields(String name, int entityTypeId) {
        return new StreamSpec(name, "crm", ListApi.FIELD_METADATA, "crm.item.fields",
                F.objectNode().put("entityTypeId", entityTypeId), null, null, null, List.of("id"), List.of(), null);
    }

    private static StreamSpec listed(String name, String method, String fieldsMethod) {
        return new StreamSpec(name, "crm", ListApi.CRM_LIST, method, F.objectNode(), fieldsMethod, F.objectNode(), "ID",
                List.of("ID"), List.of("DATE_MODIFY"), null);
    }

    private static StreamSpec productRows(String name, String parent, String ownerType) {
        return new StreamSpec(name, "crm", ListApi.DEAL_CHILDREN, PRODUCT_ROWS_METHOD,
                F.objectNode().put("ownerType", ownerType), null, null, "id", List.of("id"), List.of(), parent);
    }

    private static StreamSpec links(String name, int entityTypeId) {
        return new StreamSpec(name, "crm", ListApi.CRM_LINKS, "crm.item.list",
                F.objectNode().put("entityTypeId", entityTypeId), null, null, "id",
                entityTypeId == StreamRegistry.CONTACT_TYPE_ID ? List.of("CONTACT_ID", "COMPANY_ID")
                        : List.of("COMPANY_ID", "CONTACT_ID"), List.of(), null);
    }
}
