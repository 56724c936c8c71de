package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.PortalOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CRM data beyond the core entities (issue 16): quotes (entityTypeId 7) and smart invoices
 * (31) as crm.item.list items, the product rows of leads, quotes, invoices and smart processes,
 * requisites with their bank details and addresses, currencies, and the links between contacts and
 * companies. Sizes follow the portal's: a quote per four deals, an invoice per five, a requisite per
 * company and per fifth contact.
 */
public final class CrmBreadth {
    static final long QUOTE = 1500;
    static final long INVOICE = 1600;
    static final long REQUISITE = 1700;
    static final long BANK_DETAIL = 1800;
    static final long ADDRESS = 1900;
    static final long LINK = 2000;
    static final long PRODUCT_ROWS = 2100;
    /** Internal type IDs of quotes and invoices, for their custom field names (UF_CRM_{typeId}_…). */
    static final int QUOTE_TYPE = 90;
    static final int INVOICE_TYPE = 91;

    private final PortalData d;
    final Table quotes;
    final Table invoices;
    public final Table requisites;
    public final Table bankDetails;
    public final Table addresses;
    /** Product-row tables by owner type code: L, Q, SI, T{hex}. */
    private final Map<String, Table> productRows = new LinkedHashMap<>();
    private long[][] contactIdsOfCompany;
    private int contactsIndexed = -1;

    CrmBreadth(PortalData d, CrmRows crm, ChildRows children) {
        this.d = d;
        PortalOptions o = d.options;
        int deals = o.deals();
        quotes = d.itemType(7, QUOTE_TYPE, deals == 0 ? 0 : Math.max(3, deals / 4), QUOTE, List.of(QUOTE_TYPE * 2), crm);
        invoices = d.itemType(31, INVOICE_TYPE, deals == 0 ? 0 : Math.max(3, deals / 5), INVOICE,
                List.of(QUOTE_TYPE * 2 + 2), crm);
        RequisiteRows reqRows = new RequisiteRows(d);
        int reqs = o.companyCount() + o.contactCount() / 5;
        int[] created = d.timeline.created(reqs, d.fmt, REQUISITE);
        requisites = new Table("requisites", RequisiteRows.REQUISITES, "ID", "DATE_CREATE", "DATE_MODIFY", null, created,
                d.timeline.modified(created, d.fmt, REQUISITE + 1), null, (t, i, w) -> reqRows.requisite(t, i));
        bankDetails = d.child("requisite_bank_details", RequisiteRows.BANK_DETAILS, "DATE_CREATE", "DATE_MODIFY", "ENTITY_ID",
                requisites, id -> d.fmt.hash(BANK_DETAIL, id, 2), true, (t, i, w) -> reqRows.bankDetail(t, i));
        addresses = d.child("addresses", RequisiteRows.ADDRESSES, null, null, "ENTITY_ID", requisites,
                id -> 1 + d.fmt.hash(ADDRESS, id, 2), false, (t, i, w) -> reqRows.address(t, i, requisites));
        addProductRows("L", d.table(Dataset.LEADS), children);
        addProductRows("Q", quotes, children);
        addProductRows("SI", invoices, children);
        for (int etid : d.spaEntityTypeIds()) {
            addProductRows("T" + Integer.toHexString(etid), d.table(Dataset.spaItems(etid)), children);
        }
    }

    private void addProductRows(String ownerType, Table owners, ChildRows children) {
        long salt = PRODUCT_ROWS + ownerType.hashCode();
        productRows.put(ownerType, d.child(owners.name + "_product_rows", ChildRows.PRODUCT_ROWS, null, null, "ownerId",
                owners, id -> d.fmt.hash(salt, id, 5), false, (t, i, w) -> children.productRow(t, i, ownerType)));
    }

    /** The product rows of one owner type ({@code D} is the deals' own table, elsewhere), or null. */
    public Table productRows(String ownerType) {
        return productRows.get(ownerType);
    }

    /** The schema behind crm.requisite.fields, crm.requisite.bankdetail.fields, crm.address.fields, crm.currency.fields, or null. */
    EntitySchema fieldsSchema(String fieldsMethod) {
        return switch (fieldsMethod) {
            case "crm.requisite.fields" -> requisites.schema;
            case "crm.requisite.bankdetail.fields" -> bankDetails.schema;
            case "crm.address.fields" -> addresses.schema;
            case "crm.currency.fields" -> CURRENCY_FIELDS;
            default -> null;
        };
    }

