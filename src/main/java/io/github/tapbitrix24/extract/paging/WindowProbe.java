package io.github.tapbitrix24.extract.paging;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.extract.state.PortalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A self-check of a datetime window filter, sent with the first page of the scan (no extra HTTP
 * request). The docs write filter values as ISO 8601 with an offset, but field reports say some
 * methods honour only {@code YYYY-MM-DD HH:MM:SS} or only the date, and a value that does not parse
 * matches nothing (bitrix24-api.md §7.1, §9; I:bitrix-tools/b24-rest-docs#215). A wider filter only
 * costs re-emitted rows; a narrower one loses them silently. So two one-page queries ask where the
 * server puts the boundary:
 *
 * <ul>
 *   <li>{@code above}: key {@code >=} value, order key ascending: the oldest rows the server counts in;</li>
 *   <li>{@code below}: key {@code <} value, order key descending: the newest rows it counts out.</li>
 * </ul>
 *
 * and a third, {@code any}, one page of IDs without the window, tells an empty stream from a value
 * the server did not understand.
 *
 * If the newest row counted out has a key at or after the true window start, the server's boundary
 * lies later than ours and the filter would lose rows: rejected. If both come back empty while
 * the stream has rows, the value was not understood: rejected. A boundary that is earlier (the
 * time part ignored) is accepted: it only widens the window, and the rows before the true start are
 * dropped client-side by the reader. On rejection the reader scans without the server-side window
 * and keeps exactly the rows inside it, so the result is never narrower in any case.
 */
final class WindowProbe implements KeysetPager.Probe {
    private static final Logger LOG = Logger.getLogger(WindowProbe.class.getName());
    static final String ABOVE = "wa";
    static final String BELOW = "wb";
    static final String ANY = "wz";

    private final KeysetPager.Scan scan;
    private final String replicationKey;
    private final OffsetDateTime windowStart;
    private final String serverValue;

    /**
     * @param scan           the scan without the window filter (only the stream's own filters)
     * @param windowStart    the exact lower bound
     * @param serverValue    the value sent to the server for it
     */
    WindowProbe(KeysetPager.Scan scan, String replicationKey, OffsetDateTime windowStart, String serverValue) {
        this.scan = scan;
        this.replicationKey = replicationKey;
        this.windowStart = windowStart;
        this.serverValue = serverValue;
    }

    @Override
    public List<BatchCommand> commands() {
        String id = scan.dialect().idField();
        return List.of(command(ABOVE, ">=", true), command(BELOW, "<", false),
                new BatchCommand(ANY, scan.method(),
                        scan.dialect().params(scan.fixedParams(), List.of(id), scan.filter().deepCopy(), id, true)));
    }

    private BatchCommand command(String key, String op, boolean ascending) {
        ObjectNode filter = scan.filter().deepCopy();
        filter.put(op + replicationKey, serverValue);
        List<String> select = List.of(scan.dialect().idField(), replicationKey);
        return new BatchCommand(key, scan.method(),
                scan.dialect().params(scan.fixedParams(), select, filter, replicationKey, ascending));
    }

    @Override
    public boolean accept(BatchResult result) {
        JsonNode above = scan.dialect().rows(result.get(ABOVE).result());
        JsonNode below = scan.dialect().rows(result.get(BELOW).result());
        if (above.isEmpty() && below.isEmpty()) {
            boolean empty = scan.dialect().rows(result.get(ANY).result()).isEmpty();
            if (!empty) {
                LOG.warning(() -> "stream " + scan.stream() + ": " + scan.method() + " matched no rows on either side of "
                        + replicationKey + " " + serverValue + " (value not understood?); reading without the"
                        + " server-side window");
            }
            return empty;
        }
        if (!below.isEmpty()) {
            Optional<OffsetDateTime> newestOut = PortalTime.parse(below.get(0).get(replicationKey));
            if (newestOut.isEmpty() || !newestOut.get().isBefore(windowStart)) {
                LOG.warning(() -> "stream " + scan.stream() + ": " + scan.method() + " filtered " + replicationKey
                        + " >= " + serverValue + " too narrowly (it leaves out a row with "
                        + below.get(0).get(replicationKey) + "); reading without the server-side window");
                return false;
            }
        }
        if (!above.isEmpty()) {
            Optional<OffsetDateTime> oldestIn = PortalTime.parse(above.get(0).get(replicationKey));
            if (oldestIn.isPresent() && oldestIn.get().isBefore(windowStart)) {
                LOG.info(() -> "stream " + scan.stream() + ": " + scan.method() + " widens the " + replicationKey
                        + " filter (time part ignored?); rows before " + serverValue + " are dropped client-side");
            }
        }
        return true;
    }
}
