package io.github.tapbitrix24.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Discovery's decisions, against an in-memory API. The behaviour over real HTTP against the
 * simulator is proven in {@code DiscoveryTest}.
 */
class DiscoveryLogicTest {
    private static final JsonMapper M = JsonMapper.shared();
    private static final WebhookUrl URL = WebhookUrl.parse("http://127.0.0.1:1/rest/1/secret/");

    private static JsonNode json(String s) {
        return M.readTree(s.replace('\'', '"'));
    }

    private static final JsonNode DEAL_FIELDS = json("{'ID':{'type':'integer','isReadOnly':true,'title':'ID'},"
            + "'DATE_MODIFY':{'type':'datetime','title':'Modified'},"
            + "'CONTACT_IDS':{'type':'crm_contact','isMultiple':true,'title':'Contacts'},"
            + "'UF_CRM_1':{'type':'hologram','isDynamic':true,'title':'UF_CRM_1','listLabel':'Hologram'}}");
    private static final JsonNode PLAIN_FIELDS = json("{'ID':{'type':'integer','title':'ID'},"
            + "'DATE_MODIFY':{'type':'datetime'},'LAST_UPDATED':{'type':'datetime'},'CREATED':{'type':'datetime'},"
            + "'TIMESTAMP_X':{'type':'datetime'}}");

    private static FakeBitrixApi portal(String scopes) {
        FakeBitrixApi api = new FakeBitrixApi();
        api.on("scope", json(scopes));
        for (String e : List.of("contact", "company", "lead", "activity", "product")) {
            api.on("crm." + e + ".fields", PLAIN_FIELDS);
        }
        api.on("crm.deal.fields", DEAL_FIELDS);
        for (String m : List.of("crm.requisite.fields", "crm.requisite.bankdetail.fields", "crm.address.fields",
                "crm.currency.fields")) {
            api.on(m, PLAIN_FIELDS); // issue 16's streams
        }
        api.on("crm.type.list", json("{'types':[{'id':1,'entityTypeId':1040},{'id':2,'entityTypeId':1044}]}"));
        api.on("crm.item.fields", p -> json("{'fields':{'id':{'type':'integer','title':'ID'},"
                + "'updatedTime':{'type':'datetime'},'ufCrm" + p.get("entityTypeId").asInt() + "_1':{'type':'money',"
                + "'isDynamic':true,'listLabel':'Budget'}}}"));
        api.on("method.get", json("{'isExisting':true,'isAvailable':true}"));
        // user.fields as a real portal answers it (F:tests/real_responses/user_fields.py, cut)
        api.on("user.fields", json("{'ID':'ID','ACTIVE':'Activity','PERSONAL_BIRTHDAY':'Date of Birth',"
                + "'UF_SKYPE_LINK':'Skype Chat Link','UF_TIMEMAN':'Time Tracking','UF_DEPARTMENT':'Units',"
                + "'UF_USR_1724228142162':'UF_USR_1724228142162','UF_USR_MONEY':'Salary','UF_NEW_STANDARD':'New'}"));
        return api;
    }

    private static List<String> names(Catalog c) {
        return c.streams().stream().map(CatalogEntry::tapStreamId).toList();
    }

    @Test
    void theUsersSchemaHasEveryFieldOfUserFieldsTypedFromTheUserFieldList() {
        FakeBitrixApi api = portal("['crm','user','user.userfield']");
        // D:api-reference/user/userfields/user-userfield-list.md (example, cut)
        api.on("user.userfield.list", json("[{'ID':'176','ENTITY_ID':'USER','FIELD_NAME':'UF_USR_1724228142162',"
                + "'USER_TYPE_ID':'enumeration','MULTIPLE':'Y'},{'ID':'177','ENTITY_ID':'USER',"
                + "'FIELD_NAME':'UF_USR_MONEY','USER_TYPE_ID':'money','MULTIPLE':'N'}]"));
        JsonNode props = users(api).get("properties");
        assertEquals(List.of("ID", "ACTIVE", "PERSONAL_BIRTHDAY", "UF_SKYPE_LINK", "UF_TIMEMAN", "UF_DEPARTMENT",
                "UF_USR_1724228142162", "UF_USR_MONEY", "UF_NEW_STANDARD"), List.copyOf(props.propertyNames()));
        assertEquals(json("{'type':'integer'}"), props.get("ID"));
        assertEquals("date", props.get("PERSONAL_BIRTHDAY").get("format").asString());
        assertEquals(json("['array','null']"), props.get("UF_USR_1724228142162").get("type"));
        assertEquals(json("['integer','null']"), props.get("UF_USR_1724228142162").get("items").get("type"));
        assertEquals(json("['string','null']"), props.get("UF_USR_MONEY").get("type"));
        assertEquals("Salary", props.get("UF_USR_MONEY").get("description").asString());
        assertEquals(json("['string','null']"), props.get("UF_NEW_STANDARD").get("type"));
    }

