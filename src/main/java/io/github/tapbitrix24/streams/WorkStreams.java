package io.github.tapbitrix24.streams;

import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work-management streams (scopes {@code task} and {@code sonet_group}): tasks, their field
 * list, time tracking, Kanban stages, workgroups and their members. Declared as data, like the CRM
 * streams in {@link StreamRegistry}.
 */
public final class WorkStreams {
    /** The workgroups stream: parent of the per-group streams. */
    public static final String WORKGROUPS = "workgroups";
    /** The scope of sonet_group.* (D:api-reference/scopes/permissions.md: "sonet_group, socialnetwork"). */
    public static final String SONET_SCOPE = "sonet_group";
    private static final String TASK_SCOPE = "task";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private WorkStreams() {
    }

    /** In catalog order: every parent before its children. */
    public static List<StreamSpec> all() {
        return List.of(
                // Schema from tasks.task.getFields (UF_* included); incremental by CHANGED_DATE, which the
                // list filters and orders by (D:api-reference/tasks/tasks-task-list.md, tasks-task-get-fields.md).
                new StreamSpec("tasks", TASK_SCOPE, ListApi.TASK_LIST, "tasks.task.list", F.objectNode(),
                        "tasks.task.getFields", F.objectNode(), "ID", List.of("ID"), List.of("CHANGED_DATE"), null),
                new StreamSpec("task_fields", TASK_SCOPE, ListApi.FIELD_METADATA, "tasks.task.getFields", F.objectNode(),
                        null, null, null, List.of("id"), List.of(), null),
                // Time tracking of every task in one scan of ID windows (no TASKID: the method then lists the
                // records of all tasks the webhook can see; it always counts, hence windows, see IdWindowReader).
                // Records can be edited and deleted and carry no change time (CREATED_DATE is the work's start
                // for records entered afterwards), so FULL_TABLE (D:api-reference/tasks/elapsed-item/task-elapsed-item-get-list.md).
                new StreamSpec("task_elapsed_time", TASK_SCOPE, ListApi.ELAPSED_ITEM_LIST, "task.elapseditem.getlist",
                        F.objectNode(), null, null, "ID", List.of("ID"), List.of(), null),
                new StreamSpec(WORKGROUPS, SONET_SCOPE, ListApi.SONET_GROUP_GET, "sonet_group.get", F.objectNode(),
                        null, null, "ID", List.of("ID"), List.of(), null),
                // sonet_group.user.get takes one group ID (D:api-reference/sonet-group/members/sonet-group-user-get.md)
                new StreamSpec("workgroup_members", SONET_SCOPE, ListApi.PER_WORKGROUP, "sonet_group.user.get",
                        F.objectNode(), null, null, null, List.of("GROUP_ID", "USER_ID"), List.of(), WORKGROUPS),
                // task.stages.get takes one entityId: a group's Kanban, or 0 for the webhook user's "My plan"
                // (D:api-reference/tasks/stages/task-stages-get.md)
                new StreamSpec("task_stages", TASK_SCOPE, ListApi.PER_WORKGROUP, "task.stages.get",
                        params(), null, null, null, List.of("ID"), List.of(), WORKGROUPS));
    }

    private static ObjectNode params() {
        return F.objectNode().put("isAdmin", true);
    }
}
