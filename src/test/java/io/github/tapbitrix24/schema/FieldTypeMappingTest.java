package io.github.tapbitrix24.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class FieldTypeMappingTest {
    private static final JsonMapper M = JsonMapper.shared();

    private static JsonNode json(String s) {
        return M.readTree(s.replace('\'', '"'));
    }

    private static ObjectNode map(String type, boolean multiple) {
        return FieldTypeMapping.schemaFor(new FieldDescriptor("F", type, false, false, multiple, false, null, null,
                null, null, null, null, null, null));
    }

    @Test
    void everyTypeTheDocsListIsKnown() {
        // bitrix24-api.md §5.3: the PHP SDK's list of *.fields types and crm.userfield.types
        List<String> documented = List.of("array", "attached_diskfile", "char", "crm", "crm_activity_binding",
                "crm_activity_communication", "crm_company", "crm_contact", "crm_currency", "crm_deal",
                "crm_enum_activitytype", "crm_enum_activitystatus", "crm_enum_activitypriority",
                "crm_enum_activitynotifytype", "crm_enum_activitydirection", "crm_enum_contenttype",
                "crm_enum_ownertype", "crm_lead", "crm_multifield", "crm_status", "crm_status_extra",
                "currency_localization", "datatype", "date", "datetime", "disk_file", "diskfile", "double", "enum",
                "file", "int", "integer", "location", "mail_message", "object", "product_file", "string",
                "uf_enum_element", "user", "boolean", "enumeration", "money", "url", "address", "employee",
                "iblock_section", "iblock_element", "crm_category", "crm_entity", "crm_quote", "text",
                "resourcebooking", "crm_product_row", "product_property", "recurring_params", "rest_12_mytype");
        for (String t : documented) {
            assertTrue(FieldTypeMapping.isKnown(t), t);
        }
        assertFalse(FieldTypeMapping.isKnown("hologram"));
    }

    @Test
    void scalarTypesAreNullableAndTyped() {
        assertEquals(json("{'type':['integer','null']}"), map("crm_company", false));
        assertEquals(json("{'type':['integer','null']}"), map("enumeration", false));
        assertEquals(json("{'type':['number','null']}"), map("double", false));
        assertEquals(json("{'type':['boolean','null']}"), map("char", false));
        assertEquals(json("{'type':['string','null'],'format':'date'}"), map("date", false));
        assertEquals(json("{'type':['string','null'],'format':'date-time'}"), map("datetime", false));
        assertEquals(json("{'type':['string','null']}"), map("money", false));
        assertEquals(json("{'type':['string','null']}"), map("crm_status", false));
    }

    @Test
    void multipleFieldsAreArraysOfTheItemType() {
        assertEquals(json("{'type':['array','null'],'items':{'type':['integer','null']}}"), map("employee", true));
    }

    @Test
    void multifieldsAreAlwaysArraysOfObjects() {
        ObjectNode single = map("crm_multifield", false);
        assertEquals(single, map("crm_multifield", true));
        assertEquals("array", single.get("type").get(0).asString());
        assertEquals(List.of("ID", "VALUE_TYPE", "VALUE", "TYPE_ID"),
                List.copyOf(single.get("items").get("properties").propertyNames()));
    }

    @Test
    void unknownTypesAreTypedAsAnyJsonValueAndKeepTheirLabel() {
        ObjectNode s = FieldTypeMapping.schemaFor(new FieldDescriptor("UF_CRM_9", "hologram", false, false, false,
                true, "UF_CRM_9", "Hologram", null, null, null, null, null, null));
        assertEquals(json("{'type':['object','array','string','number','boolean','null'],'description':'Hologram'}"), s);
    }

    @Test
    void customFieldsAreDescribedByListLabelAndStandardOnesByTitle() {
        FieldDescriptor custom = FieldDescriptor.fromJson("UF_CRM_1687188367", json("{'type':'enumeration',"
                + "'isMultiple':true,'isDynamic':true,'title':'UF_CRM_1687188367','listLabel':'Subsidiary'}"));
        assertEquals("Subsidiary", FieldTypeMapping.schemaFor(custom).get("description").asString());
        FieldDescriptor standard = FieldDescriptor.fromJson("STAGE_ID", json("{'type':'crm_status','title':'Deal Stage',"
                + "'statusType':'DEAL_STAGE'}"));
        assertEquals("Deal Stage", FieldTypeMapping.schemaFor(standard).get("description").asString());
        assertEquals("DEAL_STAGE", standard.statusType());
    }

    @Test
    void keysBecomeRequiredAndNonNullable() {
        ObjectNode s = SchemaBuilder.objectSchema(List.of(FieldDescriptor.of("ID", "integer", false, "ID"),
                FieldDescriptor.of("TITLE", "string", false, "Title")));
        SchemaBuilder.requireKeys(s, List.of("ID"));
        assertEquals(json("{'type':'integer','description':'ID'}"), s.get("properties").get("ID"));
        assertEquals(json("['ID']"), s.get("required"));
        assertEquals(FieldTypeMapping.DIALECT, s.get("$schema").asString());
    }
}
