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
 *   <li>{@code TAGS}: not in the field list, but tasks.task.list returns the task's tags when
 *       {@code select} names it, as a map of tag ID → {@code {id, title}} (the response example of
 *       D:api-reference/tasks/tasks-task-list.md), so tags cost no request per task.</li>
 * </ul>
 */
final class TaskFields {
    static final String TAGS = "TAGS";

    private TaskFields() {
    }

    static List<FieldDescriptor> adjust(List<FieldDescriptor> fields) {
        List<FieldDescriptor> out = new ArrayList<>(fields.size() + 1);
        boolean tags = false;
        for (FieldDescriptor f : fields) {
            tags |= f.id().equals(TAGS);
            out.add(f.id().startsWith("UF_") && !f.isMultiple() ? multiple(f) : f);
        }
        if (!tags) {
            out.add(FieldDescriptor.of(TAGS, "object", false, "Tags"));
        }
        return out;
    }

    private static FieldDescriptor multiple(FieldDescriptor f) {
        return new FieldDescriptor(f.id(), f.type(), f.isRequired(), f.isReadOnly(), true, f.isDynamic(), f.title(),
                f.listLabel(), f.formLabel(), f.filterLabel(), f.statusType(), f.items(), f.settings(), f.upperName());
    }
}
