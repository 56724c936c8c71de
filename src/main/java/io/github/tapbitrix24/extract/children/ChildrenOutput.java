package io.github.tapbitrix24.extract.children;

import io.github.tapbitrix24.extract.scheduler.Scheduler;
import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamUnavailableException;
import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Takes the rows of a deal scan as parent IDs and, at the scan's checkpoints, writes the children
 * of those deals before any position that covers them.
 *
 * <p>Two uses. A child stream's own scan (no parent output): the deal rows are only IDs. The
 * parent's own read, with children riding along: the deal rows also go to the parent's output,
 * and the children's requests come between the parent's pages, so the short comment requests use
 * the rate allowance the long deal pages leave (docs/children.md). There, a child the portal
 * refuses is dropped from the ride, and the parent goes on.
 *
 * <p>Each child stream's fetch of a group is a lane of the scheduler of its own (a follower fed
 * with the group's parent IDs): the child streams' sub-calls share requests with each other and
 * with every other stream's, while the parent's lane scans the next group (docs/scheduler.md).
 *
 * <p>Positions: the children are fetched for at least {@link DealChildrenReader#MIN_DEALS_PER_FETCH}
 * deals at a time; until a group's children are all written no position covering it is written,
 * not the parent's either, so the last STATE never puts the parent ahead of its children. Then
 * each child's position (the parent's without its key), then the parent's.
 */
final class ChildrenOutput implements StreamOutput {
    private final StreamOutput parent;
    private final List<ChildFollower> children;
    private final Scheduler scheduler;
    private final List<Long> pending = new ArrayList<>();
    private InFlight inFlight;
    /** Whether the group in flight has not had its positions written yet. */
    private boolean fetching;
    /** The parent's rows read while {@link #fetching}, written right after those positions. */
    private ArrayNode held = JsonNodeFactory.instance.arrayNode();
    private String idField;

    /** @param parent the parent's own output, or null when the scan is a child's own */
    ChildrenOutput(StreamOutput parent, List<ChildFollower> children, Scheduler scheduler) {
        if (children.isEmpty()) {
            throw new IllegalArgumentException("a children output needs a child");
        }
        this.parent = parent;
        this.children = List.copyOf(children);
        this.scheduler = scheduler;
    }

    @Override
    public void rows(JsonNode rows, Predicate<JsonNode> keep) {
        for (JsonNode row : rows) {
            if (keep.test(row)) {
                if (idField == null) {
                    idField = row.has("ID") ? "ID" : "id";
                }
                pending.add(RowIds.of(row, idField));
            }
        }
        if (parent == null) {
            return;
        }
        if (!fetching) {
            parent.rows(rows, keep);
            return;
        }
        // Held until the group in flight has its positions written: so between two STATEs come
        // one group's parents and children, as without the overlap (CheckpointSpacingTest).
        for (JsonNode row : rows) {
            if (keep.test(row)) {
                held.add(row);
            }
        }
    }

    @Override
    public void checkpoint(StreamBookmark bookmark) {
        // Until enough deals are pending, no position is written: a run killed now resumes from
        // the previous STATE, before these deals, and loses nothing.
        if (pending.size() >= DealChildrenReader.MIN_DEALS_PER_FETCH) {
            fetch(bookmark);
        }
    }

    @Override
    public void complete(StreamBookmark bookmark) {
        if (!pending.isEmpty()) {
            fetch(null);
        }
        awaitInFlight();
        for (ChildFollower child : children) {
            if (child.skipped() == null) {
                child.out().complete(bookmark == null ? null : own(bookmark));
            }
        }
        if (parent != null) {
            parent.complete(bookmark);
        }
    }

    /** Every page, so the children are fetched (and a STATE written) every {@link DealChildrenReader#MIN_DEALS_PER_FETCH} deals. */
    @Override
    public boolean checkpointsEveryPage() {
        return true;
    }

