package io.github.tapbitrix24.discover;

import io.github.tapbitrix24.schema.FieldDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tasks} schema from {@code tasks.task.getFields}, with what that list does not say:
 *
 * <ul>
 *   <li>Custom fields ({@code UF_*}) are announced as arrays of their type. The method reports only
 *       {@code title} and {@code type} (D:api-reference/tasks/tasks-task-get-fields.md), never whether a
 *       field is multiple, and {@code UF_CRM_TASK} is an array (D:api-reference/tasks/fields.md). An array
 *       sent for a single-valued schema could not be kept, while a single value for an array schema
 *       becomes a one-element array, so the array is the shape that loses nothing.</li>
 *   <li>{@code enum} fields (STATUS, PRIORITY, MARK, the Y/N flags) are strings: their codes are the
 *       string keys of {@code values}, and the list sends them as strings (D:api-reference/tasks/fields.md),
 *       so they are typed as such instead of the opaque shape an unknown {@code enum} gets.</li>
 *   <li>{@code ACCOMPLICES} and {@code AUDITORS} ({@code array}) are lists of user IDs (fields.md).</li>
 *   <li>{@code TAGS}: not in the field list, but tasks.task.list returns the task's tags when
 *       {@code select} names it, as a map of tag ID → {@code {id, title}} (the response example of
 *       D:api-reference/tasks/tasks-task-list.md), so tags cost no request per task.</li>
 * </ul>
 */
final class TaskFields {
    static final String TAGS = "TAGS";
    private static final java.util.Set<String> USER_LISTS = java.util.Set.of("ACCOMPLICES", "AUDITORS");

    private TaskFields() {
    }

    static List<FieldDescriptor> adjust(List<FieldDescriptor> fields) {
        List<FieldDescriptor> out = new ArrayList<>(fields.size() + 1);
        boolean tags = false;
        for (FieldDescriptor f : fields) {
            tags |= f.id().equals(TAGS);
            if (f.id().startsWith("UF_") && !f.isMultiple()) {
                out.add(retyped(f, f.type(), true));
            } else if (f.normalizedType().equals("enum")) {
                out.add(retyped(f, "string", f.isMultiple()));
            } else if (USER_LISTS.contains(f.id())) {
                out.add(retyped(f, "user", true));
            } else {
                out.add(f);
            }
        }
        if (!tags) {
            out.add(FieldDescriptor.of(TAGS, "object", false, "Tags"));
        }
        return out;
    }

    private static FieldDescriptor retyped(FieldDescriptor f, String type, boolean multiple) {
        return new FieldDescriptor(f.id(), type, f.isRequired(), f.isReadOnly(), multiple, f.isDynamic(), f.title(),
                f.listLabel(), f.formLabel(), f.filterLabel(), f.statusType(), f.items(), f.settings(), f.upperName());
    }
}
