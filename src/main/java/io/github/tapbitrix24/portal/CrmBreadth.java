package io.github.tapbitrix24.portal;

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
final class CrmBreadth {
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
    final Table requisites;
    final Table bankDetails;
    final Table addresses;
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
        int reqs = o.companyCount() + o.contactCount() / 5;
        int[] created = d.timeline.created(reqs, d.fmt, REQUISITE);
        requisites = new Table("requisites", REQUISITES, "ID", "DATE_CREATE", "DATE_MODIFY", null, created,
                d.timeline.modified(created, d.fmt, REQUISITE + 1), null, (t, i, w) -> requisite(t, i));
        bankDetails = d.child("requisite_bank_details", BANK_DETAILS, "DATE_CREATE", "DATE_MODIFY", "ENTITY_ID",
                requisites, id -> d.fmt.hash(BANK_DETAIL, id, 2), true, (t, i, w) -> bankDetail(t, i));
        addresses = d.child("addresses", ADDRESSES, null, null, "ENTITY_ID", requisites,
                id -> 1 + d.fmt.hash(ADDRESS, id, 2), false, (t, i, w) -> address(t, i));
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
    Table productRows(String ownerType) {
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
                c.set("LANG", localizations(c.get("CURRENCY").stringValue()));
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

    // ---- requisites, bank details, addresses (D:api-reference/crm/requisites/…) ----------------

    static final EntitySchema REQUISITES = new EntitySchema("requisites", List.of(
            FieldDef.ro("ID", "integer"), FieldDef.std("ENTITY_TYPE_ID", "integer"), FieldDef.std("ENTITY_ID", "integer"),
            FieldDef.std("PRESET_ID", "integer"), FieldDef.ro("DATE_CREATE", "datetime"),
            FieldDef.ro("DATE_MODIFY", "datetime"), FieldDef.ro("CREATED_BY_ID", "integer"),
            FieldDef.ro("MODIFY_BY_ID", "integer"), FieldDef.std("NAME", "string"), FieldDef.std("CODE", "string"),
            FieldDef.std("XML_ID", "string"), FieldDef.std("ORIGINATOR_ID", "string"), FieldDef.std("ACTIVE", "char"),
            FieldDef.std("ADDRESS_ONLY", "char"), FieldDef.std("SORT", "integer"), FieldDef.std("RQ_NAME", "string"),
            FieldDef.std("RQ_COMPANY_NAME", "string"), FieldDef.std("RQ_COMPANY_FULL_NAME", "string"),
            FieldDef.std("RQ_DIRECTOR", "string"), FieldDef.std("RQ_EMAIL", "string"), FieldDef.std("RQ_PHONE", "string"),
            FieldDef.std("RQ_INN", "string"), FieldDef.std("RQ_VAT_ID", "string"),
            FieldDef.custom("UF_CRM_1707997209", "string", false, "Tax office", List.of(), null)));

    static final EntitySchema BANK_DETAILS = new EntitySchema("requisite_bank_details", List.of(
            FieldDef.ro("ID", "integer"), FieldDef.std("ENTITY_ID", "integer"), FieldDef.std("COUNTRY_ID", "integer"),
            FieldDef.ro("DATE_CREATE", "datetime"), FieldDef.ro("DATE_MODIFY", "datetime"),
            FieldDef.ro("CREATED_BY_ID", "integer"), FieldDef.ro("MODIFY_BY_ID", "integer"), FieldDef.std("NAME", "string"),
            FieldDef.std("CODE", "string"), FieldDef.std("XML_ID", "string"), FieldDef.std("ACTIVE", "char"),
            FieldDef.std("SORT", "integer"), FieldDef.std("RQ_BANK_NAME", "string"), FieldDef.std("RQ_BANK_ADDR", "string"),
            FieldDef.std("RQ_BIK", "string"), FieldDef.std("RQ_ACC_NUM", "string"), FieldDef.std("RQ_ACC_CURRENCY", "string"),
            FieldDef.std("RQ_COR_ACC_NUM", "string"), FieldDef.std("RQ_IBAN", "string"), FieldDef.std("RQ_SWIFT", "string"),
            FieldDef.std("COMMENTS", "string"), FieldDef.std("ORIGINATOR_ID", "string")));

    /** Addresses have no ID (D:api-reference/crm/requisites/addresses/crm-address-fields.md); the table's own is never returned. */
    static final EntitySchema ADDRESSES = new EntitySchema("addresses", List.of(
            FieldDef.std("TYPE_ID", "integer"), FieldDef.std("ENTITY_TYPE_ID", "integer"), FieldDef.std("ENTITY_ID", "integer"),
            FieldDef.std("ADDRESS_1", "string"), FieldDef.std("ADDRESS_2", "string"), FieldDef.std("CITY", "string"),
            FieldDef.std("POSTAL_CODE", "string"), FieldDef.std("REGION", "string"), FieldDef.std("PROVINCE", "string"),
            FieldDef.std("COUNTRY", "string"), FieldDef.std("COUNTRY_CODE", "string"), FieldDef.std("LOC_ADDR_ID", "integer"),
            FieldDef.ro("ANCHOR_TYPE_ID", "integer"), FieldDef.ro("ANCHOR_ID", "integer")));

    /** Requisites of companies first (ENTITY_TYPE_ID 4), then of every fifth contact (3); values as strings. */
    private ObjectNode requisite(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(REQUISITE, id);
        int companies = d.options.companyCount();
        boolean company = id <= companies;
        long owner = company ? id : (id - companies) * 5;
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(id));
        o.put("ENTITY_TYPE_ID", company ? "4" : "3");
        o.put("ENTITY_ID", Long.toString(owner));
        o.put("PRESET_ID", company ? "1" : "2");
        o.put("DATE_CREATE", d.fmt.dateTime(t.created(idx)));
        o.put("DATE_MODIFY", d.fmt.dateTime(t.modified(idx)));
        o.put("CREATED_BY_ID", "1");
        o.put("MODIFY_BY_ID", "1");
        String name = Fmt.pick(r, Fmt.WORDS) + " " + (company ? "LLC" : Fmt.pick(r, Fmt.LAST));
        o.put("NAME", company ? "Organization" : "Individual");
        o.putNull("CODE");
        o.putNull("XML_ID");
        o.putNull("ORIGINATOR_ID");
        o.put("ACTIVE", "Y");
        o.put("ADDRESS_ONLY", "N");
        o.put("SORT", "500");
        o.put("RQ_NAME", company ? null : name);
        o.put("RQ_COMPANY_NAME", company ? name : null);
        o.put("RQ_COMPANY_FULL_NAME", company ? name + " Holding" : null);
        o.put("RQ_DIRECTOR", Fmt.pick(r, Fmt.FIRST) + " " + Fmt.pick(r, Fmt.LAST));
        o.put("RQ_EMAIL", "billing" + id + "@example.com");
        o.put("RQ_PHONE", "+7 495 " + (1_000_000 + r.nextInt(8_999_999)));
        o.put("RQ_INN", Long.toString(7_700_000_000L + id));
        o.put("RQ_VAT_ID", r.nextBoolean() ? "DE" + (100_000_000 + id) : "");
        o.put("UF_CRM_1707997209", r.nextInt(3) == 0 ? "" : "IFTS No. " + (1 + r.nextInt(50)));
        return o;
    }