    /** Datasets by name: quotes, invoices, requisites, requisite_bank_details, addresses, {owner}_product_rows. */
    Table table(String name) {
        return switch (name) {
            case "quotes" -> quotes;
            case "invoices" -> invoices;
            case "requisites" -> requisites;
            case "requisite_bank_details" -> bankDetails;
            case "addresses" -> addresses;
            default -> productRows.values().stream().filter(t -> t.name.equals(name)).findFirst().orElse(null);
        };
    }

    /**
     * Every row of the datasets that are not plain tables, or need reshaping, exactly as the tap's
     * methods return them (see {@link Dataset}); null for other datasets.
     */
    List<ObjectNode> rows(String name) {
        List<ObjectNode> out = new ArrayList<>();
        switch (name) {
            case "quotes", "invoices" -> {
                Table t = table(name);
                List<FieldDef> fields = t.schema.fields.stream().filter(f -> f.itemName() != null).toList();
                live(t).forEach(i -> out.add(ItemFormat.item(t.row(i), fields, false, null)));
            }
            case "addresses" -> live(addresses).forEach(i -> {
                ObjectNode a = addresses.row(i);
                a.remove("ID");
                out.add(a);
            });
            case "categories" -> {
                List<Integer> types = new ArrayList<>(List.of(2, 31));
                types.addAll(d.spaEntityTypeIds());
                types.forEach(etid -> out.addAll(d.categories(etid)));
            }
            case "currencies" -> currencies().forEach(c -> {
                // LANG is multiple (crm-currency-fields.md): one localisation per language, its code as LID
                ArrayNode lang = c.putArray("LANG");
                localizations(c.get("CURRENCY").stringValue()).properties()
                        .forEach(l -> lang.addObject().put("LID", l.getKey()).setAll((ObjectNode) l.getValue()));
                out.add(c);
            });
            case "contact_companies", "company_contacts" -> {
                boolean contacts = name.equals("contact_companies");
                Table owners = d.table(contacts ? Dataset.CONTACTS : Dataset.COMPANIES);
                for (int i : live(owners)) {
                    long id = Table.id(i);
                    long[] linked = contacts ? companyIdsOfContact(id) : contactIdsOfCompany(id);
                    for (int k = 0; k < linked.length; k++) {
                        ObjectNode l = Json.object();
                        l.put(contacts ? "CONTACT_ID" : "COMPANY_ID", id);
                        l.put(contacts ? "COMPANY_ID" : "CONTACT_ID", linked[k]);
                        l.put("SORT", k);
                        out.add(l);
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return out;
    }

    private static List<Integer> live(Table t) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.live(i)) {
                out.add(i);
            }
        }
        return out;
    }

    // ---- currencies (D:api-reference/crm/currency/crm-currency-list.md) ------------------------

    // as crm-currency-fields.md's response example: "int", the display fields read-only, LANG multiple
    static final EntitySchema CURRENCY_FIELDS = new EntitySchema("currencies", List.of(
            FieldDef.std("CURRENCY", "string"), FieldDef.std("AMOUNT_CNT", "int"), FieldDef.std("AMOUNT", "double"),
            FieldDef.ro("BASE", "char"), FieldDef.std("SORT", "int"), FieldDef.ro("DATE_UPDATE", "datetime"),
            FieldDef.ro("LID", "string"), FieldDef.ro("FORMAT_STRING", "string"), FieldDef.ro("FULL_NAME", "string"),
            FieldDef.ro("DEC_POINT", "string"), FieldDef.ro("THOUSANDS_SEP", "string"), FieldDef.ro("DECIMALS", "int"),
            FieldDef.std("LANG", "currency_localization").withMultiple()));

    private static final String[][] CURRENCY_DATA = {
            {"USD", "1.0000", "United States Dollar", "$#", "US-Dollar", "# $"},
            {"EUR", "1.0900", "Euro", "€#", "Euro", "# €"},
            {"RUB", "0.0110", "Russian Ruble", "# ₽", "Russischer Rubel", "# ₽"},
            {"KZT", "0.0021", "Tenge", "# ₸", "Tenge", "# ₸"}};

    /** crm.currency.list rows in the portal's language (en), values as strings, USD the base. */
    public List<ObjectNode> currencies() {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < CURRENCY_DATA.length; i++) {
            String[] c = CURRENCY_DATA[i];
            ObjectNode o = Json.object();
            o.put("CURRENCY", c[0]);
            o.put("AMOUNT_CNT", "1");
            o.put("AMOUNT", c[1]);
            o.put("SORT", Integer.toString(100 * (i + 1)));
            o.put("BASE", i == 0 ? "Y" : "N");
            o.put("FULL_NAME", c[2]);
            o.put("LID", "en");
            o.put("FORMAT_STRING", c[3]);
            o.put("DEC_POINT", ".");
            o.put("THOUSANDS_SEP", i == 0 ? null : "&nbsp;");
            o.put("DECIMALS", "2");
            o.put("DATE_UPDATE", d.fmt.dateTime(d.timeline.start - 86_400L * (30 + i)));
            out.add(o);
        }
        return out;
    }

