package io.github.tapbitrix24.extract.state;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Datetimes as the portal writes and reads them: ISO 8601 with the portal's offset and whole
 * seconds, e.g. {@code 2024-09-02T18:37:18+02:00} (D:api-reference/data-types.md). Filter values
 * are written in the portal's own offset, so that a method which ignores the offset, or reads
 * only the date, still sees the same local wall-clock time (bitrix24-api.md §7.1).
 */
public final class PortalTime {
    /** {@code +00:00} rather than {@code Z}, as the portal itself writes it. */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private PortalTime() {
    }

    /** Formats an instant in the given offset, truncated to the second (never later than the instant). */
    public static String format(Instant instant, ZoneOffset offset) {
        return OffsetDateTime.ofInstant(instant, offset).format(FORMAT);
    }

    /**
     * The form bookmarks are stored in: UTC with {@code Z}, whole seconds, as records' datetimes are
     * written ({@code 2024-09-02T16:37:18Z}); filters sent to the portal are still written in its offset.
     */
    public static String utc(OffsetDateTime value) {
        return format(value.toInstant(), ZoneOffset.UTC).replace("+00:00", "Z");
    }

    /** Whether a stored value is in the UTC form of {@link #utc} (an older version stored the portal's offset). */
    public static boolean isUtc(JsonNode value) {
        return value != null && value.isString() && value.asString().endsWith("Z");
    }

    /** Formats keeping the value's own offset. */
    public static String format(OffsetDateTime value) {
        return value.format(FORMAT);
    }

    /**
     * Parses an ISO 8601 datetime with an offset. Values without an offset (user.get's
     * {@code "2024-08-29 10:30:11"}), PHP's empty {@code {}} and anything else are empty: their
     * instant is unknown, and callers must then treat the row as possibly inside any window.
     */
    public static Optional<OffsetDateTime> parse(JsonNode value) {
        if (value == null || !value.isString()) {
            return Optional.empty();
        }
        return parse(value.asString());
    }

    public static Optional<OffsetDateTime> parse(String text) {
        if (text == null || text.length() < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
