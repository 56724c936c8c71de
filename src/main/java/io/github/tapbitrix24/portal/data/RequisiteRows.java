package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requisites, their bank details and addresses as crm.requisite.list, crm.requisite.bankdetail.list
 * and crm.address.list return them: old-style rows, every value a string
 * (D:api-reference/crm/requisites/universal/index.md, bank-detail/index.md, addresses/crm-address-list.md).
 */
final class RequisiteRows {
    private final PortalData d;

    RequisiteRows(PortalData d) {
        this.d = d;
    }


    static final EntitySchema REQUISITES = new EntitySchema("requisites", List.of(
            FieldDef.ro("ID", "integer"), FieldDef.std("ENTITY_TYPE_ID", "integer"), FieldDef.std("ENTITY_ID", "integer"),
            FieldDef.std("PRESET_ID", "integer"), FieldDef.ro("DATE_CREATE", "datetime"),
            FieldDef.ro("DATE_MODIFY", "datetime"), FieldDef.ro("CREATED_BY_ID", "user"),
            FieldDef.ro("MODIFY_BY_ID", "user"), FieldDef.std("NAME", "string"), FieldDef.std("CODE", "string"),
            FieldDef.std("XML_ID", "string"), FieldDef.std("ORIGINATOR_ID", "string"), FieldDef.std("ACTIVE", "char"),
            FieldDef.std("ADDRESS_ONLY", "char"), FieldDef.std("SORT", "integer"), FieldDef.std("RQ_NAME", "string"),
            FieldDef.std("RQ_COMPANY_NAME", "string"), FieldDef.std("RQ_COMPANY_FULL_NAME", "string"),
            FieldDef.std("RQ_DIRECTOR", "string"), FieldDef.std("RQ_EMAIL", "string"), FieldDef.std("RQ_PHONE", "string"),
            FieldDef.std("RQ_INN", "string"), FieldDef.std("RQ_VAT_ID", "string"),
            // crm-requisite-fields.md: the creators are "user"; UF_CRM_1707997209 is a "double", listed as "45"
            FieldDef.custom("UF_CRM_1707997209", "double", false, "Tax office", List.of(), null)));

    static final EntitySchema BANK_DETAILS = new EntitySchema("requisite_bank_details", List.of(
            FieldDef.ro("ID", "integer"), FieldDef.std("ENTITY_ID", "integer"), FieldDef.std("COUNTRY_ID", "integer"),
            FieldDef.ro("DATE_CREATE", "datetime"), FieldDef.ro("DATE_MODIFY", "datetime"),
            FieldDef.ro("CREATED_BY_ID", "user"), FieldDef.ro("MODIFY_BY_ID", "user"), FieldDef.std("NAME", "string"),
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
    ObjectNode requisite(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(CrmBreadth.REQUISITE, id);
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
        o.put("UF_CRM_1707997209", r.nextInt(3) == 0 ? "" : Integer.toString(1 + r.nextInt(50)));
        return o;
    }

    ObjectNode bankDetail(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(CrmBreadth.BANK_DETAIL, id);
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
    ObjectNode address(Table t, int idx, Table requisites) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(CrmBreadth.ADDRESS, id);
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

}
