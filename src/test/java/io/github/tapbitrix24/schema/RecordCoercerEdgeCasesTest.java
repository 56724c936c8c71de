package io.github.tapbitrix24.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edges of each rule in {@link RecordCoercer}'s contract, one value at a time, on schemas
 * written out by hand: signs and lengths of integers, exact decimals, flags as numbers, the empty
 * forms of every type, PHP maps with numeric keys, and unconvertible values counted and logged once.
 */
class RecordCoercerEdgeCasesTest {
    private static final JsonMapper M = JsonMapper.shared();

    private static JsonNode json(String s) {
        return M.readTree(s.replace('\'', '"'));
    }

    /** A coercer for one property {@code V} of the given schema. */
    private static RecordCoercer one(String propertySchema) {
        return RecordCoercer.forSchema(json("{'type':'object','properties':{'V':" + propertySchema + "}}"));
    }

    /** {@code raw} (JSON text) through a one-property coercer, as written JSON text. */
    private static String coerce(RecordCoercer c, String raw) {
        return c.coerce(json("{'V':" + raw + "}")).get("V").toString();
    }

    @Test
    void integersKeepTheirSignAndSizeAndIntegralDecimalsCount() {
        RecordCoercer c = one("{'type':['null','integer']}");
        assertEquals("-12", coerce(c, "'-12'"));
        assertEquals("12", coerce(c, "'+12'"));
        assertEquals("123456789012345678", coerce(c, "'123456789012345678'"));
        assertEquals("1234567890123456789", coerce(c, "'1234567890123456789'"));
        assertEquals("-1234567890123456789", coerce(c, "'-1234567890123456789'"));
        assertEquals("99999999999999999999", coerce(c, "'99999999999999999999'"));
        assertEquals("3000000000", coerce(c, "'3000000000'"));
        assertEquals("12", coerce(c, "' 12 '"));
        assertEquals("12", coerce(c, "'12.00'"));
        assertEquals("7", coerce(c, "7.0"));
        assertEquals("100000000000000000000", coerce(c, "1e20"));
        assertEquals("null", coerce(c, "''"));
        assertEquals("null", coerce(c, "null"));
        assertTrue(c.coerce(json("{'V':'3000000000'}")).get("V").isLong(), "a long beyond int");
        assertTrue(c.coerce(json("{'V':'12'}")).get("V").isInt(), "an int when it fits, as a parser makes it");
    }

    @Test
    void textThatIsNotAnIntegerIsNullAndCounted() {
        RecordCoercer c = one("{'type':'integer'}");
        for (String raw : List.of("'-'", "'+'", "'1-2'", "'12.5'", "'abc'", "'1 2'", "12.5", "{'a':1}", "[1]")) {
            long before = c.unconvertibleValues();
            assertEquals("null", coerce(c, raw), raw);
            assertEquals(before + 1, c.unconvertibleValues(), raw + " is counted");
        }
    }

    @Test
    void numbersAreExactDecimalsAndOnlyNumbersPass() {
        RecordCoercer c = one("{'type':['null','number']}");
        assertEquals("19999.99", coerce(c, "'19999.99'"));
        assertEquals("-0.5", coerce(c, "'-0.5'"));
        assertEquals("5", coerce(c, "' 5 '"));
        assertEquals("1.5", coerce(c, "1.5"));
        assertEquals("null", coerce(c, "'  '"));
        assertEquals("100535.60", c.coerce(json("{'V':'100535.60'}")).get("V").decimalValue().toPlainString());
        long before = c.unconvertibleValues();
        assertEquals("null", coerce(c, "'abc'"));
        assertEquals("null", coerce(c, "[1]"));
        assertEquals(before + 2, c.unconvertibleValues());
    }

    @Test
    void flagsAreReadFromTextNumbersAndBooleansAndNothingElse() {
        RecordCoercer c = one("{'type':['null','boolean']}");
        assertEquals("true", coerce(c, "' Y '"));
        assertEquals("true", coerce(c, "1"));
        assertEquals("false", coerce(c, "0"));
        assertEquals("true", coerce(c, "true"));
        assertEquals("false", coerce(c, "'n'"));
        assertEquals("null", coerce(c, "''"));
        long before = c.unconvertibleValues();
        for (String raw : List.of("2", "-1", "'maybe'", "1.5", "[]", "{'a':1}")) {
            assertEquals("null", coerce(c, raw), raw);
        }
        assertEquals(before + 6, c.unconvertibleValues());
    }

    @Test
    void emptyDatesInEveryFormAreNullAndWrongOnesAreCounted() {
        RecordCoercer dateTime = one("{'type':['null','string'],'format':'date-time'}");
        RecordCoercer date = one("{'type':['null','string'],'format':'date'}");
        for (RecordCoercer c : List.of(dateTime, date)) {
            assertEquals("null", coerce(c, "''"));
            assertEquals("null", coerce(c, "{}"), "user.get writes an empty date as {}");
            assertEquals("null", coerce(c, "[]"));
            assertEquals("null", coerce(c, "null"));
            long before = c.unconvertibleValues();
            assertEquals("null", coerce(c, "'not a date'"));
            assertEquals("null", coerce(c, "5"));
            assertEquals("null", coerce(c, "{'y':2024}"));
            assertEquals(before + 3, c.unconvertibleValues());
        }
        assertEquals("\"2024-09-02T16:37:18Z\"", coerce(dateTime, "'2024-09-02T18:37:18+02:00'"));
        assertEquals("\"2024-08-30\"", coerce(date, "'2024-08-30T00:00:00+02:00'"));
    }

