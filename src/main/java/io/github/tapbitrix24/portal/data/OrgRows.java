package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Organisation, telephony and dictionary rows: user.get (D:api-reference/user/user-get.md),
 * department.get (D:api-reference/departments/department-get.md), voximplant.statistic.get
 * (D:api-reference/telephony/voximplant/voximplant-statistic-get.md), imopenlines.config.list.get,
 * crm.status.list, crm.category.list and crm.type.list.
 */
public final class OrgRows {
    static final long USER = 1100;
    static final long CALL = 1200;

    /** Every field user.fields lists ({@link UserFields}), with the types user.get's values have. */
    static final EntitySchema USERS = new EntitySchema("users", UserFields.ALL.stream().map(OrgRows::userField).toList());

    private static FieldDef userField(UserFields.Field f) {
        if (f.custom()) {
            FieldDef d = FieldDef.std(f.code(), f.type());
            return f.multiple() ? d.withMultiple() : d;
        }
        return switch (f.code()) {
            case "ID", "TIME_ZONE_OFFSET" -> FieldDef.std(f.code(), "integer");
            case "ACTIVE" -> FieldDef.std(f.code(), "boolean");
            case "IS_ONLINE" -> FieldDef.std(f.code(), "char");
            case "LAST_LOGIN", "DATE_REGISTER" -> FieldDef.std(f.code(), "datetime");
            case "PERSONAL_BIRTHDAY", "UF_EMPLOYMENT_DATE" -> FieldDef.std(f.code(), "date");
            case "UF_DEPARTMENT" -> FieldDef.std(f.code(), "integer").withMultiple();
            default -> FieldDef.std(f.code(), "string");
        };
    }
    static final EntitySchema DEPARTMENTS = new EntitySchema("departments", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("NAME", "string"), FieldDef.std("SORT", "integer"),
            FieldDef.std("PARENT", "integer"), FieldDef.std("UF_HEAD", "integer")));
    static final EntitySchema CALLS = new EntitySchema("calls", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("CALL_ID", "string"), FieldDef.std("EXTERNAL_CALL_ID", "string"),
            FieldDef.std("CALL_CATEGORY", "string"), FieldDef.std("CALL_LOG", "string"),
            FieldDef.std("PORTAL_USER_ID", "integer"),
            FieldDef.std("PORTAL_NUMBER", "string"), FieldDef.std("PHONE_NUMBER", "string"),
            FieldDef.std("CALL_TYPE", "integer"), FieldDef.std("CALL_DURATION", "integer"),
            FieldDef.std("CALL_START_DATE", "datetime"), FieldDef.std("CALL_RECORD_URL", "string"),
            FieldDef.std("CALL_VOTE", "integer"), FieldDef.std("COST", "double"), FieldDef.std("COST_CURRENCY", "string"),
            FieldDef.std("CALL_FAILED_CODE", "string"), FieldDef.std("CALL_FAILED_REASON", "string"),
            FieldDef.std("CRM_ENTITY_TYPE", "string"), FieldDef.std("CRM_ENTITY_ID", "integer"),
            FieldDef.std("CRM_ACTIVITY_ID", "integer"), FieldDef.std("REST_APP_ID", "integer"),
            FieldDef.std("REST_APP_NAME", "string"), FieldDef.std("TRANSCRIPT_ID", "integer"),
            FieldDef.std("TRANSCRIPT_PENDING", "char"), FieldDef.std("SESSION_ID", "integer"),
            FieldDef.std("REDIAL_ATTEMPT", "integer"), FieldDef.std("RECORD_FILE_ID", "integer"),
            FieldDef.std("RECORD_DURATION", "integer"), FieldDef.std("COMMENT", "string")));
    static final EntitySchema OPEN_LINES = new EntitySchema("open_lines", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("ACTIVE", "char"), FieldDef.std("LINE_NAME", "string"),
            FieldDef.std("CRM", "char"), FieldDef.std("CRM_CREATE", "string"), FieldDef.std("CRM_FORWARD", "char"),
            FieldDef.std("QUEUE_TYPE", "string"), FieldDef.std("DATE_CREATE", "datetime"),
            FieldDef.std("DATE_MODIFY", "datetime"), FieldDef.std("MODIFY_USER_ID", "integer")));
    static final EntitySchema STATUSES = new EntitySchema("statuses", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("ENTITY_ID", "string"), FieldDef.std("STATUS_ID", "string"),
            FieldDef.std("NAME", "string"), FieldDef.std("NAME_INIT", "string"), FieldDef.std("SORT", "integer"),
            FieldDef.std("SYSTEM", "char"), FieldDef.std("CATEGORY_ID", "integer"), FieldDef.std("COLOR", "string"),
            FieldDef.std("SEMANTICS", "string"), FieldDef.std("EXTRA", "object")));
    public static final EntitySchema CATEGORIES = new EntitySchema("categories", List.of(
            ChildRows.plain("id", "integer"), ChildRows.plain("name", "string"), ChildRows.plain("sort", "integer"),
            ChildRows.plain("entityTypeId", "integer"), ChildRows.plain("isDefault", "char")));
    public static final EntitySchema TYPES = new EntitySchema("types", List.of(
            ChildRows.plain("id", "integer"), ChildRows.plain("title", "string"), ChildRows.plain("code", "string"),
            ChildRows.plain("entityTypeId", "integer"), ChildRows.plain("createdTime", "datetime"),
            ChildRows.plain("updatedTime", "datetime")));

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    private static final DateTimeFormatter LOCAL_ISOISH = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PortalData d;

    OrgRows(PortalData d) {
        this.d = d;
    }

    public static boolean userActive(Fmt fmt, long id) {
        return id == 1 || (id % 7 != 0 && fmt.hash(USER + 1, id, 10) != 0); // every 7th user is fired, and a few more
    }

    public static boolean userExtranet(Fmt fmt, long id) {
        return id > 2 && (id % 11 == 0 || fmt.hash(USER + 2, id, 12) == 0);
    }

    ObjectNode user(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(USER, id);
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(id));
        o.put("ACTIVE", userActive(d.fmt, id)); // a real JSON boolean in user.get
        String name = Fmt.pick(r, Fmt.FIRST);
        String last = Fmt.pick(r, Fmt.LAST);
        o.put("NAME", name);
        o.put("LAST_NAME", last);
        o.put("SECOND_NAME", "");
        o.put("EMAIL", name.toLowerCase() + "." + last.toLowerCase() + id + "@example.com");
        o.put("LAST_LOGIN", d.fmt.dateTime(t.modified(idx)));
        o.put("DATE_REGISTER", d.fmt.dateTime(t.created(idx)));
        o.put("TIME_ZONE", "");
        o.put("IS_ONLINE", r.nextInt(4) == 0 ? "Y" : "N");
        // offset-less local formats, as the docs' user.current example shows (bitrix24-api.md §6.12)
        LocalDateTime mod = LocalDateTime.ofInstant(Instant.ofEpochSecond(t.modified(idx)), d.fmt.offset);
        o.put("TIMESTAMP_X", LOCAL.format(mod));
        o.put("LAST_ACTIVITY_DATE", LOCAL_ISOISH.format(mod));
        o.put("PERSONAL_GENDER", r.nextBoolean() ? "M" : "F");
        o.put("PERSONAL_WWW", "");
        o.put("PERSONAL_BIRTHDAY", r.nextInt(3) == 0 ? "" : d.fmt.date(t.created(idx) - 86_400L * (8000 + r.nextInt(9000))));
        o.put("PERSONAL_MOBILE", "");
        o.put("PERSONAL_CITY", Fmt.pick(r, Fmt.CITIES));
        o.put("WORK_PHONE", "");
        o.put("WORK_POSITION", Fmt.pick(r, new String[]{"Sales manager", "Engineer", "Accountant", "Support"}));
        ArrayNode deps = o.putArray("UF_DEPARTMENT");
        int departments = d.departmentTable().size();
        if (!userExtranet(d.fmt, id)) {
            deps.add(id == 1 || departments == 0 ? 1 : 1 + r.nextInt(departments));
        }
        o.put("USER_TYPE", userExtranet(d.fmt, id) ? "extranet" : "employee");
        fillOtherUserFields(o, r, t, idx);
        return o;
    }

    /**
     * The fields user.fields lists beyond the ones above: empty as {@code ""} (a multiple custom
     * field as {@code false}, PHP's empty value), filled for some users.
     */
    private void fillOtherUserFields(ObjectNode o, SplittableRandom r, Table t, int idx) {
        long id = Table.id(idx);
        for (UserFields.Field f : UserFields.ALL) {
            if (o.has(f.code())) {
                continue;
            }
            boolean filled = r.nextInt(3) == 0;
            switch (f.code()) {
                case UserFields.ENUM_FIELD -> {
                    if (filled) {
                        o.putArray(f.code()).add(Fmt.pick(r, UserFields.ENUM_OPTIONS.toArray(String[]::new)));
                    } else {
                        o.put(f.code(), false);
                    }
                }
                case UserFields.MONEY_FIELD -> o.put(f.code(), filled ? (1000 + r.nextInt(5000)) + "|EUR" : "");
                case "TIME_ZONE_OFFSET" -> o.put(f.code(), Integer.toString(d.fmt.offset.getTotalSeconds()));
                case "XML_ID" -> o.put(f.code(), filled ? "ad-" + id : "");
                case "UF_EMPLOYMENT_DATE" -> o.put(f.code(), filled ? d.fmt.date(t.created(idx)) : "");
                case "UF_PHONE_INNER" -> o.put(f.code(), filled ? Long.toString(100 + id) : "");
                case "PERSONAL_PHOTO", "WORK_LOGO" -> o.put(f.code(), filled ? Long.toString(5000 + id) : "");
                default -> o.put(f.code(), filled ? f.label() + " " + id : "");
            }
        }
    }

    ObjectNode department(Table t, int idx) {
        long id = Table.id(idx);
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(id));
        o.put("NAME", id == 1 ? "Company" : Fmt.pick(d.fmt.rnd(USER + 5, id), new String[]{"Sales", "R&D", "Support",
            "Marketing", "Finance", "Logistics"}) + " " + id);
        o.put("SORT", 500);
        if (id > 1) {
            o.put("PARENT", Long.toString(id <= 4 ? 1 : 1 + d.fmt.hash(USER + 6, id, (int) id - 1)));
        }
        o.put("UF_HEAD", Long.toString(1 + d.fmt.hash(USER + 7, id, Math.max(1, d.options.userCount()))));
        return o;
    }

    ObjectNode call(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(CALL, id);
        int type = 1 + r.nextInt(4);
        boolean failed = r.nextInt(6) == 0;
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(id));
        o.put("CALL_ID", "externalCall." + Long.toHexString(Fmt.mix(d.fmt.seed + id)) + "." + id);
        o.put("EXTERNAL_CALL_ID", id % 4 == 0 ? "ext-" + id : null);
        o.put("CALL_CATEGORY", "external");
        // a Voximplant log link for calls through the built-in telephony, null for REST-app calls (docs' example)
        o.put("CALL_LOG", id % 3 == 0 ? "https://storage-gw-com-02.voximplant.com/voximplant-logs/" + id + ".log" : null);
        o.put("PORTAL_USER_ID", Integer.toString(1 + r.nextInt(Math.max(1, d.options.userCount()))));
        o.put("PORTAL_NUMBER", "REST_APP:1");
        o.put("PHONE_NUMBER", "+7" + (9_000_000_000L + r.nextInt(999_999_999)));
        o.put("CALL_TYPE", Integer.toString(type));
        int duration = failed ? 0 : 5 + r.nextInt(900);
        boolean recorded = !failed && r.nextInt(3) == 0;
        o.put("CALL_DURATION", Integer.toString(duration));
        o.put("CALL_START_DATE", d.fmt.dateTime(t.created(idx)));
        o.put("CALL_RECORD_URL", id % 5 == 0 && !failed ? "https://example.com/records/" + id + ".mp3" : null);
        o.put("CALL_VOTE", r.nextInt(3) == 0 ? Integer.toString(1 + r.nextInt(5)) : null);
        o.put("COST", "0.0000");
        o.put("COST_CURRENCY", "RUR");
        o.put("CALL_FAILED_CODE", failed ? Fmt.pick(r, new String[]{"304", "603-S", "486"}) : "200");
        o.put("CALL_FAILED_REASON", failed ? "Missed call" : "Success call");
        int contacts = d.options.contactCount();
        boolean crm = contacts > 0 && r.nextBoolean();
        o.put("CRM_ENTITY_TYPE", crm ? "CONTACT" : null);
        o.put("CRM_ENTITY_ID", crm ? Integer.toString(1 + r.nextInt(contacts)) : null);
        o.put("CRM_ACTIVITY_ID", crm ? Long.toString(7000 + id) : null);
        o.put("REST_APP_ID", "1");
        o.put("REST_APP_NAME", "Telephony connector");
        o.put("TRANSCRIPT_ID", id % 6 == 0 ? Long.toString(id / 6) : null);
        o.put("TRANSCRIPT_PENDING", "N");
        o.put("SESSION_ID", id % 3 == 0 ? Long.toString(3_841_557_000L + id) : null);
        o.put("REDIAL_ATTEMPT", failed && r.nextBoolean() ? Integer.toString(1 + r.nextInt(3)) : null);
        // the docs' example sends RECORD_FILE_ID as a JSON number next to string IDs
        if (recorded) {
            o.put("RECORD_FILE_ID", 9000 + id);
        } else {
            o.putNull("RECORD_FILE_ID");
        }
        o.put("RECORD_DURATION", recorded ? Integer.toString(duration) : null);
        o.put("COMMENT", r.nextInt(5) == 0 ? "Call back tomorrow" : null);
        return o;
    }

    /**
     * Every field of the documented result element, in the forms of the docs' example
     * (D:api-reference/imopenlines/openlines/imopenlines-config-get.md): flags Y/N, numbers as
     * strings, DATE_CREATE/DATE_MODIFY as the empty object a serialised date becomes.
     */
    ObjectNode openLine(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(1300, id);
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(id));
        o.put("ACTIVE", id % 4 == 0 ? "N" : "Y");
        o.put("LINE_NAME", new String[]{"Website chat", "Telegram", "WhatsApp", "Instagram", "E-mail"}[(int) ((id - 1) % 5)]
                + (id > 5 ? " " + id : ""));
        o.put("CRM", "Y");
        o.put("CRM_CREATE", id % 2 == 0 ? "deal" : "lead");
        o.put("CRM_CREATE_SECOND", "0");
        o.put("CRM_CREATE_THIRD", "Y");
        o.put("CRM_FORWARD", "Y");
        o.put("CRM_CHAT_TRACKER", r.nextBoolean() ? "Y" : "N");
        o.put("CRM_TRANSFER_CHANGE", "Y");
        o.put("CRM_SOURCE", "create");
        o.put("QUEUE_TYPE", Fmt.pick(r, new String[]{"evenly", "strictly", "all"}));
        o.put("QUEUE_TIME", "60");
        o.put("NO_ANSWER_TIME", "60");
        o.put("CHECK_AVAILABLE", "Y");
        o.put("WATCH_TYPING", "N");
        o.put("WELCOME_BOT_ENABLE", id % 3 == 0 ? "Y" : "N");
        o.put("WELCOME_MESSAGE", "Y");
        o.put("WELCOME_MESSAGE_TEXT", "Welcome! The first available operator will respond to you.");
        o.put("VOTE_MESSAGE", "Y");
        o.put("VOTE_TIME_LIMIT", "0");
        o.put("VOTE_BEFORE_FINISH", "Y");
        o.put("VOTE_CLOSING_DELAY", "N");
        o.put("VOTE_MESSAGE_1_TEXT", "Please rate the quality of service.");
        o.put("VOTE_MESSAGE_1_LIKE", "Thank you for your feedback!");
        o.put("VOTE_MESSAGE_1_DISLIKE", "We are sorry we couldn't assist you.");
        o.put("VOTE_MESSAGE_2_TEXT", "Please rate the quality of service.\r\n\r\nSend: 1 - good, 0 - bad");
        o.put("VOTE_MESSAGE_2_LIKE", "Thank you for your feedback!");
        o.put("VOTE_MESSAGE_2_DISLIKE", "We are sorry we couldn't assist you.");
        o.put("AGREEMENT_MESSAGE", "N");
        o.put("AGREEMENT_ID", "0");
        o.put("CATEGORY_ENABLE", "N");
        o.put("CATEGORY_ID", "0");
        o.put("WELCOME_BOT_JOIN", "always");
        o.put("WELCOME_BOT_ID", id % 3 == 0 ? "597" : "0");
        o.put("WELCOME_BOT_TIME", "180");
        o.put("WELCOME_BOT_LEFT", "close");
        o.put("NO_ANSWER_RULE", "text");
        o.put("NO_ANSWER_FORM_ID", "0");
        o.put("NO_ANSWER_BOT_ID", "0");
        o.put("NO_ANSWER_TEXT", "We cannot respond right now; we will get back to you.");
        boolean worktime = id % 2 == 1;
        o.put("WORKTIME_ENABLE", worktime ? "Y" : "N");
        o.put("WORKTIME_FROM", "9");
        o.put("WORKTIME_TO", "18.30");
        o.put("WORKTIME_TIMEZONE", "Europe/Berlin");
        ArrayNode holidays = o.putArray("WORKTIME_HOLIDAYS");
        holidays.add(worktime ? "01.01" : "");
        ArrayNode dayoff = o.putArray("WORKTIME_DAYOFF");
        if (worktime) {
            dayoff.add("SA");
            dayoff.add("SU");
        } else {
            dayoff.add("");
        }
        o.put("WORKTIME_DAYOFF_RULE", "text");
        o.put("WORKTIME_DAYOFF_FORM_ID", "0");
        o.put("WORKTIME_DAYOFF_BOT_ID", "0");
        o.put("WORKTIME_DAYOFF_TEXT", "We are closed now; we will answer during working hours.");
        o.put("CLOSE_RULE", "text");
        o.put("CLOSE_FORM_ID", "0");
        o.put("CLOSE_BOT_ID", "0");
        o.put("CLOSE_TEXT", "Thank you for reaching out to us.");
        o.put("FULL_CLOSE_TIME", "0");
        o.put("AUTO_CLOSE_RULE", "none");
        o.put("AUTO_CLOSE_FORM_ID", "0");
        o.put("AUTO_CLOSE_BOT_ID", "0");
        o.put("AUTO_CLOSE_TIME", "3600");
        o.put("AUTO_CLOSE_TEXT", "");
        o.put("AUTO_EXPIRE_TIME", "86400");
        o.putObject("DATE_CREATE");
        o.putObject("DATE_MODIFY");
        o.put("MODIFY_USER_ID", "1");
        o.put("TEMPORARY", "N");
        o.put("XML_ID", id == 1 ? "imol_default" : null);
        o.put("LANGUAGE_ID", Fmt.pick(r, new String[]{"en", "de", "ru"}));
        o.put("QUICK_ANSWERS_IBLOCK_ID", Long.toString(180 + id));
        o.put("SESSION_PRIORITY", "0");
        o.put("TYPE_MAX_CHAT", "answered_new");
        o.put("MAX_CHAT", Integer.toString(r.nextInt(3) * 5));
        o.put("OPERATOR_DATA", "profile");
        o.putArray("DEFAULT_OPERATOR_DATA");
        o.put("KPI_FIRST_ANSWER_TIME", "0");
        o.put("KPI_FIRST_ANSWER_ALERT", "N");
        if (id % 2 == 0) {
            o.putArray("KPI_FIRST_ANSWER_LIST").add("1");
        } else {
            o.putNull("KPI_FIRST_ANSWER_LIST");
        }
        o.put("KPI_FIRST_ANSWER_TEXT", "Employee #OPERATOR# exceeded the allowable response time. Dialog #DIALOG#.");
        o.put("KPI_FURTHER_ANSWER_TIME", "0");
        o.put("KPI_FURTHER_ANSWER_ALERT", "N");
        if (id % 2 == 0) {
            o.putArray("KPI_FURTHER_ANSWER_LIST").add("1");
        } else {
            o.putNull("KPI_FURTHER_ANSWER_LIST");
        }
        o.put("KPI_FURTHER_ANSWER_TEXT", "Employee #OPERATOR# exceeded the allowable response time. Dialog #DIALOG#.");
        o.put("KPI_CHECK_OPERATOR_ACTIVITY", "N");
        o.put("SEND_NOTIFICATION_EMPTY_QUEUE", "N");
        o.put("USE_WELCOME_FORM", "N");
        o.put("WELCOME_FORM_ID", "111");
        o.put("WELCOME_FORM_DELAY", "Y");
        o.put("SEND_WELCOME_EACH_SESSION", "Y");
        o.put("CONFIRM_CLOSE", "Y");
        o.put("IGNORE_WELCOME_FORM_RESPONSIBLE", "N");
        // the list method's example sends QUEUE as numbers and keys the user map by the ID as text
        long second = 1 + d.fmt.hash(1301, id, Math.max(1, d.options.userCount()));
        ArrayNode queue = o.putArray("QUEUE");
        queue.add(1);
        if (second != 1) {
            queue.add(second);
        }
        ObjectNode users = o.putObject("QUEUE_USERS_FIELDS");
        for (JsonNode u : queue.values()) {
            ObjectNode user = users.putObject(u.asString());
            user.put("USER_NAME", "Operator " + u.asLong());
            user.putNull("USER_WORK_POSITION");
            user.put("USER_AVATAR", "");
            user.putNull("USER_AVATAR_ID");
        }
        ArrayNode config = o.putArray("CONFIG_QUEUE");
        config.addObject().put("ENTITY_ID", Long.toString(second)).put("ENTITY_TYPE", "user");
        if (id % 2 == 0) {
            config.addObject().put("ENTITY_ID", "1").put("ENTITY_TYPE", "department");
        }
        return o;
    }

    // ---- dictionaries, materialised ---------------------------------------------------------

    /** crm.status.list rows (D:api-reference/crm/status/crm-status-list.md). */
    static List<ObjectNode> statuses(Map<Integer, List<Integer>> spaCategories) {
        List<ObjectNode> out = new ArrayList<>();
        addStages(out, "STATUS", null, Stages.LEAD);
        for (int cat = 0; cat < Stages.DEAL.size(); cat++) {
            addStages(out, cat == 0 ? "DEAL_STAGE" : "DEAL_STAGE_" + cat, cat, Stages.DEAL.get(cat));
        }
        addPlain(out, "SOURCE", new String[][]{{"CALL", "Call"}, {"EMAIL", "E-mail"}, {"WEB", "Website"},
            {"ADVERTISING", "Advertising"}, {"PARTNER", "Existing client"}, {"RECOMMENDATION", "By recommendation"},
            {"SELF", "Personal contact"}, {"OTHER", "Other"}});
        addPlain(out, "DEAL_TYPE", new String[][]{{"SALE", "Sales"}, {"COMPLEX", "Complex sale"},
            {"GOODS", "Sale of goods"}, {"SERVICES", "Sale of services"}, {"SERVICE", "After-sales service"}});
        addPlain(out, "CONTACT_TYPE", new String[][]{{"CLIENT", "Clients"}, {"SUPPLIER", "Suppliers"},
            {"PARTNER", "Partners"}, {"OTHER", "Other"}});
        addPlain(out, "COMPANY_TYPE", new String[][]{{"CUSTOMER", "Client"}, {"SUPPLIER", "Supplier"},
            {"PARTNER", "Partner"}, {"OTHER", "Other"}});
        addPlain(out, "INDUSTRY", new String[][]{{"IT", "Information Technology"}, {"TELECOM", "Telecommunication"},
            {"MANUFACTURING", "Manufacturing"}, {"BANKING", "Banking Services"}, {"OTHER", "Other"}});
        addPlain(out, "EMPLOYEES", new String[][]{{"EMPLOYEES_1", "fewer than 50"}, {"EMPLOYEES_2", "50-250"},
            {"EMPLOYEES_3", "250-500"}, {"EMPLOYEES_4", "over 500"}});
        addPlain(out, "HONORIFIC", new String[][]{{"HNR_EN_1", "Mr."}, {"HNR_EN_2", "Mrs."}, {"HNR_EN_3", "Ms."}});
        for (Map.Entry<Integer, List<Integer>> e : spaCategories.entrySet()) {
            for (int cat : e.getValue()) {
                addStages(out, "DYNAMIC_" + e.getKey() + "_STAGE_" + cat, cat, Stages.spa(e.getKey(), cat));
            }
        }
        for (int i = 0; i < out.size(); i++) {
            out.get(i).put("ID", Integer.toString(i + 1));
        }
        return out;
    }

    private static void addStages(List<ObjectNode> out, String entity, Integer category, List<Stages.Stage> stages) {
        int sort = 10;
        for (Stages.Stage s : stages) {
            ObjectNode o = Json.object();
            o.put("ID", "");
            o.put("ENTITY_ID", entity);
            o.put("STATUS_ID", s.id());
            o.put("NAME", s.name());
            o.put("NAME_INIT", s.name());
            o.put("SORT", Integer.toString(sort));
            o.put("SYSTEM", sort == 10 || !s.semantic().equals("P") ? "Y" : "N");
            if (category == null) {
                o.putNull("CATEGORY_ID");
            } else {
                o.put("CATEGORY_ID", Integer.toString(category));
            }
            o.put("COLOR", s.color());
            if (s.semantic().equals("P")) {
                o.putNull("SEMANTICS");
            } else {
                o.put("SEMANTICS", s.semantic());
            }
            ObjectNode extra = o.putObject("EXTRA");
            extra.put("SEMANTICS", switch (s.semantic()) {
                case "S" -> "success";
                case "F" -> "failure";
                default -> "process";
            });
            extra.put("COLOR", s.color());
            out.add(o);
            sort += 10;
        }
    }

    private static void addPlain(List<ObjectNode> out, String entity, String[][] values) {
        int sort = 10;
        for (String[] v : values) {
            ObjectNode o = Json.object();
            o.put("ID", "");
            o.put("ENTITY_ID", entity);
            o.put("STATUS_ID", v[0]);
            o.put("NAME", v[1]);
            o.put("NAME_INIT", v[1]);
            o.put("SORT", Integer.toString(sort));
            o.put("SYSTEM", "Y");
            o.putNull("CATEGORY_ID");
            o.putNull("COLOR");
            o.putNull("SEMANTICS");
            out.add(o);
            sort += 10;
        }
    }
}
