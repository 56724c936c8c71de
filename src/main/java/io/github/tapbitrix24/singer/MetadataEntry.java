package io.github.tapbitrix24.singer;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Singer metadata entry: {@code {"breadcrumb": [], "metadata": {...}}} for the stream, or
 * {@code ["properties", NAME]} for a field.
 */
public record MetadataEntry(List<String> breadcrumb, ObjectNode metadata) {
    public MetadataEntry {
        breadcrumb = List.copyOf(breadcrumb);
        Objects.requireNonNull(metadata, "metadata");
    }

    public boolean isStream() {
        return breadcrumb.isEmpty();
    }

    /** The field name for {@code ["properties", NAME]}, else null. */
    public String propertyName() {
        return breadcrumb.size() == 2 && breadcrumb.get(0).equals("properties") ? breadcrumb.get(1) : null;
    }
}