    @Test
    void textTakesScalarsAndContainersAsJsonAndEmptyPhpArraysAsNull() {
        RecordCoercer c = one("{'type':['null','string']}");
        assertEquals("\"12\"", coerce(c, "12"));
        assertEquals("\"true\"", coerce(c, "true"));
        assertEquals("\"\"", coerce(c, "''"));
        assertEquals("\"{\\\"a\\\":1}\"", coerce(c, "{'a':1}"));
        assertEquals("\"[1]\"", coerce(c, "[1]"));
        assertEquals("null", coerce(c, "[]"));
        assertEquals("null", coerce(c, "{}"));
    }

    @Test
    void phpMapsWithNumericKeysBecomeArraysAndOtherObjectsAreOneItem() {
        RecordCoercer objects = one("{'type':['null','array'],'items':{'type':'object','properties':{'ID':{'type':'integer'}}}}");
        assertEquals("[{\"ID\":1},{\"ID\":2}]", coerce(objects, "{'0':{'ID':'1'},'9':{'ID':'2'}}"));
        assertEquals("[{\"ID\":1}]", coerce(objects, "{'ID':'1'}"), "one multifield object, not a map of them");
        assertEquals("[{\"/\":{\"ID\":\"1\"}}]", coerce(objects, "{'/':{'ID':'1'}}"), "'/' sorts just before '0'");
        assertEquals("[{\":\":{\"ID\":\"1\"}}]", coerce(objects, "{':':{'ID':'1'}}"), "':' sorts just after '9'");
        assertEquals("[{\"1a\":{\"ID\":\"1\"}}]", coerce(objects, "{'1a':{'ID':'1'}}"));
        assertEquals("[{\"\":{\"ID\":\"1\"}}]", coerce(objects, "{'':{'ID':'1'}}"));
        assertEquals("[]", coerce(objects, "{}"));
        assertEquals("null", coerce(objects, "''"));
        assertEquals("null", coerce(objects, "null"));

        RecordCoercer scalars = one("{'type':['null','array'],'items':{'type':'integer'}}");
        assertEquals("[1,2]", coerce(scalars, "{'a':'1','b':'2'}"));
        assertEquals("[5]", coerce(scalars, "'5'"));
        assertEquals("[1,null]", coerce(scalars, "['1','x']"));
    }

    @Test
    void objectsCoerceTheirDeclaredPropertiesAndKeepTheRest() {
        RecordCoercer c = one("{'type':['null','object'],'properties':{'N':{'type':'integer'}}}");
        assertEquals("{\"N\":3,\"other\":\"x\"}", coerce(c, "{'N':'3','other':'x'}"));
        assertEquals("null", coerce(c, "''"));
        assertEquals("null", coerce(c, "null"));
        long before = c.unconvertibleValues();
        assertEquals("null", coerce(c, "5"));
        assertEquals("null", coerce(c, "true"));
        assertEquals(before + 2, c.unconvertibleValues());
        RecordCoercer open = one("{'type':'object'}");
        assertEquals("{\"k\":[1]}", coerce(open, "{'k':[1]}"));
    }

    @Test
    void aSchemaWithSeveralTypesOrNoneLetsTheValueThroughAsSent() {
        assertEquals("\"12\"", coerce(one("{'type':['string','integer']}"), "'12'"));
        assertEquals("\"12\"", coerce(one("{}"), "'12'"));
        assertEquals("12", coerce(one("{'type':['integer','null']}"), "'12'"));
    }

    @Test
    void anUnconvertibleFieldIsLoggedOnceWithoutItsValue() {
        RecordCoercer c = RecordCoercer.forSchema(json(
                "{'type':'object','properties':{'A':{'type':'integer'},'B':{'type':'integer'}}}"));
        Logger logger = Logger.getLogger(RecordCoercer.class.getName());
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(h);
        try {
            c.coerce(json("{'A':'secret-1','B':'secret-2'}"));
            c.coerce(json("{'A':'secret-3','B':'7'}"));
        } finally {
            logger.removeHandler(h);
        }
        assertEquals(3, c.unconvertibleValues());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("field A") && lines.get(1).contains("field B"), lines.toString());
        lines.forEach(l -> assertTrue(!l.contains("secret"), l));
    }

    @Test
    void onlyObjectsAreRowsAndSchemas() {
        RecordCoercer c = one("{'type':'integer'}");
        assertThrows(IllegalArgumentException.class, () -> c.coerce(null));
        assertThrows(IllegalArgumentException.class, () -> c.coerce(json("[1]")));
        assertThrows(IllegalArgumentException.class, () -> RecordCoercer.forSchema(null));
        assertThrows(IllegalArgumentException.class, () -> RecordCoercer.forSchema(json("[]")));
        assertEquals(List.of("V"), c.propertyNames());
    }
}
