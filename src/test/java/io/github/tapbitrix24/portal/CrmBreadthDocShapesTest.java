package io.github.tapbitrix24.portal;

import static io.github.tapbitrix24.portal.PortalDocShapesTest.datetime;
import static io.github.tapbitrix24.portal.PortalDocShapesTest.ints;
import static io.github.tapbitrix24.portal.PortalDocShapesTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The answers of issue 16's methods against the example responses of their pages in
 * bitrix24/b24restdocs (paths under api-reference/crm/ in each test's comment).
 */
class CrmBreadthDocShapesTest extends UnlimitedPortalTest {

    @Test
    void quotesAndSmartInvoicesAreItems() { // universal/crm-item-list.md, universal/object-fields.md#quote, #invoice
        for (int etid : new int[]{7, 31}) {
            JsonNode r = client.ok("crm.item.list", "{\"entityTypeId\":" + etid + ",\"select\":[\"*\"]}");
            JsonNode item = r.get("result").get("items").get(0);
            ints(item, "id", "createdBy", "assignedById");
            datetime(item, "updatedTime");
            assertTrue(item.get("contactIds").isArray());
            assertTrue(r.get("total").isIntegralNumber());
            assertTrue(client.ok("crm.item.fields", "{\"entityTypeId\":" + etid + "}").get("result").get("fields")
                    .has("updatedTime"));
        }
        // quotes have no funnels: universal/category/crm-category-list.md, "Possible Error Codes"
        assertEquals("ENTITY_TYPE_NOT_SUPPORTED", client.post("crm.category.list", "{\"entityTypeId\":7}").json()
                .get("error").stringValue());
        assertEquals(31, client.ok("crm.category.list", "{\"entityTypeId\":31}").get("result").get("categories").get(0)
                .get("entityTypeId").asInt());
    }

    @Test
    void contactsCarryCompanyIdsAndCompaniesContactIds() { // universal/object-fields.md#contact, #company
        JsonNode contacts = client.ok("crm.item.list", "{\"entityTypeId\":3,\"select\":[\"id\",\"companyIds\"]}")
                .get("result").get("items");
        assertTrue(contacts.get(0).get("companyIds").isArray());
        assertEquals(2, contacts.get(0).size(), "only what was selected: " + contacts.get(0));
        boolean linked = false;
        for (JsonNode c : contacts.values()) {
            linked |= !c.get("companyIds").isEmpty() && c.get("companyIds").get(0).isIntegralNumber();
        }
        assertTrue(linked, "some contact has a company, as a number");
        JsonNode company = client.ok("crm.item.list", "{\"entityTypeId\":4,\"select\":[\"id\",\"contactIds\"]}")
                .get("result").get("items").get(0);
        assertTrue(company.get("contactIds").isArray());
    }

    @Test
    void productRowsOfEveryOwnerType() { // universal/product-rows/crm-item-productrow-list.md
        for (String owner : new String[]{"L", "Q", "SI", "T80"}) {
            JsonNode rows = client.ok("crm.item.productrow.list",
                    "{\"filter\":{\"=ownerType\":\"" + owner + "\",\"=ownerId\":[1,2,3,4,5,6]},\"order\":{\"id\":\"asc\"}}")
                    .get("result").get("productRows");
            assertFalse(rows.isEmpty(), owner);
            JsonNode row = rows.get(0);
            ints(row, "id", "ownerId", "productId", "measureCode", "sort");
            assertEquals(owner, row.get("ownerType").stringValue());
        }
    }

    @Test
    void requisitesAndBankDetails() { // requisites/universal/crm-requisite-list.md, bank-detail/crm-requisite-bank-detail-list.md
        JsonNode r = client.ok("crm.requisite.list", "{\"order\":{\"ID\":\"ASC\"},\"filter\":{\">DATE_MODIFY\":\"2000-01-01T00:00:00+03:00\"}}");
        JsonNode req = r.get("result").get(0);
        strings(req, "ID", "ENTITY_TYPE_ID", "ENTITY_ID", "PRESET_ID", "NAME", "ACTIVE", "SORT", "RQ_COMPANY_NAME");
        datetime(req, "DATE_MODIFY");
        assertTrue(r.get("total").isIntegralNumber() && r.get("next").isIntegralNumber());
        JsonNode bank = client.ok("crm.requisite.bankdetail.list", "{\"select\":[\"ID\",\"ENTITY_ID\",\"RQ_BANK_NAME\",\"DATE_MODIFY\"]}")
                .get("result").get(0);
        strings(bank, "ID", "ENTITY_ID", "RQ_BANK_NAME");
        assertEquals(4, bank.size(), "select honoured: " + bank);
        JsonNode fields = client.ok("crm.requisite.fields", "{}").get("result");
        assertTrue(fields.get("UF_CRM_1707997209").get("isDynamic").asBoolean());
        assertEquals("double", fields.get("UF_CRM_1707997209").get("type").stringValue());
        assertEquals("user", fields.get("CREATED_BY_ID").get("type").stringValue());
        assertEquals("user", client.ok("crm.requisite.bankdetail.fields", "{}").get("result").get("MODIFY_BY_ID")
                .get("type").stringValue());
    }

    @Test
    void addressesHaveNoId() { // requisites/addresses/crm-address-list.md
        JsonNode r = client.ok("crm.address.list", "{\"order\":{\"TYPE_ID\":\"asc\"},\"filter\":{\"ENTITY_TYPE_ID\":8}}");
        JsonNode a = r.get("result").get(0);
        strings(a, "TYPE_ID", "ENTITY_TYPE_ID", "ENTITY_ID", "ADDRESS_1", "CITY", "COUNTRY", "LOC_ADDR_ID",
                "ANCHOR_TYPE_ID", "ANCHOR_ID");
        assertFalse(a.has("ID"));
        assertEquals("8", a.get("ENTITY_TYPE_ID").stringValue());
        assertTrue(r.get("total").isIntegralNumber());
    }

    @Test
    void currenciesAndLocalizations() { // currency/crm-currency-list.md, localizations/crm-currency-localizations-get.md
        JsonNode c = client.ok("crm.currency.list", "{\"order\":{\"SORT\":\"asc\"}}").get("result").get(0);
        strings(c, "CURRENCY", "AMOUNT_CNT", "AMOUNT", "SORT", "BASE", "FULL_NAME", "LID", "FORMAT_STRING", "DEC_POINT",
                "DECIMALS");
        datetime(c, "DATE_UPDATE");
        JsonNode l = client.ok("crm.currency.localizations.get", "{\"id\":\"" + c.get("CURRENCY").stringValue() + "\"}")
                .get("result");
        strings(l.get("en"), "FORMAT_STRING", "FULL_NAME", "DEC_POINT", "DECIMALS", "THOUSANDS_VARIANT", "HIDE_ZERO");
        JsonNode fields = client.ok("crm.currency.fields", "{}").get("result");
        assertEquals("currency_localization", fields.get("LANG").get("type").stringValue());
        assertTrue(fields.get("LANG").get("isMultiple").asBoolean(), "LANG is multiple, as crm-currency-fields.md shows");
        assertEquals("int", fields.get("SORT").get("type").stringValue());
        assertTrue(fields.get("BASE").get("isReadOnly").asBoolean());
    }
}
