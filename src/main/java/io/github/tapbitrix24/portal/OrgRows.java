package io.github.tapbitrix24.portal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Organisation, telephony and dictionary rows: user.get (D:api-reference/user/user-get.md),
 * department.get (D:api-reference/departments/department-get.md), voximplant.statistic.get
 * (D:api-reference/telephony/voximplant/voximplant-statistic-get.md), imopenlines.config.list.get,
 * crm.status.list, crm.category.list and crm.type.list.
 */
final class OrgRows {
    static final long USER = 1100;
    static final long CALL = 1200;

    static final EntitySchema USERS = new EntitySchema("users", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("ACTIVE", "boolean"), FieldDef.std("NAME", "string"),
            FieldDef.std("LAST_NAME", "string"), FieldDef.std("SECOND_NAME", "string"), FieldDef.std("EMAIL", "string"),
            FieldDef.std("LAST_LOGIN", "datetime"), FieldDef.std("DATE_REGISTER", "datetime"),
            FieldDef.std("TIME_ZONE", "string"), FieldDef.std("IS_ONLINE", "char"), FieldDef.std("TIMESTAMP_X", "string"),
            FieldDef.std("LAST_ACTIVITY_DATE", "string"), FieldDef.std("PERSONAL_GENDER", "string"),
            FieldDef.std("PERSONAL_WWW", "string"), FieldDef.std("PERSONAL_BIRTHDAY", "date"),
            FieldDef.std("PERSONAL_MOBILE", "string"), FieldDef.std("PERSONAL_CITY", "string"),
            FieldDef.std("WORK_PHONE", "string"), FieldDef.std("WORK_POSITION", "string"),
            FieldDef.std("UF_EMPLOYMENT_DATE", "string"), FieldDef.std("UF_DEPARTMENT", "integer").withMultiple(),
            FieldDef.std("USER_TYPE", "string")));
    static final EntitySchema DEPARTMENTS = new EntitySchema("departments", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("NAME", "string"), FieldDef.std("SORT", "integer"),
            FieldDef.std("PARENT", "integer"), FieldDef.std("UF_HEAD", "integer")));
    static final EntitySchema CALLS = new EntitySchema("calls", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("CALL_ID", "string"), FieldDef.std("EXTERNAL_CALL_ID", "string"),
            FieldDef.std("CALL_CATEGORY", "string"), FieldDef.std("PORTAL_USER_ID", "integer"),
            FieldDef.std("PORTAL_NUMBER", "string"), FieldDef.std("PHONE_NUMBER", "string"),
            FieldDef.std("CALL_TYPE", "integer"), FieldDef.std("CALL_DURATION", "integer"),
            FieldDef.std("CALL_START_DATE", "datetime"), FieldDef.std("CALL_RECORD_URL", "string"),
            FieldDef.std("CALL_VOTE", "integer"), FieldDef.std("COST", "double"), FieldDef.std("COST_CURRENCY", "string"),
            FieldDef.std("CALL_FAILED_CODE", "string"), FieldDef.std("CALL_FAILED_REASON", "string"),
            FieldDef.std("CRM_ENTITY_TYPE", "string"), FieldDef.std("CRM_ENTITY_ID", "integer"),
            FieldDef.std("CRM_ACTIVITY_ID", "integer"), FieldDef.std("REST_APP_ID", "integer"),
            FieldDef.std("REST_APP_NAME", "string"), FieldDef.std("TRANSCRIPT_ID", "integer"),
            FieldDef.std("TRANSCRIPT_PENDING", "char"), FieldDef.std("SESSION_ID", "integer"),
            FieldDef.std("RECORD_FILE_ID", "integer"), FieldDef.std("COMMENT", "string")));
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
    static final EntitySchema CATEGORIES = new EntitySchema("categories", List.of(
            ChildRows.plain("id", "integer"), ChildRows.plain("name", "string"), ChildRows.plain("sort", "integer"),
            ChildRows.plain("entityTypeId", "integer"), ChildRows.plain("isDefault", "char")));
    static final EntitySchema TYPES = new EntitySchema("types", List.of(
            ChildRows.plain("id", "integer"), ChildRows.plain("title", "string"), ChildRows.plain("code", "string"),
            ChildRows.plain("entityTypeId", "integer"), ChildRows.plain("createdTime", "datetime"),
            ChildRows.plain("updatedTime", "datetime")));

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    private static final DateTimeFormatter LOCAL_ISOISH = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PortalData d;

    OrgRows(PortalData d) {
        this.d = d;
    }

    static boolean userActive(Fmt fmt, long id) {
        return id == 1 || (id % 7 != 0 && fmt.hash(USER + 1, id, 10) != 0); // every 7th user is fired, and a few more
    }

    static boolean userExtranet(Fmt fmt, long id) {
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
        o.put("UF_EMPLOYMENT_DATE", "");
        ArrayNode deps = o.putArray("UF_DEPARTMENT");
        int departments = d.departmentTable().size();
        if (!userExtranet(d.fmt, id)) {
            deps.add(id == 1 || departments == 0 ? 1 : 1 + r.nextInt(departments));
        }
        o.put("USER_TYPE", userExtranet(d.fmt, id) ? "extranet" : "employee");
        return o;
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
        o.putNull("EXTERNAL_CALL_ID");
        o.put("CALL_CATEGORY", "external");
        o.put("PORTAL_USER_ID", Integer.toString(1 + r.nextInt(Math.max(1, d.options.userCount()))));
        o.put("PORTAL_NUMBER", "REST_APP:1");
        o.put("PHONE_NUMBER", "+7" + (9_000_000_000L + r.nextInt(999_999_999)));
        o.put("CALL_TYPE", Integer.toString(type));
        o.put("CALL_DURATION", Integer.toString(failed ? 0 : 5 + r.nextInt(900)));
        o.put("CALL_START_DATE", d.fmt.dateTime(t.created(idx)));
        o.putNull("CALL_RECORD_URL");
        o.put("CALL_VOTE", r.nextInt(3) == 0 ? Integer.toString(1 + r.nextInt(5)) : null);
        o.put("COST", "0.0000");
        o.put("COST_CURRENCY", "RUR");
        o.put("CALL_FAILED_CODE", failed ? Fmt.pick(r, new String[]{"304", "603-S", "486"}) : "200");
        o.put("CALL_FAILED_REASON", failed ? "Missed call" : "Success call");
        int contacts = d.options.contactCount();
        boolean crm = contacts > 0 && r.nextBoolean();
        o.put("CRM_ENTITY_TYPE", crm ? "CONTACT" : null);
        o.put("CRM_ENTITY_ID", crm ? Integer.toString(1 + r.nextInt(contacts)) : null);
        o.putNull("CRM_ACTIVITY_ID");
        o.put("REST_APP_ID", "1");
        o.put("REST_APP_NAME", "Telephony connector");
        o.putNull("TRANSCRIPT_ID");
        o.put("TRANSCRIPT_PENDING", "N");
        o.putNull("SESSION_ID");
        o.putNull("RECORD_FILE_ID");
        o.putNull("COMMENT");
        return o;
    }

    ObjectNode openLine(Table t, int idx) {
        long id = Table.id(idx);
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(id));
        o.put("ACTIVE", id % 4 == 0 ? "N" : "Y");
        o.put("LINE_NAME", new String[]{"Website chat", "Telegram", "WhatsApp", "Instagram", "E-mail"}[(int) ((id - 1) % 5)]
                + (id > 5 ? " " + id : ""));
        o.put("CRM", "Y");
        o.put("CRM_CREATE", id % 2 == 0 ? "deal" : "lead");
        o.put("CRM_FORWARD", "Y");
        o.put("QUEUE_TYPE", "evenly");
        o.put("DATE_CREATE", d.fmt.dateTime(t.created(idx)));
        o.put("DATE_MODIFY", d.fmt.dateTime(t.modified(idx)));
        o.put("MODIFY_USER_ID", "1");
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
                String p = "DT" + e.getKey() + "_" + cat + ":";
                addStages(out, "DYNAMIC_" + e.getKey() + "_STAGE_" + cat, cat, List.of(
                        new Stages.Stage(p + "NEW", "Start", "P", "#39A8EF"),
                        new Stages.Stage(p + "PREPARATION", "Preparation", "P", "#2FC6F6"),
                        new Stages.Stage(p + "CLIENT", "Client", "P", "#FFA900"),
                        new Stages.Stage(p + "SUCCESS", "Success", "S", "#7BD500"),
                        new Stages.Stage(p + "FAIL", "Fail", "F", "#FF5752")));
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