    /** crm.currency.localizations.get: languages keyed by code (D:api-reference/crm/currency/localizations/crm-currency-localizations-get.md), or null. */
    public ObjectNode localizations(String currency) {
        for (String[] c : CURRENCY_DATA) {
            if (c[0].equals(currency)) {
                ObjectNode o = Json.object();
                o.set("en", localization(c[3], c[2], ".", null, "C"));
                o.set("de", localization(c[5], c[4], ",", "&nbsp;", "B"));
                return o;
            }
        }
        return null;
    }

    private static ObjectNode localization(String format, String name, String decPoint, String sep, String variant) {
        ObjectNode l = Json.object();
        l.put("FORMAT_STRING", format);
        l.put("FULL_NAME", name);
        l.put("DEC_POINT", decPoint);
        l.put("THOUSANDS_SEP", sep);
        l.put("DECIMALS", "2");
        l.put("THOUSANDS_VARIANT", variant);
        l.put("HIDE_ZERO", "Y");
        return l;
    }

    // ---- contact ↔ company links (crm.item.list companyIds / contactIds) ----------------------

    /** The companies of a contact: none, one or two, by seed. */
    public long[] companyIdsOfContact(long contactId) {
        int companies = d.options.companyCount();
        if (companies == 0) {
            return new long[0];
        }
        int n = d.fmt.hash(LINK, contactId, 4); // 0, 1, 2 or 3 → 0, 1, 1, 2 links
        int links = n == 0 ? 0 : n == 3 ? 2 : 1;
        SplittableRandom r = d.fmt.rnd(LINK + 1, contactId);
        long first = 1 + r.nextInt(companies);
        if (links == 1 || companies == 1) {
            return new long[]{first};
        }
        return links == 0 ? new long[0] : new long[]{first, 1 + (first % companies)};
    }

    /** The contacts of a company: the inverse of {@link #companyIdsOfContact}, contacts in ID order. */
    public long[] contactIdsOfCompany(long companyId) {
        Table contacts = d.table(Dataset.CONTACTS);
        if (contactIdsOfCompany == null || contactsIndexed != contacts.size()) {
            contactsIndexed = contacts.size();
            int companies = d.options.companyCount();
            List<List<Long>> by = new ArrayList<>();
            for (int i = 0; i < companies; i++) {
                by.add(new ArrayList<>());
            }
            for (int i = 0; i < contacts.size(); i++) {
                for (long c : companyIdsOfContact(Table.id(i))) {
                    by.get((int) c - 1).add(Table.id(i));
                }
            }
            long[][] arr = new long[companies][];
            for (int i = 0; i < companies; i++) {
                arr[i] = by.get(i).stream().mapToLong(Long::longValue).toArray();
            }
            contactIdsOfCompany = arr;
        }
        return companyId < 1 || companyId > contactIdsOfCompany.length ? new long[0]
                : contactIdsOfCompany[(int) companyId - 1];
    }

    public static ArrayNode ids(long[] ids) {
        ArrayNode a = Json.array();
        for (long id : ids) {
            a.add(id);
        }
        return a;
    }
}