    @Override
    public PortalOffset portalOffset() {
        return parent != null ? parent.portalOffset() : children.get(0).out().portalOffset();
    }

    /**
     * Starts the followers' fetch of the pending parents and returns, so the scan goes on while
     * they fetch. One group in flight at a time: the previous one is awaited first, which keeps
     * memory bounded and a follower's fetcher to one fetch at a time. The last follower to finish
     * writes the positions up to {@code at} (null: none, the read's end writes them), children
     * first: no STATE ever has the parent ahead of a child.
     */
    private void fetch(StreamBookmark at) {
        awaitInFlight();
        List<Long> ids = List.copyOf(pending);
        pending.clear();
        List<ChildFollower> fed = children.stream().filter(c -> c.skipped() == null).toList();
        StreamUnavailableException[] refused = new StreamUnavailableException[fed.size()];
        int[] running = {fed.size()};
        List<Scheduler.Task> fetches = new ArrayList<>();
        for (int i = 0; i < fed.size(); i++) {
            ChildFollower child = fed.get(i);
            int at_ = i;
            fetches.add(new Scheduler.Task(child.stream(), () -> {
                try {
                    child.fetch(ids);
                } catch (StreamUnavailableException e) {
                    refused[at_] = e;
                }
                if (--running[0] == 0) { // lanes run one at a time: no race on the count
                    settle(fed, refused, at);
                }
            }));
        }
        fetching = true;
        inFlight = new InFlight(scheduler.start(fetches), fed, refused);
        if (fed.isEmpty()) {
            settle(fed, refused, at);
        }
    }

    /**
     * A refused follower leaves the ride (the parent goes on); then the positions up to {@code at},
     * then the parent's rows held meanwhile.
     */
    private void settle(List<ChildFollower> fed, StreamUnavailableException[] refused, StreamBookmark at) {
        fetching = false;
        for (int i = 0; i < fed.size(); i++) {
            if (refused[i] != null) {
                if (parent == null) {
                    return; // the child's own scan: it ends with the refusal (awaitInFlight)
                }
                fed.get(i).skip(refused[i].reason());
            }
        }
        if (at != null) {
            for (ChildFollower child : fed) {
                if (child.skipped() == null) {
                    child.out().checkpoint(own(at));
                }
            }
            if (parent != null) {
                parent.checkpoint(at);
            }
        }
        if (!held.isEmpty()) {
            ArrayNode rows = held;
            held = JsonNodeFactory.instance.arrayNode();
            parent.rows(rows, r -> true);
        }
    }

    /**
     * Runs {@code read}, the scan feeding this output. A scan the portal refuses part-way still
     * waits for the group in flight: its followers' lanes would otherwise write children and
     * positions after the stream's summary was taken. That group's positions stay exact (its
     * parents and children are all written); the refusal then ends the scan as before.
     */
    void scan(Runnable read) {
        try {
            read.run();
        } catch (StreamUnavailableException e) {
            try {
                awaitInFlight();
            } catch (StreamUnavailableException childRefused) {
                e.addSuppressed(childRefused);
            }
            throw e;
        }
    }

    /** Waits for the group in flight; a child's own scan ends with its refusal. */
    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        InFlight f = inFlight;
        inFlight = null;
        scheduler.await(f.group());
        if (parent == null) {
            for (StreamUnavailableException e : f.refused()) {
                if (e != null) {
                    throw e;
                }
            }
        }
    }

    /** The followers' fetch of one group of parents, and the refusals it met. */
    private record InFlight(Scheduler.Group group, List<ChildFollower> fed, StreamUnavailableException[] refused) {
    }

    /** The parent's position, kept under the child's name without the parent's key. */
    private static StreamBookmark own(StreamBookmark parent) {
        return new StreamBookmark(null, parent.value(), parent.windowStart(), parent.nextValue(), parent.lastId(),
                parent.signpost());
    }
}
