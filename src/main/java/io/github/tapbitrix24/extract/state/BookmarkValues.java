package io.github.tapbitrix24.extract.state;

import java.time.OffsetDateTime;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Compares two bookmark values of one replication key: IDs as numbers, datetimes as instants. */
public final class BookmarkValues {
    private BookmarkValues() {
    }

    /**
     * Whether a scan from {@code from} starts no earlier than one from {@code than}; null is the
     * very start. Values that are neither both numbers nor both datetimes only compare equal.
     */
    public static boolean notBefore(JsonNode from, JsonNode than) {
        if (than == null) {
            return true;
        }
        if (from == null) {
            return false;
        }
        if (from.isIntegralNumber() && than.isIntegralNumber()) {
            return from.asLong() >= than.asLong();
        }
        Optional<OffsetDateTime> a = PortalTime.parse(from);
        Optional<OffsetDateTime> b = PortalTime.parse(than);
        if (a.isPresent() && b.isPresent()) {
            return !a.get().toInstant().isBefore(b.get().toInstant());
        }
        return from.equals(than);
    }
}
