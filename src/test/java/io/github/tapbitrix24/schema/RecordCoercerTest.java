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
    void phpEmptyArrayForAnObjectBecomesAnEmptyObject() {
        RecordCoercer c = RecordCoercer.forSchema(schemaOf(f("LOGO", "file"), f("X", "money")));
        assertJson(json("{'LOGO':{},'X':null}"), c.coerce(json("{'LOGO':[],'X':[]}")));
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
