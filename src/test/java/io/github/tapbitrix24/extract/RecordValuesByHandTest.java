package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * End-to-end values checked against expectations written here from the Bitrix type rules
 * (D:api-reference/data-types.md), field by field, for a sample of records of every stream family:
 * never through the tap's own {@code RecordCoercer} or schema. The sample of each stream holds its
 * first row, a row with each flag set and one with it cleared, and a row with an empty date when
 * the portal has one. The portal runs at UTC+03:00.
 *
 * <p>Dates: the record carries the day the portal stores. At a positive offset that is the local
 * date of the value as sent, whether the portal renders the day as local midnight
 * ({@code 2024-03-02T00:00:00+03:00}) or as UTC midnight shown in its offset
 * ({@code 2024-03-02T03:00:00+03:00}); deals' BEGINDATE is also checked against the day the
 * simulator stores for it (the UTC day of the deal's creation).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordValuesByHandTest {
    private static final ZoneOffset PORTAL = ZoneOffset.ofHours(3);

    /** How Bitrix writes a value of each kind, and so what the record must hold. */
    enum Kind {
        /** {@code "Y"} / {@code "N"} (or a JSON boolean, or {@code "1"}/{@code "0"}) → true / false. */
        FLAG,
        /** an integer as text or number → that integer. */
        INT,
        /** money and decimals as text ({@code "100535.60"}) or number → that exact decimal. */
        DECIMAL,
        /** ISO 8601 with the portal's offset → the same instant in UTC, written with {@code Z}. */
        DATETIME,
        /** {@code dd.MM.yyyy HH:mm:ss} or {@code yyyy-MM-dd HH:mm:ss}, no offset → that local time at the portal's offset. */
        LOCAL_DATETIME,
        /** a date → {@code yyyy-MM-dd}, the stored day. */
        DAY,
        /** text as is; {@code ""} stays {@code ""}. */
        TEXT,
        /** a CRM multifield: {@code [{ID, VALUE_TYPE, VALUE, TYPE_ID}]}, ID as an integer; PHP's {@code []} → []. */
        MULTIFIELD,
        /** a multiple custom field: the values as text, in order. */
        TEXT_LIST
    }

    record Field(String name, Kind kind) {
    }

    private static Field f(String name, Kind kind) {
        return new Field(name, kind);
    }

    /** Per stream: its portal rows, key, and the fields checked by hand. */
    private record Family(Dataset dataset, String key, List<Field> fields) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private ChildrenHarness c;
    private SyncHarness.Run run;

    @BeforeAll
    void syncEverything() {
        c = new ChildrenHarness(PortalOptions.defaults().withDeals(300).withUtcOffset(PORTAL), 24);
        run = c.sync(c.catalog(), null);

        families.put("deals", new Family(Dataset.DEALS, "ID", List.of(f("ID", Kind.INT), f("TITLE", Kind.TEXT),
                f("OPENED", Kind.FLAG), f("CLOSED", Kind.FLAG), f("IS_NEW", Kind.FLAG), f("IS_RECURRING", Kind.FLAG),
                f("PROBABILITY", Kind.INT), f("OPPORTUNITY", Kind.DECIMAL), f("TAX_VALUE", Kind.DECIMAL),
                f("CONTACT_ID", Kind.INT), f("COMPANY_ID", Kind.INT), f("BEGINDATE", Kind.DAY), f("CLOSEDATE", Kind.DAY),
                f("DATE_CREATE", Kind.DATETIME), f("DATE_MODIFY", Kind.DATETIME), f("MOVED_TIME", Kind.DATETIME))));
        families.put("contacts", new Family(Dataset.CONTACTS, "ID", List.of(f("ID", Kind.INT), f("NAME", Kind.TEXT),
                f("SECOND_NAME", Kind.TEXT), f("OPENED", Kind.FLAG), f("EXPORT", Kind.FLAG), f("HAS_PHONE", Kind.FLAG),
                f("HAS_EMAIL", Kind.FLAG), f("BIRTHDATE", Kind.DAY), f("DATE_MODIFY", Kind.DATETIME),
                f("PHONE", Kind.MULTIFIELD), f("EMAIL", Kind.MULTIFIELD), f("WEB", Kind.MULTIFIELD), f("IM", Kind.MULTIFIELD))));
        families.put("companies", new Family(Dataset.COMPANIES, "ID", List.of(f("ID", Kind.INT), f("TITLE", Kind.TEXT),
                f("REVENUE", Kind.DECIMAL), f("OPENED", Kind.FLAG), f("IS_MY_COMPANY", Kind.FLAG),
                f("DATE_CREATE", Kind.DATETIME), f("PHONE", Kind.MULTIFIELD), f("WEB", Kind.MULTIFIELD))));
        families.put("leads", new Family(Dataset.LEADS, "ID", List.of(f("ID", Kind.INT), f("OPPORTUNITY", Kind.DECIMAL),
                f("OPENED", Kind.FLAG), f("IS_MANUAL_OPPORTUNITY", Kind.FLAG), f("BIRTHDATE", Kind.DAY),
                f("DATE_CLOSED", Kind.DATETIME), f("DATE_MODIFY", Kind.DATETIME), f("PHONE", Kind.MULTIFIELD))));
        families.put("activities", new Family(Dataset.ACTIVITIES, "ID", List.of(f("ID", Kind.INT), f("OWNER_ID", Kind.INT),
                f("COMPLETED", Kind.FLAG), f("START_TIME", Kind.DATETIME), f("DEADLINE", Kind.DATETIME),
                f("LAST_UPDATED", Kind.DATETIME), f("SUBJECT", Kind.TEXT), f("LOCATION", Kind.TEXT))));
        families.put("product", new Family(Dataset.PRODUCTS, "ID", List.of(f("ID", Kind.INT), f("PRICE", Kind.DECIMAL),
                f("ACTIVE", Kind.FLAG), f("VAT_INCLUDED", Kind.FLAG), f("SORT", Kind.INT), f("TIMESTAMP_X", Kind.DATETIME))));
        families.put("users", new Family(Dataset.USERS, "ID", List.of(f("ID", Kind.INT), f("ACTIVE", Kind.FLAG),
                f("IS_ONLINE", Kind.FLAG), f("LAST_LOGIN", Kind.DATETIME), f("TIMESTAMP_X", Kind.LOCAL_DATETIME),
                f("LAST_ACTIVITY_DATE", Kind.LOCAL_DATETIME), f("PERSONAL_BIRTHDAY", Kind.DAY),
                f("UF_EMPLOYMENT_DATE", Kind.DAY), f("TIME_ZONE", Kind.TEXT))));
        families.put("departments", new Family(Dataset.DEPARTMENTS, "ID", List.of(f("ID", Kind.INT), f("NAME", Kind.TEXT),
                f("SORT", Kind.INT), f("PARENT", Kind.INT))));
        families.put("calls", new Family(Dataset.CALLS, "ID", List.of(f("ID", Kind.INT), f("CALL_DURATION", Kind.INT),
                f("CALL_START_DATE", Kind.DATETIME), f("COST", Kind.DECIMAL), f("TRANSCRIPT_PENDING", Kind.FLAG),
                f("CALL_FAILED_CODE", Kind.TEXT))));
        families.put("open_lines", new Family(Dataset.OPEN_LINES, "ID", List.of(f("ID", Kind.INT), f("ACTIVE", Kind.FLAG),
                f("CRM", Kind.FLAG), f("CRM_FORWARD", Kind.FLAG), f("MODIFY_USER_ID", Kind.INT))));
        families.put("status_list", new Family(Dataset.STATUSES, "ID", List.of(f("ID", Kind.INT), f("SORT", Kind.INT),
                f("SYSTEM", Kind.FLAG), f("STATUS_ID", Kind.TEXT))));
        families.put("spa_types", new Family(Dataset.SPA_TYPES, "id", List.of(f("id", Kind.INT), f("entityTypeId", Kind.INT),
                f("isCategoriesEnabled", Kind.FLAG), f("isDocumentsEnabled", Kind.FLAG), f("createdTime", Kind.DATETIME))));
        families.put("spa_128", new Family(Dataset.spaItems(128), "id", List.of(f("id", Kind.INT), f("title", Kind.TEXT),
                f("opened", Kind.FLAG), f("isManualOpportunity", Kind.FLAG), f("opportunity", Kind.DECIMAL),
                f("begindate", Kind.DAY), f("closedate", Kind.DAY), f("updatedTime", Kind.DATETIME))));
        families.put("deal_stage_history", new Family(Dataset.DEAL_STAGE_HISTORY, "ID", List.of(f("ID", Kind.INT),
                f("OWNER_ID", Kind.INT), f("CREATED_TIME", Kind.DATETIME), f("STAGE_ID", Kind.TEXT))));
        families.put("deal_products", new Family(Dataset.DEAL_PRODUCT_ROWS, "id", List.of(f("id", Kind.INT),
                f("ownerId", Kind.INT), f("price", Kind.DECIMAL), f("priceNetto", Kind.DECIMAL), f("discountRate", Kind.DECIMAL),
                f("quantity", Kind.DECIMAL), f("taxIncluded", Kind.FLAG), f("customized", Kind.FLAG), f("xmlId", Kind.TEXT))));
        families.put("deal_comments", new Family(Dataset.DEAL_COMMENTS, "ID", List.of(f("ID", Kind.INT),
                f("ENTITY_ID", Kind.INT), f("CREATED", Kind.DATETIME), f("COMMENT", Kind.TEXT))));
    }

    @AfterAll
    void stop() {
        c.close();
    }

    @Test
    void sampledRecordsOfEveryStreamFamilyHoldTheValuesTheTypeRulesGive() {
        Map<Kind, Integer> checked = new LinkedHashMap<>();
        int flagsSet = 0;
        int flagsCleared = 0;
        int emptyDays = 0;
        for (Map.Entry<String, Family> e : families.entrySet()) {
            String stream = e.getKey();
            Family family = e.getValue();
            Map<String, ObjectNode> records = new LinkedHashMap<>();
            run.records(stream).forEach(r -> records.put(r.get(family.key()).asString(), r));
            List<ObjectNode> rows = c.h.sim.data().rows(family.dataset());
            assertEquals(rows.size(), records.size(), stream + ": one record per portal row");
            for (ObjectNode raw : sample(rows, family)) {
                String id = raw.get(family.key()).asString();
                ObjectNode record = records.get(id);
                assertNotNull(record, stream + " " + id + " was not emitted");
                for (Field field : family.fields()) {
                    JsonNode value = raw.get(field.name());
                    if (value == null) { // e.g. the root department has no PARENT
                        assertTrue(record.path(field.name()).isNull() || !record.has(field.name()),
                                stream + " " + id + ": a field the portal leaves out is null (or absent)");
                        continue;
                    }
                    assertValue(field.kind(), value, record.get(field.name()), stream + " " + id + " " + field.name());
                    checked.merge(field.kind(), 1, Integer::sum);
                    if (field.kind() == Kind.FLAG) {
                        if (set(value)) {
                            flagsSet++;
                        } else {
                            flagsCleared++;
                        }
                    }
                    if (field.kind() == Kind.DAY && value.asString("x").isEmpty()) {
                        emptyDays++;
                    }
                }
            }
        }
        assertTrue(checked.keySet().containsAll(java.util.EnumSet.complementOf(java.util.EnumSet.of(Kind.TEXT_LIST))),
                "every kind was checked (lists in their own test): " + checked);
        assertTrue(flagsSet > 20 && flagsCleared > 20 && emptyDays > 0,
                "set flags " + flagsSet + ", cleared " + flagsCleared + ", empty dates " + emptyDays);
    }

    @Test
    void aDealsBeginDateIsTheDayTheSimulatorStoredForItsCreation() {
        List<ObjectNode> rows = c.h.sim.data().rows(Dataset.DEALS);
        for (ObjectNode deal : run.records("deals")) {
            ObjectNode raw = rows.get(deal.get("ID").asInt() - 1);
            assertEquals(deal.get("ID").asString(), raw.get("ID").asString());
            // The simulator stores a deal's begin date as the UTC day of its creation (portal.Fmt#date).
            LocalDate created = OffsetDateTime.parse(raw.get("DATE_CREATE").asString())
                    .atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
            assertEquals(created.toString(), deal.get("BEGINDATE").asString(), "deal " + deal.get("ID"));
        }
    }

    @Test
    void multipleCustomFieldsArriveAsListsOfTheirValues() {
        // contacts: UF_CRM_1710000006 (multiple string) and UF_CRM_1710000007 (multiple CRM link)
        Set<String> multiple = new LinkedHashSet<>();
        for (ObjectNode field : run.records("contact_fields")) {
            if (field.get("id").asString().startsWith("UF_") && field.get("isMultiple").asBoolean()) {
                multiple.add(field.get("id").asString());
            }
        }
        assertTrue(multiple.size() >= 2, "the portal has multiple custom contact fields: " + multiple);
        Map<String, ObjectNode> records = new LinkedHashMap<>();
        run.records("contacts").forEach(r -> records.put(r.get("ID").asString(), r));
        int lists = 0;
        for (ObjectNode raw : c.h.sim.data().rows(Dataset.CONTACTS)) {
            for (String name : multiple) {
                JsonNode value = raw.get(name);
                if (value != null && value.isArray() && !value.isEmpty()) {
                    assertValue(Kind.TEXT_LIST, value, records.get(raw.get("ID").asString()).get(name),
                            "contact " + raw.get("ID") + " " + name);
                    lists++;
                }
            }
        }
        assertTrue(lists > 100, "contacts with values in multiple custom fields: " + lists);
    }

    /** The first row, then rows with each flag set and cleared and with an empty date, when there are. */
    private static List<ObjectNode> sample(List<ObjectNode> rows, Family family) {
        Set<ObjectNode> out = new LinkedHashSet<>();
        out.add(rows.get(0));
        for (Field field : family.fields()) {
            if (field.kind() == Kind.FLAG) {
                rows.stream().filter(r -> set(r.path(field.name()))).findFirst().ifPresent(out::add);
                rows.stream().filter(r -> !set(r.path(field.name()))).findFirst().ifPresent(out::add);
            }
            if (field.kind() == Kind.DAY) {
                rows.stream().filter(r -> r.path(field.name()).asString("x").isEmpty()).findFirst().ifPresent(out::add);
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean set(JsonNode flag) {
        return flag.isBoolean() ? flag.booleanValue() : List.of("Y", "1").contains(flag.asString());
    }

    private static void assertValue(Kind kind, JsonNode raw, JsonNode actual, String where) {
        assertNotNull(actual, where + ": absent from the record");
        if (raw.isNull() || (kind != Kind.TEXT && raw.isString() && raw.asString().isEmpty())) {
            // Bitrix sends "" for an empty number, date or link (D:api-reference/crm/deals/crm-deal-list.md).
            assertTrue(actual.isNull(), where + ": " + raw + " must become null, was " + actual);
            return;
        }
        switch (kind) {
            case FLAG -> {
                assertTrue(raw.isBoolean() || List.of("Y", "N", "1", "0").contains(raw.asString()), where + ": " + raw);
                assertTrue(actual.isBoolean(), where + ": " + actual);
                assertEquals(set(raw), actual.booleanValue(), where + ": " + raw);
            }
            case INT -> {
                assertTrue(actual.isIntegralNumber(), where + ": " + actual);
                assertEquals(Long.parseLong(raw.asString()), actual.longValue(), where);
            }
            case DECIMAL -> {
                assertTrue(actual.isNumber(), where + ": " + actual);
                assertEquals(0, new BigDecimal(raw.asString()).compareTo(actual.decimalValue()),
                        where + ": " + raw + " vs " + actual);
            }
            case DATETIME -> {
                assertTrue(actual.asString().endsWith("Z"), where + ": " + actual);
                assertEquals(OffsetDateTime.parse(raw.asString()).toInstant(), Instant.parse(actual.asString()),
                        where + ": " + raw + " vs " + actual);
            }
            case LOCAL_DATETIME -> {
                String pattern = raw.asString().charAt(2) == '.' ? "dd.MM.yyyy HH:mm:ss" : "yyyy-MM-dd HH:mm:ss";
                Instant expected = LocalDateTime.parse(raw.asString(), DateTimeFormatter.ofPattern(pattern))
                        .toInstant(PORTAL);
                assertEquals(expected, Instant.parse(actual.asString()), where + ": " + raw + " vs " + actual);
            }
            case DAY -> assertEquals(raw.asString().substring(0, 10), actual.asString(), where + ": " + raw);
            case TEXT -> assertEquals(raw.asString(), actual.asString(), where);
            case MULTIFIELD -> {
                assertTrue(actual.isArray(), where + ": " + actual);
                assertEquals(raw.size(), actual.size(), where);
                for (int i = 0; i < raw.size(); i++) {
                    JsonNode r = raw.get(i);
                    JsonNode a = actual.get(i);
                    assertEquals(Long.parseLong(r.get("ID").asString()), a.get("ID").longValue(), where + "[" + i + "]");
                    for (String part : List.of("VALUE_TYPE", "VALUE", "TYPE_ID")) {
                        assertEquals(r.get(part).asString(), a.get(part).asString(), where + "[" + i + "]." + part);
                    }
                }
            }
            case TEXT_LIST -> {
                assertTrue(actual.isArray(), where + ": " + actual);
                List<String> expected = new ArrayList<>();
                raw.forEach(v -> expected.add(v.asString()));
                List<String> got = new ArrayList<>();
                actual.forEach(v -> got.add(v.asString()));
                assertEquals(expected, got, where);
            }
            default -> throw new AssertionError(kind);
        }
    }
}
