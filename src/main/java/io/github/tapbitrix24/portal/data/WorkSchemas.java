package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of the work-management datasets. Task fields carry the codes and types
 * {@code tasks.task.getFields} reports (D:api-reference/tasks/tasks-task-get-fields.md) and, as
 * their {@code itemName}, the camelCase key tasks.task.list returns them under
 * (D:api-reference/tasks/tasks-task-list.md, D:api-reference/tasks/fields.md).
 */
public final class WorkSchemas {
    /** Two custom task fields, as the portal names fields made in the task form ({@code UF_AUTO_<digits>}). */
    public static final String UF_CONTRACT = "UF_AUTO_261744829133";
    public static final String UF_COMPONENTS = "UF_AUTO_500120993847";
    /** The three system user fields: selecting one returns all three (D:api-reference/tasks/fields.md). */
    public static final List<String> SYSTEM_UF = List.of("UF_CRM_TASK", "UF_TASK_WEBDAV_FILES", "UF_MAIL_MESSAGE");

    static final EntitySchema TASKS = new EntitySchema("tasks", taskFields());

    static final EntitySchema ELAPSED = new EntitySchema("task_elapsed_time", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("TASK_ID", "integer"), FieldDef.std("USER_ID", "integer"),
            FieldDef.std("COMMENT_TEXT", "string"), FieldDef.std("SECONDS", "integer"),
            FieldDef.std("MINUTES", "integer"), FieldDef.std("SOURCE", "integer"),
            FieldDef.std("CREATED_DATE", "datetime"), FieldDef.std("DATE_START", "datetime"),
            FieldDef.std("DATE_STOP", "datetime")));

    /** sonet_group.get rows (D:api-reference/sonet-group/sonet-group-get.md). */
    static final EntitySchema GROUPS = new EntitySchema("workgroups", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("SITE_ID", "string"), FieldDef.std("NAME", "string"),
            FieldDef.std("DESCRIPTION", "string"), FieldDef.std("DATE_CREATE", "datetime"),
            FieldDef.std("DATE_UPDATE", "datetime"), FieldDef.std("ACTIVE", "char"), FieldDef.std("VISIBLE", "char"),
            FieldDef.std("OPENED", "char"), FieldDef.std("CLOSED", "char"), FieldDef.std("SUBJECT_ID", "integer"),
            FieldDef.std("OWNER_ID", "integer"), FieldDef.std("KEYWORDS", "string"),
            FieldDef.std("NUMBER_OF_MEMBERS", "integer"), FieldDef.std("DATE_ACTIVITY", "datetime"),
            FieldDef.std("SUBJECT_NAME", "string"), FieldDef.std("PROJECT", "char"), FieldDef.std("IS_EXTRANET", "char")));

    private WorkSchemas() {
    }

    private static List<FieldDef> taskFields() {
        List<FieldDef> f = new ArrayList<>();
        for (String[] d : new String[][] {
                {"ID", "integer"}, {"PARENT_ID", "integer"}, {"TITLE", "string"}, {"DESCRIPTION", "string"},
                {"MARK", "enum"}, {"PRIORITY", "enum"}, {"STATUS", "enum"}, {"MULTITASK", "enum"},
                {"NOT_VIEWED", "enum"}, {"REPLICATE", "enum"}, {"GROUP_ID", "integer"}, {"STAGE_ID", "integer"},
                {"CREATED_BY", "integer"}, {"CREATED_DATE", "datetime"}, {"RESPONSIBLE_ID", "integer"},
                {"ACCOMPLICES", "array"}, {"AUDITORS", "array"}, {"CHANGED_BY", "integer"},
                {"CHANGED_DATE", "datetime"}, {"STATUS_CHANGED_BY", "integer"}, {"STATUS_CHANGED_DATE", "datetime"},
                {"CLOSED_BY", "integer"}, {"CLOSED_DATE", "datetime"}, {"ACTIVITY_DATE", "datetime"},
                {"DATE_START", "datetime"}, {"DEADLINE", "datetime"}, {"START_DATE_PLAN", "datetime"},
                {"END_DATE_PLAN", "datetime"}, {"GUID", "string"}, {"XML_ID", "string"},
                {"COMMENTS_COUNT", "integer"}, {"ALLOW_CHANGE_DEADLINE", "enum"}, {"ALLOW_TIME_TRACKING", "enum"},
                {"TASK_CONTROL", "enum"}, {"ADD_IN_REPORT", "enum"}, {"TIME_ESTIMATE", "integer"},
                {"TIME_SPENT_IN_LOGS", "integer"}, {"MATCH_WORK_TIME", "integer"}, {"FORUM_TOPIC_ID", "integer"},
                {"SITE_ID", "string"}, {"SUBORDINATE", "enum"}, {"FAVORITE", "enum"}, {"SORTING", "double"},
                {"DURATION_PLAN", "integer"}, {"DURATION_FACT", "integer"}, {"CHECKLIST", "array"},
                {"DURATION_TYPE", "enum"}, {"IS_MUTED", "enum"}, {"IS_PINNED", "enum"}, {"FLOW_ID", "integer"},
                {"UF_CRM_TASK", "crm"}, {"UF_TASK_WEBDAV_FILES", "disk_file"}, {"UF_MAIL_MESSAGE", "mail_message"}}) {
            f.add(FieldDef.std(d[0], d[1]));
        }
        f.add(FieldDef.custom(UF_CONTRACT, "string", false, "Contract number", List.of(), null)
                .withItemName(FieldDef.camel(UF_CONTRACT)));
        f.add(FieldDef.custom(UF_COMPONENTS, "string", true, "Components", List.of(), null)
                .withItemName(FieldDef.camel(UF_COMPONENTS)));
        return f;
    }

    /**
     * {@code tasks.task.getFields}: {@code {"fields": {CODE: {title, type[, primary][, required][, values][, default]}}}},
     * no multiplicity, custom fields titled with their label. As in the docs' response example
     * (D:api-reference/tasks/tasks-task-get-fields.md, replayed in replay/tasks.task.getFields.json):
     * {@code required} on TITLE, CREATED_BY and RESPONSIBLE_ID; {@code values} on every {@code enum}, a map
     * code → label, but a plain list of codes for DURATION_TYPE; {@code default} where the example has one.
     */
    private static final Set<String> REQUIRED_TASK_FIELDS = Set.of("TITLE", "CREATED_BY",
            "RESPONSIBLE_ID");
    /** The {@code default} of each field that has one in the docs' example (null: {@code "default": null}). */
    private static final Map<String, JsonNode> TASK_FIELD_DEFAULTS = taskFieldDefaults();

    private static Map<String, JsonNode> taskFieldDefaults() {
        Map<String, JsonNode> m = new HashMap<>();
        JsonNodeFactory n = JsonNodeFactory.instance;
        for (String c : List.of("PARENT_ID", "GROUP_ID", "STAGE_ID", "SPRINT_ID", "BACKLOG_ID", "COMMENTS_COUNT",
                "SERVICE_COMMENTS_COUNT", "NEW_COMMENTS_COUNT", "FLOW_ID")) {
            m.put(c, n.numberNode(0));
        }
        for (String c : List.of("MULTITASK", "NOT_VIEWED", "REPLICATE", "ALLOW_CHANGE_DEADLINE", "ALLOW_TIME_TRACKING",
                "TASK_CONTROL", "ADD_IN_REPORT", "FORKED_BY_TEMPLATE_ID", "IS_MUTED", "IS_PINNED", "IS_PINNED_IN_GROUP")) {
            m.put(c, n.stringNode("N"));
        }
        for (String c : List.of("MARK", "CLOSED_BY", "CLOSED_DATE", "ACTIVITY_DATE", "DATE_START", "DEADLINE",
                "START_DATE_PLAN", "END_DATE_PLAN", "GUID", "XML_ID", "SUBORDINATE", "FAVORITE", "EXCHANGE_MODIFIED",
                "EXCHANGE_ID", "OUTLOOK_VERSION")) {
            m.put(c, n.nullNode());
        }
        m.put("PRIORITY", n.numberNode(1));
        m.put("STATUS", n.numberNode(2));
        m.put("DURATION_TYPE", n.stringNode("days"));
        return Map.copyOf(m);
    }

    static ObjectNode taskFieldsDescriptor() {
        ObjectNode fields = Json.object();
        for (FieldDef f : TASKS.fields) {
            ObjectNode d = fields.putObject(f.code());
            d.put("title", f.dynamic() ? f.label() : f.title());
            d.put("type", f.type());
            if (f.code().equals("ID")) {
                d.put("primary", true);
            }
            if (REQUIRED_TASK_FIELDS.contains(f.code())) {
                d.put("required", true);
            }
            String[][] values = switch (f.code()) {
                case "STATUS" -> new String[][] {{"2", "Pending"}, {"3", "In Progress"}, {"4", "Awaiting Review"},
                        {"5", "Completed"}, {"6", "Deferred"}};
                case "PRIORITY" -> new String[][] {{"2", "High"}, {"1", "Medium"}, {"0", "Low"}};
                case "MARK" -> new String[][] {{"N", "Negative"}, {"P", "Positive"}};
                case "DURATION_TYPE" -> null;
                default -> f.type().equals("enum") ? new String[][] {{"Y", "Yes"}, {"N", "No"}} : null;
            };
            if (values != null) {
                ObjectNode v = d.putObject("values");
                for (String[] kv : values) {
                    v.put(kv[0], kv[1]);
                }
            } else if (f.code().equals("DURATION_TYPE")) {
                ArrayNode v = d.putArray("values");
                List.of("secs", "mins", "hours", "days", "weeks", "months", "years").forEach(v::add);
            }
            if (TASK_FIELD_DEFAULTS.containsKey(f.code())) {
                d.set("default", TASK_FIELD_DEFAULTS.get(f.code()));
            }
        }
        ObjectNode out = Json.object();
        out.set("fields", fields);
        return out;
    }
}