    private ObjectNode bankDetail(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(BANK_DETAIL, id);
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(id));
        o.put("ENTITY_ID", Integer.toString(t.owner(idx)));
        o.put("COUNTRY_ID", "1");
        o.put("DATE_CREATE", d.fmt.dateTime(t.created(idx)));
        o.put("DATE_MODIFY", d.fmt.dateTime(t.modified(idx)));
        o.put("CREATED_BY_ID", "1");
        o.put("MODIFY_BY_ID", "1");
        o.put("NAME", "Account " + id);
        o.putNull("CODE");
        o.putNull("XML_ID");
        o.put("ACTIVE", "Y");
        o.put("SORT", "500");
        o.put("RQ_BANK_NAME", Fmt.pick(r, Fmt.WORDS) + " Bank");
        o.put("RQ_BANK_ADDR", "Moscow, Tverskaya " + (1 + r.nextInt(30)));
        o.put("RQ_BIK", "04452" + (1000 + r.nextInt(8999)));
        o.put("RQ_ACC_NUM", "40702810" + (100_000_000_000L + id));
        o.put("RQ_ACC_CURRENCY", Fmt.pick(r, Fmt.CURRENCIES));
        o.put("RQ_COR_ACC_NUM", "30101810" + (400_000_000_000L + r.nextInt(999_999)));
        o.put("RQ_IBAN", r.nextBoolean() ? "DE89370400440532" + (1000 + id % 9000) : "");
        o.put("RQ_SWIFT", r.nextBoolean() ? "COBADEFF" + (100 + r.nextInt(899)) : "");
        o.put("COMMENTS", "");
        o.putNull("ORIGINATOR_ID");
        return o;
    }

    /**
     * The k-th address of a requisite has type 1 (actual), the second type 6 (legal); linked to the
     * requisite ({@code ENTITY_TYPE_ID 8}), anchored at its company or contact. The internal
     * {@code ID} is for the table's own order only and is removed from answers.
     */
    private ObjectNode address(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(ADDRESS, id);
        int requisite = t.owner(idx);
        boolean second = idx > 0 && t.owner(idx - 1) == requisite;
        ObjectNode req = requisites.row(requisite - 1);
        ObjectNode o = Json.object();
        o.put("ID", id);
        o.put("TYPE_ID", second ? "6" : "1");
        o.put("ENTITY_TYPE_ID", "8");
        o.put("ENTITY_ID", Integer.toString(requisite));
        o.put("ADDRESS_1", Fmt.pick(r, Fmt.WORDS) + " street " + (1 + r.nextInt(120)));
        o.put("ADDRESS_2", r.nextBoolean() ? Integer.toString(1 + r.nextInt(900)) : null);
        o.put("CITY", Fmt.pick(r, new String[]{"Berlin", "Moscow", "Almaty", "Warsaw", "Prague"}));
        o.put("POSTAL_CODE", Integer.toString(10_000 + r.nextInt(89_999)));
        o.putNull("REGION");
        o.putNull("PROVINCE");
        o.put("COUNTRY", Fmt.pick(r, new String[]{"Germany", "Russia", "Kazakhstan", "Poland", "Czechia"}));
        o.putNull("COUNTRY_CODE");
        o.put("LOC_ADDR_ID", Long.toString(500 + id));
        o.set("ANCHOR_TYPE_ID", req.get("ENTITY_TYPE_ID"));
        o.set("ANCHOR_ID", req.get("ENTITY_ID"));
        return o;
    }

    // ---- currencies (D:api-reference/crm/currency/crm-currency-list.md) ------------------------

    static final EntitySchema CURRENCY_FIELDS = new EntitySchema("currencies", List.of(
            FieldDef.std("CURRENCY", "string"), FieldDef.std("AMOUNT_CNT", "integer"), FieldDef.std("AMOUNT", "double"),
            FieldDef.std("BASE", "char"), FieldDef.std("SORT", "integer"), FieldDef.ro("DATE_UPDATE", "datetime"),
            FieldDef.std("LID", "string"), FieldDef.std("FORMAT_STRING", "string"), FieldDef.std("FULL_NAME", "string"),
            FieldDef.std("DEC_POINT", "string"), FieldDef.std("THOUSANDS_SEP", "string"), FieldDef.std("DECIMALS", "integer"),
            FieldDef.std("LANG", "currency_localization")));

    private static final String[][] CURRENCY_DATA = {
            {"USD", "1.0000", "United States Dollar", "$#", "US-Dollar", "# $"},
            {"EUR", "1.0900", "Euro", "€#", "Euro", "# €"},
            {"RUB", "0.0110", "Russian Ruble", "# ₽", "Russischer Rubel", "# ₽"},
            {"KZT", "0.0021", "Tenge", "# ₸", "Tenge", "# ₸"}};

    /** crm.currency.list rows in the portal's language (en), values as strings, USD the base. */
    List<ObjectNode> currencies() {
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
    ObjectNode localizations(String currency) {
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
    long[] companyIdsOfContact(long contactId) {
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
    long[] contactIdsOfCompany(long companyId) {
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

    static ArrayNode ids(long[] ids) {
        ArrayNode a = Json.array();
        for (long id : ids) {
            a.add(id);
        }
        return a;
    }
}
