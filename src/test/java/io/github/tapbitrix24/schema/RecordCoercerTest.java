package io.github.tapbitrix24.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RecordCoercerTest {
    private static final JsonMapper M = JsonMapper.shared();

    private static JsonNode json(String s) {
        return M.readTree(s.replace('\'', '"'));
    }

    /** Compares as written JSON: 19999.99 from a string is a decimal node, from the parser a double node. */
    private static void assertJson(JsonNode expected, JsonNode actual) {
        assertEquals(expected.toString(), actual.toString());
    }

    private static ObjectNode schemaOf(FieldDescriptor... fields) {
        return SchemaBuilder.objectSchema(List.of(fields));
    }

    private static FieldDescriptor f(String id, String type) {
        return FieldDescriptor.of(id, type, false, id);
    }

    private static FieldDescriptor multi(String id, String type) {
        return FieldDescriptor.of(id, type, true, id);
    }

    @Test
    void writingStraightToAGeneratorGivesTheBytesOfTheCoercedRecord() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("ID", "integer"), f("OPP", "double"),
                f("BIG", "integer"), f("FLAG", "char"), f("AT", "datetime"), f("DAY", "date"), f("TITLE", "string"),
                multi("TAGS", "string"), multi("IDS", "integer"), f("OBJ", "crm_multifield"), f("ANY", "object"),
                f("EMPTY", "integer"), f("LONG", "integer")));
        JsonNode raw = json("{'ID':'12','OPP':'19999.99','BIG':'123456789012345678901234','FLAG':'Y',"
                + "'AT':'2024-09-02T18:37:18+02:00','DAY':'2024-08-30T00:00:00+02:00','TITLE':'Сделка \\u0001 \\\"q\\\"',"
                + "'TAGS':{'0':'a','2':'b'},'IDS':['1','x',3],'OBJ':[],'ANY':{'k':[1,{'n':null}]},'EMPTY':'',"
                + "'LONG':'9000000000','NOT_IN_SCHEMA':'x','D':1.5e3}");
        java.io.ByteArrayOutputStream direct = new java.io.ByteArrayOutputStream();
        try (tools.jackson.core.JsonGenerator g = M.createGenerator(direct)) {
            c.write(raw, g);
        }
        assertEquals(M.writeValueAsString(c.coerce(raw)), direct.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(direct.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\"LONG\":9000000000"));
    }

    @Test
    void numericStringsBecomeNumbersAndEmptyStringsBecomeNull() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("ID", "integer"), f("OPP", "double"),
                f("ASSIGNED_BY_ID", "user"), f("CATEGORY_ID", "crm_category"), f("EMPTY", "integer")));
        JsonNode out = c.coerce(json("{'ID':'12','OPP':'19999.99','ASSIGNED_BY_ID':'6','CATEGORY_ID':'0','EMPTY':''}"));
        assertJson(json("{'ID':12,'OPP':19999.99,'ASSIGNED_BY_ID':6,'CATEGORY_ID':0,'EMPTY':null}"), out);
        assertTrue(out.get("ID").isIntegralNumber());
        assertEquals("19999.99", out.get("OPP").asString());
    }

    @Test
    void integralDecimalsAreReadAsIntegers() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("A", "integer"), f("B", "integer")));
        assertJson(json("{'A':12,'B':7}"), c.coerce(json("{'A':'12.00','B':7.0}")));
    }

    @Test
    void flagsInEverySpellingBecomeBooleans() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("A", "char"), f("B", "char"), f("C", "boolean"),
                f("D", "boolean"), f("E", "boolean"), f("F", "char")));
        assertJson(json("{'A':true,'B':false,'C':true,'D':false,'E':true,'F':null}"),
                c.coerce(json("{'A':'Y','B':'N','C':'1','D':'0','E':true,'F':''}")));
    }

    @Test
    void datetimesAreWrittenAsRfc3339Utc() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("A", "datetime"), f("B", "datetime"),
                f("C", "datetime"), f("D", "datetime"), f("E", "datetime")), ZoneOffset.ofHours(3));
        JsonNode out = c.coerce(json("{'A':'2024-09-02T18:37:18+02:00','B':'2024-04-25T14:59:11+00:00',"
                + "'C':'2024-08-29 10:30:11','D':'24.08.2023 13:19:39','E':'2024-01-01T00:00:00.250-05:30'}"));
        assertEquals("2024-09-02T16:37:18Z", out.get("A").asString());
        assertEquals("2024-04-25T14:59:11Z", out.get("B").asString());
        assertEquals("2024-08-29T07:30:11Z", out.get("C").asString(), "offset-less values are portal time");
        assertEquals("2023-08-24T10:19:39Z", out.get("D").asString());
        assertEquals("2024-01-01T05:30:00.250Z", out.get("E").asString());
    }

    @Test
    void negativeOffsetsCrossMidnightCorrectly() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("A", "datetime")));
        assertEquals("2025-01-01T02:30:00Z",
                c.coerce(json("{'A':'2024-12-31T23:30:00-03:00'}")).get("A").asString());
    }

    @Test
    void aDateAtUtcMidnightIsThatUtcDayInEveryPortalOffset() {
        // BEGINDATE "2024-08-30T02:00:00+02:00" (D:api-reference/crm/deals/crm-deal-get.md) and
        // "2024-04-19T03:00:00+03:00" (F:tests/real_responses/crm_item_list.py): UTC midnight, portal offset
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("PLUS2", "date"), f("PLUS3", "date"),
                f("MINUS5", "date"), f("MINUS0930", "date"), f("PLUS14", "date"), f("UTC", "date")));
        assertJson(json("{'PLUS2':'2024-08-30','PLUS3':'2024-04-19','MINUS5':'2024-08-30','MINUS0930':'2024-03-01',"
                        + "'PLUS14':'2024-01-01','UTC':'2024-12-31'}"),
                c.coerce(json("{'PLUS2':'2024-08-30T02:00:00+02:00','PLUS3':'2024-04-19T03:00:00+03:00',"
                        + "'MINUS5':'2024-08-29T19:00:00-05:00','MINUS0930':'2024-02-29T14:30:00-09:30',"
                        + "'PLUS14':'2024-01-01T14:00:00+14:00','UTC':'2024-12-31T00:00:00+00:00'}")));
    }

    @Test
    void displayFormatDatetimesAreParsedInPortalTime() {
        // D:api-reference/calendar/calendar-event/calendar-event-get-by-id.md: "12/05/2024 01:48:41 pm", "12/24/2024"
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("AT", "datetime"), f("AM", "datetime"),
                f("DAY", "date"), f("DAYTIME", "date")), ZoneOffset.ofHours(-5));
        assertJson(json("{'AT':'2024-12-05T18:48:41Z','AM':'2024-12-11T17:59:00Z','DAY':'2024-12-24','DAYTIME':'2024-12-05'}"),
                c.coerce(json("{'AT':'12/05/2024 01:48:41 pm','AM':'12/11/2024 12:59:00 PM','DAY':'12/24/2024',"
                        + "'DAYTIME':'12/05/2024 01:48:41 pm'}")));
        assertEquals(0, c.unconvertibleValues());
    }

    @Test
    void phpFalseForAnEmptyMultipleFieldIsAnEmptyArray() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(multi("E", "enumeration"), multi("EMP", "employee"),
                multi("IB", "iblock_element"), multi("CRM", "crm"), multi("S", "string"), multi("U", "url"),
                multi("F", "file"), f("ONE_FILE", "file"), f("NO_FILE", "file")));
        assertJson(json("{'E':[],'EMP':[],'IB':[],'CRM':[],'S':[],'U':[],'F':[],'ONE_FILE':null,'NO_FILE':null}"),
                c.coerce(json("{'E':false,'EMP':false,'IB':false,'CRM':false,'S':false,'U':false,'F':false,"
                        + "'ONE_FILE':[],'NO_FILE':false}")));
        assertEquals(0, c.unconvertibleValues());
    }

    @Test
    void phpFalseForAnEmptySingleNumericFieldIsNullNotZero() {
        // an unset single employee/enumeration/crm-link/double user field comes as PHP's false
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("EMP", "employee"), f("E", "enumeration"),
                f("I", "integer"), f("D", "double")));
        assertJson(json("{'EMP':null,'E':null,'I':null,'D':null}"),
                c.coerce(json("{'EMP':false,'E':false,'I':false,'D':false}")));
        assertEquals(java.util.Map.of(), c.nulledValues());
    }

    @Test
    void nonEmptyValuesWrittenAsNullAreCountedPerField() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("I", "integer"), multi("M", "integer"), f("T", "datetime")));
        c.coerce(json("{'I':'abc','M':['1','x','y'],'T':''}"));
        c.coerce(json("{'I':'def','M':false,'T':null}"));
        assertEquals(java.util.Map.of("I", 2L, "M", 2L), c.nulledValues());
    }

    @Test
    void datesKeepTheirLocalCalendarDayEvenWhenSentAsLocalMidnight() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("A", "date"), f("B", "date"), f("C", "date"),
                f("D", "date")));
        assertJson(json("{'A':'2024-08-30','B':'2024-08-30','C':'2024-08-30','D':null}"),
                c.coerce(json("{'A':'2024-08-30T00:00:00+02:00','B':'2024-08-30','C':'30.08.2024','D':''}")));
    }

    @Test
    void multifieldsBecomeArraysOfTypedObjects() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(multi("PHONE", "crm_multifield")));
        JsonNode out = c.coerce(json("{'PHONE':[{'ID':'215','VALUE_TYPE':'WORK','VALUE':'+1 555','TYPE_ID':'PHONE'}]}"));
        assertJson(json("{'PHONE':[{'ID':215,'VALUE_TYPE':'WORK','VALUE':'+1 555','TYPE_ID':'PHONE'}]}"), out);
    }

    @Test
    void singleValuesForMultipleFieldsAreWrappedAndPhpMapsBecomeArrays() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(multi("A", "enumeration"), multi("B", "integer"),
                multi("C", "file"), multi("D", "string")));
        assertJson(json("{'A':[79],'B':[1,3],'C':[{'id':5,'showUrl':'/x'}],'D':null}"),
                c.coerce(json("{'A':'79','B':{'0':'1','2':'3'},'C':{'id':'5','showUrl':'/x'},'D':''}")));
    }

    @Test
    void phpEmptyArrayForAnOpenMapBecomesAnEmptyObject() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("X", "money")));
        ObjectNode schema = SchemaBuilder.emptyObjectSchema();
        ((ObjectNode) schema.get("properties")).set("SETTINGS", FieldTypeMapping.nullable("object"));
        assertJson(json("{'SETTINGS':{}}"), RecordCoercer.forSchema(schema).coerce(json("{'SETTINGS':[]}")));
        assertJson(json("{'X':null}"), c.coerce(json("{'X':[]}")));
    }

    @Test
    void aPhpListForAnObjectBecomesTheMapItIsNeverNull() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("SETTINGS", "object"), f("OPAQUE", "diskfile")));
        assertJson(json("{'SETTINGS':{'0':'a','1':{'k':1}},'OPAQUE':[1,'x']}"),
                c.coerce(json("{'SETTINGS':['a',{'k':1}],'OPAQUE':[1,'x']}")));
        assertEquals(0, c.unconvertibleValues());
    }

    @Test
    void stringsAcceptScalarsAndPermissiveFieldsPassThrough() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("S", "string"), f("M", "money"), f("U", "mystery_type")));
        assertJson(json("{'S':'12','M':'300|USD','U':{'any':[1,'x']}}"),
                c.coerce(json("{'S':12,'M':'300|USD','U':{'any':[1,'x']}}")));
    }

    @Test
    void unconvertibleValuesBecomeNullAndAreCountedNeverThrown() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("I", "integer"), f("B", "boolean"), f("T", "datetime"),
                f("N", "double")));
        JsonNode out = c.coerce(json("{'I':'abc','B':'maybe','T':'yesterday','N':'1,5'}"));
        assertJson(json("{'I':null,'B':null,'T':null,'N':null}"), out);
        assertEquals(4, c.unconvertibleValues());
    }

    @Test
    void exactlyTheSchemaPropertiesAreWrittenInSchemaOrderAbsentOnesAsNull() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("ID", "integer"), f("TITLE", "string"), f("N", "double")));
        JsonNode out = c.coerce(json("{'N':'2','EXTRA':'x','ID':'1'}"));
        assertJson(json("{'ID':1,'TITLE':null,'N':2}"), out);
        assertFalse(out.has("EXTRA"));
        assertEquals(List.of("ID", "TITLE", "N"), List.copyOf(out.propertyNames()));
        java.io.StringWriter written = new java.io.StringWriter();
        try (tools.jackson.core.JsonGenerator gen = tools.jackson.databind.json.JsonMapper.shared().createGenerator(written)) {
            c.write(json("{'N':'2','EXTRA':'x','ID':'1'}"), gen);
        }
        assertEquals("{\"ID\":1,\"TITLE\":null,\"N\":2}", written.toString(), "the streaming path writes the same bytes");
    }

    @Test
    void nativeJsonValuesFromCrmItemListPassUnchanged() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("id", "integer"), f("opportunity", "double"),
                multi("contactIds", "crm_contact")));
        JsonNode raw = json("{'id':253,'opportunity':19000,'contactIds':[4,5]}");
        assertEquals(raw, c.coerce(raw));
    }
}
