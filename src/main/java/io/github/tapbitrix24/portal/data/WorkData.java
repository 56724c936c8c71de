package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work-management data of the simulated portal: tasks ({@link #TASKS_PER_DEAL} per deal, the
 * first ones linked to their deal in {@code UF_CRM_TASK}), time-tracking records (0-2 per task),
 * workgroups (one per two users, at least three), their members and Kanban stages, and the "My plan"
 * stages of the webhook's user. Rows are derived from (seed, ID) like every other dataset; tasks
 * and workgroups live in {@link Table}s, so the mutation API of {@link PortalData} works on them.
 */
public final class WorkData {
    /** Tasks per deal of the portal (the benchmark's "5 tasks per deal"). */
    static final int TASKS_PER_DEAL = 5;
    static final int STAGES_PER_GROUP = 4;
    static final int MY_PLAN_STAGES = 3;
    private static final long TASK = 1400;
    private static final long ELAPSED = 1500;
    private static final long GROUP = 1600;
    private static final String[] VERBS = {"Call", "Prepare", "Review", "Send", "Check", "Plan", "Agree", "Fix"};
    private static final String[] THINGS = {"contract", "offer", "invoice", "report", "demo", "delivery", "budget"};
    private static final String[] TAGS = {"urgent", "client", "internal", "q3", "legal"};

    private final PortalData d;
    public final Table tasks;
    public final Table elapsed;
    public final Table groups;

    WorkData(PortalData d) {
        this.d = d;
        int taskCount = d.options.deals() * TASKS_PER_DEAL;
        int[] created = d.timeline.created(taskCount, d.fmt, TASK);
        tasks = new Table("tasks", WorkSchemas.TASKS, "ID", "CREATED_DATE", "CHANGED_DATE", null, created,
                d.timeline.modified(created, d.fmt, TASK + 1), null, (t, idx, w) -> task(t, idx));
        elapsed = elapsedTable();
        int groupCount = Math.max(3, d.options.userCount() / 2);
        int[] groupCreated = d.timeline.created(groupCount, d.fmt, GROUP);
        groups = new Table("workgroups", WorkSchemas.GROUPS, "ID", "DATE_CREATE", "DATE_UPDATE", null, groupCreated,
                d.timeline.modified(groupCreated, d.fmt, GROUP + 1), null, (t, idx, w) -> group(t, idx));
    }

    /** 0-2 records per task, each created after its task. */
    private Table elapsedTable() {
        int n = tasks.size();
        int[] counts = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            counts[i] = d.fmt.hash(ELAPSED, i + 1, 3);
            total += counts[i];
        }
        int[] owner = new int[total];
        int[] created = new int[total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < counts[i]; j++) {
                owner[k] = i + 1;
                created[k] = d.timeline.after(tasks.created(i), (j + 1.0) / (counts[i] + 2));
                k++;
            }
        }
        return new Table("task_elapsed_time", WorkSchemas.ELAPSED, "ID", "CREATED_DATE", null, "TASK_ID", created,
                null, owner, (t, idx, w) -> elapsedItem(t, idx));
    }

    private int users() {
        return Math.max(1, d.options.userCount());
    }

    private String user(SplittableRandom r) {
        return Integer.toString(1 + r.nextInt(users()));
    }

    /** A task in the list's value formats (strings, ISO datetimes), keyed by its getFields codes. */
    private ObjectNode task(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(TASK + 2, id);
        ObjectNode o = Json.object();
        String createdAt = d.fmt.dateTime(t.created(idx));
        String changedAt = d.fmt.dateTime(t.modified(idx));
        int status = 2 + r.nextInt(5);
        long group = r.nextInt(3) == 0 ? 1 + r.nextInt(groups == null ? 3 : groups.size()) : 0;
        String responsible = user(r);
        o.put("ID", Long.toString(id));
        o.put("PARENT_ID", id % 9 == 0 ? Long.toString(id - 1) : null);
        o.put("TITLE", Fmt.pick(r, VERBS) + " " + Fmt.pick(r, THINGS) + " #" + id);
        o.put("DESCRIPTION", r.nextInt(3) == 0 ? "" : "Steps for [B]task " + id + "[/B]");
        o.put("MARK", new String[]{null, null, "P", "N"}[r.nextInt(4)]);
        o.put("PRIORITY", Integer.toString(r.nextInt(3)));
        o.put("STATUS", Integer.toString(status));
        o.put("MULTITASK", "N");
        o.put("NOT_VIEWED", "N");
        o.put("REPLICATE", "N");
        o.put("GROUP_ID", Long.toString(group));
        o.put("STAGE_ID", group > 0 ? Long.toString(groupStageId(group, r.nextInt(STAGES_PER_GROUP))) : "0");
        o.put("CREATED_BY", user(r));
        o.put("CREATED_DATE", createdAt);
        o.put("RESPONSIBLE_ID", responsible);
        ArrayNode accomplices = o.putArray("ACCOMPLICES");
        for (int i = r.nextInt(3); i > 0; i--) {
            accomplices.add(user(r));
        }
        ArrayNode auditors = o.putArray("AUDITORS");
        for (int i = r.nextInt(2); i > 0; i--) {
            auditors.add(user(r));
        }
        o.put("CHANGED_BY", user(r));
        o.put("CHANGED_DATE", changedAt);
        o.put("STATUS_CHANGED_BY", responsible);
        o.put("STATUS_CHANGED_DATE", changedAt);
        o.put("CLOSED_BY", status == 5 ? responsible : null);
        o.put("CLOSED_DATE", status == 5 ? changedAt : null);
        o.put("ACTIVITY_DATE", changedAt);
        o.put("DATE_START", status >= 3 ? createdAt : null);
        o.put("DEADLINE", r.nextInt(2) == 0 ? null : d.fmt.dateTime(t.created(idx) + 86_400L * (1 + r.nextInt(30))));
        o.put("START_DATE_PLAN", (String) null);
        o.put("END_DATE_PLAN", (String) null);
        o.put("GUID", String.format("{%08X-%04X-%04X-%04X-%012X}", r.nextInt() & 0xffffffffL, r.nextInt(0x10000),
                r.nextInt(0x10000), r.nextInt(0x10000), r.nextLong() & 0xffffffffffffL));
        o.put("XML_ID", (String) null);
        o.put("COMMENTS_COUNT", Integer.toString(r.nextInt(10)));
        o.put("ALLOW_CHANGE_DEADLINE", r.nextBoolean() ? "Y" : "N");
        o.put("ALLOW_TIME_TRACKING", r.nextBoolean() ? "Y" : "N");
        o.put("TASK_CONTROL", "N");
        o.put("ADD_IN_REPORT", "N");
        o.put("TIME_ESTIMATE", Integer.toString(r.nextInt(4) * 3600));
        o.put("TIME_SPENT_IN_LOGS", Integer.toString(r.nextInt(20) * 600));
        o.put("MATCH_WORK_TIME", "0");
        o.put("FORUM_TOPIC_ID", (String) null);
        o.put("SITE_ID", "s1");
        o.put("SUBORDINATE", "N");
        o.put("FAVORITE", "N");
        o.put("SORTING", (String) null);
        o.put("DURATION_PLAN", (String) null);
        o.put("DURATION_FACT", (String) null);
        checklist(o, id, r);
        o.put("DURATION_TYPE", "days");
        o.put("IS_MUTED", "N");
        o.put("IS_PINNED", "N");
        o.put("FLOW_ID", (String) null);
        ArrayNode crm = o.putArray("UF_CRM_TASK");
        long deal = (id - 1) / TASKS_PER_DEAL + 1;
        if (id <= (long) d.options.deals() * TASKS_PER_DEAL && r.nextInt(5) > 0) {
            crm.add("D_" + deal);
        }
        o.putArray("UF_TASK_WEBDAV_FILES");
        o.put("UF_MAIL_MESSAGE", (String) null);
        o.put(WorkSchemas.UF_CONTRACT, r.nextBoolean() ? "C-" + (1000 + id) : null);
        ArrayNode components = o.putArray(WorkSchemas.UF_COMPONENTS);
        for (int i = r.nextInt(3); i > 0; i--) {
            components.add(Fmt.pick(r, Fmt.WORDS));
        }
        tags(o, id, r);
        return o;
    }

    /** Checklist items keyed by item ID (D:api-reference/tasks/fields.md#checklist-item), PHP {@code []} when none. */
    private static void checklist(ObjectNode o, long id, SplittableRandom r) {
        int n = r.nextInt(3);
        if (n == 0) {
            o.putArray("CHECKLIST");
            return;
        }
        ObjectNode items = o.putObject("CHECKLIST");
        for (int i = 0; i < n; i++) {
            long itemId = id * 4 + i;
            ObjectNode it = items.putObject(Long.toString(itemId));
            it.put("id", Long.toString(itemId));
            it.put("taskId", Long.toString(id));
            it.put("title", "Step " + (i + 1));
            it.put("isComplete", r.nextBoolean() ? "Y" : "N");
        }
    }

    /** Tags as the list's response example shows them: tag ID → {id, title}; PHP {@code []} when none. */
    private static void tags(ObjectNode o, long id, SplittableRandom r) {
        int n = r.nextInt(3);
        if (n == 0) {
            o.putArray("TAGS");
            return;
        }
        ObjectNode tags = o.putObject("TAGS");
        for (int i = 0; i < n; i++) {
            int tag = (int) ((id + i) % TAGS.length);
            ObjectNode t = tags.putObject(Integer.toString(tag + 1));
            t.put("id", tag + 1);
            t.put("title", TAGS[tag]);
        }
    }

    private ObjectNode elapsedItem(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(ELAPSED + 1, id);
        int seconds = (1 + r.nextInt(16)) * 900;
        int start = t.created(idx);
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(id));
        o.put("TASK_ID", Integer.toString(t.owner(idx)));
        o.put("USER_ID", user(r));
        o.put("COMMENT_TEXT", r.nextBoolean() ? "" : "Worked on it");
        o.put("SECONDS", Integer.toString(seconds));
        o.put("MINUTES", Integer.toString(seconds / 60));
        o.put("SOURCE", Integer.toString(1 + r.nextInt(3)));
        o.put("CREATED_DATE", d.fmt.dateTime(start));
        o.put("DATE_START", d.fmt.dateTime(start));
        o.put("DATE_STOP", d.fmt.dateTime(start + seconds));
        return o;
    }

    private ObjectNode group(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(GROUP + 2, id);
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(id));
        o.put("SITE_ID", "s1");
        o.put("NAME", Fmt.pick(r, Fmt.WORDS) + " " + (r.nextBoolean() ? "project" : "team") + " " + id);
        o.put("DESCRIPTION", r.nextBoolean() ? null : "Group " + id);
        o.put("DATE_CREATE", d.fmt.dateTime(t.created(idx)));
        o.put("DATE_UPDATE", d.fmt.dateTime(t.modified(idx)));
        o.put("ACTIVE", "Y");
        o.put("VISIBLE", id % 5 == 0 ? "N" : "Y");
        o.put("OPENED", r.nextBoolean() ? "Y" : "N");
        o.put("CLOSED", id % 7 == 0 ? "Y" : "N");
        o.put("SUBJECT_ID", "1");
        o.put("OWNER_ID", Long.toString(members(id)[0]));
        o.put("KEYWORDS", (String) null);
        o.put("NUMBER_OF_MEMBERS", Integer.toString(members(id).length));
        o.put("DATE_ACTIVITY", d.fmt.dateTime(t.modified(idx)));
        o.put("SUBJECT_NAME", "Workgroups");
        o.put("PROJECT", id % 2 == 0 ? "Y" : "N");
        o.put("IS_EXTRANET", "N");
        return o;
    }

    /** Member user IDs of a group, owner first: 2-7 distinct users. */
    long[] members(long groupId) {
        int n = Math.min(users(), 2 + d.fmt.hash(GROUP + 3, groupId, 6));
        SplittableRandom r = d.fmt.rnd(GROUP + 4, groupId);
        long[] ids = new long[n];
        int k = 0;
        while (k < n) {
            long u = 1 + r.nextInt(users());
            boolean dup = false;
            for (int i = 0; i < k; i++) {
                dup |= ids[i] == u;
            }
            if (!dup) {
                ids[k++] = u;
            }
        }
        return ids;
    }

    /** sonet_group.user.get rows: {@code USER_ID}, {@code ROLE} A owner, E moderator, K member. */
    public List<ObjectNode> memberRows(long groupId) {
        List<ObjectNode> out = new ArrayList<>();
        long[] ids = members(groupId);
        for (int i = 0; i < ids.length; i++) {
            ObjectNode o = Json.object();
            o.put("USER_ID", Long.toString(ids[i]));
            o.put("ROLE", i == 0 ? "A" : i == 1 ? "E" : "K");
            out.add(o);
        }
        return out;
    }

    static long groupStageId(long groupId, int k) {
        return 100 + (groupId - 1) * STAGES_PER_GROUP + k;
    }

    /** task.stages.get rows of a group (entityId &gt; 0) or of the webhook user's "My plan" (entityId 0). */
    public List<ObjectNode> stageRows(long entityId) {
        List<ObjectNode> out = new ArrayList<>();
        boolean plan = entityId == 0;
        String[] titles = plan ? new String[]{"Not Planned", "I Will Do It This Week", "Later"}
                : new String[]{"New", "In progress", "Review", "Done"};
        String[] system = plan ? new String[]{"NEW", null, null} : new String[]{"NEW", "PROGRESS", "REVIEW", "FINISH"};
        for (int k = 0; k < titles.length; k++) {
            ObjectNode o = Json.object();
            o.put("ID", Long.toString(plan ? 1 + k : groupStageId(entityId, k)));
            o.put("TITLE", titles[k]);
            o.put("SORT", Integer.toString(100 * (k + 1)));
            o.put("COLOR", new String[]{"00C4FB", "47D1E2", "FFA900", "75D900"}[k]);
            o.put("SYSTEM_TYPE", system[k]);
            o.put("ENTITY_ID", Long.toString(plan ? d.options.userId() : entityId));
            o.put("ENTITY_TYPE", plan ? "U" : "G");
            o.putArray("ADDITIONAL_FILTER");
            o.putArray("TO_UPDATE");
            o.putNull("TO_UPDATE_ACCESS");
            out.add(o);
        }
        return out;
    }

    /** Every member row of every live group, with the {@code GROUP_ID} the call named. */
    List<ObjectNode> allMembers() {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (groups.live(i)) {
                for (ObjectNode m : memberRows(Table.id(i))) {
                    ObjectNode row = Json.object();
                    row.put("GROUP_ID", Table.id(i));
                    row.setAll(m);
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** "My plan" stages, then every live group's stages. */
    List<ObjectNode> allStages() {
        List<ObjectNode> out = new ArrayList<>(stageRows(0));
        for (int i = 0; i < groups.size(); i++) {
            if (groups.live(i)) {
                out.addAll(stageRows(Table.id(i)));
            }
        }
        return out;
    }
}
