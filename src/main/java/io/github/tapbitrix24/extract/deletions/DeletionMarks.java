package io.github.tapbitrix24.extract.deletions;

import io.github.tapbitrix24.extract.spi.StreamOutput;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The RECORD of a deleted record, as pipelinewise and Meltano SDK targets read one: the key,
 * {@code _sdc_deleted_at} (UTC, milliseconds, the time the tap found it gone) and null in every
 * other property (the output writes every property of the SCHEMA). Such a target deletes the row
 * with its hard-delete setting, or keeps it with {@code _sdc_deleted_at} set (README, "Deleted records").
 */
public final class DeletionMarks {
    /** The column targets read a deletion from (the Singer/Meltano SDK convention). */
    public static final String DELETED_AT = "_sdc_deleted_at";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Marks go to the output this many at a time (one page of the writer's work). */
    private static final int CHUNK = 500;

    private DeletionMarks() {
    }

    /** Adds {@code _sdc_deleted_at} (a nullable date-time) to a stream's SCHEMA. */
    public static void addColumn(ObjectNode schema) {
        if (schema.get("properties") instanceof ObjectNode props && !props.has(DELETED_AT)) {
            props.putObject(DELETED_AT).putArray("type").add("null").add("string");
            ((ObjectNode) props.get(DELETED_AT)).put("format", "date-time");
        }
    }

    /** Writes one deletion RECORD per ID, all stamped {@code at}. */
    static void write(StreamOutput out, String idField, IdSet ids, Instant at) {
        String stamp = timestamp(at);
        ArrayNode[] chunk = {F.arrayNode()};
        ids.forEach(id -> {
            ObjectNode row = chunk[0].addObject();
            row.put(idField, id);
            row.put(DELETED_AT, stamp);
            if (chunk[0].size() == CHUNK) {
                out.rows(chunk[0], r -> true);
                chunk[0] = F.arrayNode();
            }
        });
        if (!chunk[0].isEmpty()) {
            out.rows(chunk[0], r -> true);
        }
    }

    static String timestamp(Instant at) {
        return MILLIS.format(at.truncatedTo(ChronoUnit.MILLIS));
    }
}