    @Test
    void withoutTheUserFieldListTheUsersOwnFieldsAreStillDeclaredAsText() {
        JsonNode props = users(portal("['crm','user']")).get("properties");
        assertEquals(json("['string','null']"), props.get("UF_USR_1724228142162").get("type"));
        assertTrue(props.has("UF_USR_MONEY"));
    }

    private static JsonNode users(FakeBitrixApi api) {
        return new Discovery(api, TapConfig.defaults(URL)).discover().streams().stream()
                .filter(e -> e.tapStreamId().equals("users")).findFirst().orElseThrow().schema();
    }

    @Test
    void missingScopesLeaveStreamsOutWithTheScopeNamed() {
        Discovery d = new Discovery(portal("['crm','user_brief']"), TapConfig.defaults(URL));
        List<String> names = names(d.discover());
        assertTrue(names.contains("users"), "user_brief enables users");
        assertFalse(names.contains("calls"));
        assertFalse(names.contains("open_lines"));
        assertFalse(names.contains("departments"));
        assertTrue(d.omissions().contains(new Omission("calls",
                "the webhook has no 'telephony' scope; add it to the webhook to enable this stream")));
        assertTrue(d.omissions().contains(new Omission("tasks",
                "the webhook has no 'task' scope; add it to the webhook to enable this stream")));
        assertEquals(9, d.omissions().size(), "calls, open_lines, departments and the six work streams");
    }

    @Test
    void spaTypesWithoutCrmAdminRightsAreLeftOutWithoutFailing() {
        FakeBitrixApi api = portal("['crm','user','department','telephony','imopenlines']")
                .on("crm.type.list", BitrixErrorKind.ACCESS_DENIED);
        Discovery d = new Discovery(api, TapConfig.defaults(URL));
        List<String> names = names(d.discover());
        assertFalse(names.contains("spa_types"));
        assertTrue(names.stream().noneMatch(n -> n.startsWith("spa_")));
        assertTrue(names.contains("deals"));
        assertTrue(d.omissions().get(0).reason().contains("CRM administrator"));
    }

    @Test
    void aModuleThatIsNotInstalledLeavesItsStreamOut() {
        FakeBitrixApi api = portal("['crm','user','department','telephony','imopenlines']")
                .on("method.get", p -> json("{'isExisting':" + !p.get("name").asString().startsWith("voximplant")
                        + ",'isAvailable':true}"));
        List<String> names = names(new Discovery(api, TapConfig.defaults(URL)).discover());
        assertFalse(names.contains("calls"));
        assertTrue(names.contains("open_lines"));
    }

    @Test
    void aRetryableFailureInsideTheBatchFailsDiscoveryRatherThanDroppingAStream() {
        FakeBitrixApi api = portal("['crm']").on("crm.lead.fields", BitrixErrorKind.SERVER);
        assertThrows(BitrixException.class, () -> new Discovery(api, TapConfig.defaults(URL)).discover());
    }

    @Test
    void contactIdsAppearOnlyWithExtractDealContactsAndAsAnArrayOfIntegers() {
        CatalogEntry without = new Discovery(portal("['crm']"), TapConfig.defaults(URL)).discover().find("deals")
                .orElseThrow();
        assertFalse(without.schema().get("properties").has("CONTACT_IDS"));
        TapConfig on = new TapConfig(URL, Optional.empty(), true, false, false, 200, List.of(), 2, 50, 60);
        CatalogEntry with = new Discovery(portal("['crm']"), on).discover().find("deals").orElseThrow();
        assertEquals(json("{'type':['array','null'],'items':{'type':['integer','null']},'description':'Contacts'}"),
                with.schema().get("properties").get("CONTACT_IDS"));
    }

    @Test
    void unknownTypesAreTypedAsAnyJsonValueNotDropped() {
        CatalogEntry deals = new Discovery(portal("['crm']"), TapConfig.defaults(URL)).discover().find("deals")
                .orElseThrow();
        assertEquals(json("{'type':['object','array','string','number','boolean','null'],'description':'Hologram'}"),
                deals.schema().get("properties").get("UF_CRM_1"));
    }

    @Test
    void spaStreamsFollowSpaTypesAndCostOneMoreRequest() {
        FakeBitrixApi api = portal("['crm']");
        Catalog c = new Discovery(api, TapConfig.defaults(URL)).discover();
        List<String> names = names(c);
        int at = names.indexOf("spa_types");
        assertEquals(List.of("spa_1040", "spa_fields_1040", "spa_1044", "spa_fields_1044"),
                names.subList(at + 1, at + 5));
        assertEquals(2, api.stats().httpRequests());
        assertEquals("Budget", c.find("spa_1044").orElseThrow().schema().get("properties").get("ufCrm1044_1")
                .get("description").asString());
    }

    @Test
    void aStreamWhoseReplicationKeyIsMissingFromTheFieldsBecomesFullTable() {
        FakeBitrixApi api = portal("['crm']").on("crm.product.fields", json("{'ID':{'type':'integer'}}"));
        CatalogEntry product = new Discovery(api, TapConfig.defaults(URL)).discover().find("product").orElseThrow();
        assertEquals("FULL_TABLE", product.replicationMethod());
    }
}
