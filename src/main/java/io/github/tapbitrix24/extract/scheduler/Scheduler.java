package io.github.tapbitrix24.extract.scheduler;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The sync loop: runs every lane until it parks with a request or ends, then sends one HTTP
 * request for the parked lanes, answers them and runs them again, until all have ended.
 *
 * <p>One request at a time, over one connection (the docs advise against parallel request streams
 * from one webhook; bitrix24-api.md §4): a {@code batch} of up to 50 sub-calls of any lanes and
 * methods, oldest waiting request first (ties in lane order), packed by {@link SharedBatch#pack};
 * a request left out is older next time and goes first. A request whose method is paused over its
 * operating-time budget (bitrix24-api.md §4.2, D:limits.md) stays parked while the others go on;
 * only when every parked request waits for a reset (or a back-off) does the loop sleep, until the
 * earliest. A method near its budget gets only as many sub-calls per request as the budget
 * affords ({@link BitrixApi#affordableCalls}); the rest of the request goes to other methods.
 *
 * <p>A lane's plain {@code call} is sent on its own: its error handling (the client's retries,
 * a refusal that skips the stream) is then exactly that of a call, and the small streams' first
 * calls already share one batch before the lanes start.
 */
public final class Scheduler {
    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());
    /**
     * The answer to a streamed request that goes alone: the lane sends it itself, on its own thread,
     * and reads the answer page by page as it is parsed (BitrixApi#batch with a consumer), so the rows
     * are written as they arrive and no tree of a 2,500-row answer is built. Shared requests are
     * answered whole: their parts' readers run on their own lanes' threads.
     */
    static final Object SEND_ALONE = new Object();

    private final BitrixApi inner;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Baton baton = new Baton(this);
    private final LaneApi api;
    private final List<Lane> lanes = new ArrayList<>();
    /** The lane holding the baton, or null while the scheduler (or no run) holds it. */
    private Lane current;
    /** HTTP requests sent by this scheduler: the age of a parked request. */
    private long sent;
    /**
     * HTTP requests and sub-calls of the client's counts already put on some lane, by the
     * scheduler or by a lane sending its own request: a lane sending alone that parks meanwhile
     * (its answer's reader fetches children) subtracts these from what the client counted.
     */
    long attributedRequests;
    long attributedSubCalls;
    /** How far the injected sleeper has slept us: with a sleeper that does not move the clock (tests), waits count as over. */
    private Instant slept = Instant.MIN;

    public Scheduler(BitrixApi inner, Clock clock, Sleeper sleeper) {
        this.inner = inner;
        this.clock = clock;
        this.sleeper = sleeper;
        this.api = new LaneApi(this, inner);
    }

    /** The API for readers: shared requests from inside a lane, direct calls outside. */
    public BitrixApi api() {
        return api;
    }

    /** Sleeping for readers: inside a lane a back-off parks the lane, and the others use the time. */
    public Sleeper sleeper() {
        return d -> {
            Lane lane = current;
            if (lane == null) {
                sleeper.sleep(d);
            } else {
                park(lane, new LaneRequest.Wait(now().plus(d)));
            }
        };
    }

    /** Work for a lane of its own: a name (the stream, for logs and thread names) and what to run. */
    public record Task(String name, Runnable body) {
    }

    /** Lanes started together by {@link #start}, to be awaited by the lane that started them. */
    public static final class Group {
        private final List<Lane> lanes;

        private Group(List<Lane> lanes) {
            this.lanes = lanes;
        }
    }

    /**
     * Starts {@code tasks}, each a lane of its own, and returns at once: the calling lane goes on
     * while the tasks' requests share HTTP requests with each other and with every other lane's
     * (a parent's followers fetching the children of a group of parents while the parent reads
     * the next, docs/children.md); {@link #await} waits for them. A task's exception ends the run
     * as any lane's does. Called outside a lane, the tasks run here, one after another.
     */
    public Group start(List<Task> tasks) {
        if (current == null) {
            tasks.forEach(t -> t.body().run());
            return new Group(List.of());
        }
        List<Lane> started = new ArrayList<>();
        for (Task t : tasks) {
            Lane lane = new Lane(t.name(), lanes.size(), null, t.body(), baton, this);
            lanes.add(lane);
            started.add(lane);
        }
        return new Group(List.copyOf(started));
    }

    /** Returns when every lane of {@code group} has ended; the calling lane parks until then. */
    public void await(Group group) {
        Lane caller = current;
        if (caller != null && !group.lanes.stream().allMatch(l -> l.status == Lane.Status.DONE)) {
            park(caller, new LaneRequest.Join(group.lanes));
        }
    }

    /** A handle on one lane of a run, to order the next ones after it. */
    public static final class Handle {
        private final Lane lane;

        private Handle(Lane lane) {
            this.lane = lane;
        }
    }

    /** Adds a lane running {@code body}; it starts when the run does, or after {@code after} has ended. */
    public Handle lane(String name, Handle after, Runnable body) {
        Lane lane = new Lane(name, lanes.size(), after == null ? null : after.lane, body, baton, this);
        lanes.add(lane);
        return new Handle(lane);
    }

    /**
     * Runs every lane added, to the end. A lane's exception ends the run: the other lanes are
     * unwound where they are parked, and the exception is thrown here.
     */
    public void run() {
        try {
            while (true) {
                Throwable failure = runRunnable();
                if (failure instanceof RuntimeException e) {
                    throw e;
                } else if (failure instanceof Error e) {
                    throw e;
                } else if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                List<Lane> parked = lanes.stream().filter(l -> l.status == Lane.Status.PARKED).toList();
                if (parked.isEmpty()) {
                    return;
                }
                serve(parked);
            }
        } catch (RuntimeException | Error e) {
            cancelAll();
            throw e;
        } finally {
            lanes.clear();
        }
    }

    /** Runs each runnable lane (and each that may start now) until it parks or ends; the first failure. */
    private Throwable runRunnable() {
        boolean ran = true;
        while (ran) {
            ran = false;
            // by index: a running lane may add lanes (start)
            for (int i = 0; i < lanes.size(); i++) {
                Lane lane = lanes.get(i);
                if (lane.status == Lane.Status.WAITING_TO_START
                        && (lane.after == null || lane.after.status == Lane.Status.DONE)) {
                    lane.start();
                }
                if (lane.status == Lane.Status.RUNNABLE) {
                    turn(lane);
                    ran = true;
                    if (lane.failure != null) {
                        return lane.failure;
                    }
                }
            }
        }
        return null;
    }

    private void turn(Lane lane) {
        current = lane;
        baton.give(lane);
        baton.await(this);
        current = null;
    }

    private void cancelAll() {
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            if (lane.status == Lane.Status.PARKED || lane.status == Lane.Status.RUNNABLE) {
                lane.cancel();
                turn(lane);
            }
        }
    }

    /** The lane holding the baton (null on the scheduler's own thread). */
    Lane current() {
        return current;
    }

    /** On the lane's thread: parks it with {@code request}; returns (or throws) the answer. */
    Object park(Lane lane, LaneRequest request) {
        return lane.park(request, sent);
    }

    /** Answers what can be answered now: due back-offs, else one HTTP request; else sleeps to the earliest reset. */
    private void serve(List<Lane> parked) {
        Instant now = now();
        List<Lane> ready = new ArrayList<>();
        Instant earliest = null;
        boolean woke = false;
        for (Lane lane : parked) {
            if (lane.request instanceof LaneRequest.Join join) {
                if (join.lanes().stream().allMatch(l -> l.status == Lane.Status.DONE)) {
                    lane.answer(null);
                    woke = true;
                }
                continue; // otherwise its lanes are parked or runnable, and decide when it goes on
            }
            Optional<Instant> until = blockedUntil(lane.request, now);
            if (until.isPresent()) {
                earliest = earliest == null || until.get().isBefore(earliest) ? until.get() : earliest;
            } else if (lane.request instanceof LaneRequest.Wait) {
                lane.answer(null);
                woke = true;
            } else {
                ready.add(lane);
            }
        }
        if (woke) {
            return; // the woken lanes' next requests may join the next HTTP request
        }
        if (ready.isEmpty()) {
            if (earliest == null) {
                throw new IllegalStateException("no lane can go on: " + parked.stream().map(l -> l.name).toList());
            }
            sleepUntil(earliest);
            return;
        }
        ready.sort(Comparator.<Lane>comparingLong(l -> l.waitingSince).thenComparingInt(l -> l.index));
        if (ready.get(0).request instanceof LaneRequest.Call call) {
            sendAlone(ready.get(0), call);
        } else {
            sendShared(ready);
        }
    }

    private Instant now() {
        Instant c = clock.instant();
        return c.isAfter(slept) ? c : slept;
    }

    private void sleepUntil(Instant until) {
        Duration wait = Duration.between(clock.instant(), until);
        LOG.info(() -> String.format("every stream left waits for a method's operating-time budget or a back-off;"
                + " pausing %.1f s", Math.max(0, wait.toMillis()) / 1000.0));
        try {
            sleeper.sleep(wait.isNegative() ? Duration.ZERO : wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pausing", e);
        }
        slept = until;
    }

    /** When the request may go, if not now: a back-off's end, or the latest pause among its methods. */
    private Optional<Instant> blockedUntil(LaneRequest request, Instant now) {
        if (request instanceof LaneRequest.Wait w) {
            return w.until().isAfter(now) ? Optional.of(w.until()) : Optional.empty();
        }
        List<String> methods = request instanceof LaneRequest.Call c ? List.of(c.method())
                : ((LaneRequest.Batch) request).commands().stream().map(BatchCommand::method).distinct().toList();
        Instant latest = null;
        for (String method : methods) {
            Optional<Instant> until = inner.pausedUntil(method).filter(u -> u.isAfter(now));
            if (until.isPresent() && (latest == null || until.get().isAfter(latest))) {
                latest = until.get();
            }
        }
        return Optional.ofNullable(latest);
    }

    private void sendAlone(Lane lane, LaneRequest.Call call) {
        RequestStats before = inner.stats();
        sent++;
        try {
            lane.answer(inner.call(call.method(), call.params()));
        } catch (RuntimeException e) {
            lane.answer(e);
        }
        RequestStats after = inner.stats();
        attribute(lane, after.httpRequests() - before.httpRequests(), after.batchSubCommands() - before.batchSubCommands());
    }

    /** Puts requests and sub-calls of the client's counts on {@code lane}. */
    void attribute(Lane lane, long requests, long subCalls) {
        lane.httpRequests += requests;
        lane.subCalls += subCalls;
        attributedRequests += requests;
        attributedSubCalls += subCalls;
    }

    /** Sends the ready batch requests, packed by {@link SharedBatch#pack}, in one HTTP request. */
    private void sendShared(List<Lane> ready) {
        SharedBatch batch = SharedBatch.pack(ready, m -> inner.affordableCalls(m, SharedBatch.MAX_COMMANDS));
        if (batch.parts().size() == 1) {
            SharedBatch.Part only = batch.parts().get(0);
            LaneRequest.Batch request = (LaneRequest.Batch) only.lane().request;
            if (request.streamed() && only.commands().size() == request.commands().size()) {
                sent++; // the lane counts what it sends, retries included (LaneApi)
                only.lane().answer(SEND_ALONE);
                return;
            }
        }
        RequestStats before = inner.stats();
        sent++;
        BatchResult all;
        try {
            all = inner.batch(batch.commands());
        } catch (BitrixException e) {
            for (SharedBatch.Part part : batch.parts()) {
                part.lane().answer(e);
            }
            countParts(batch, before);
            return;
        }
        for (int i = 0; i < batch.parts().size(); i++) {
            batch.parts().get(i).lane().answer(batch.resultOf(i, all));
        }
        countParts(batch, before);
    }

    /** Every lane carried by the request counts it (and its retries); its sub-calls count for their own lanes. */
    private void countParts(SharedBatch batch, RequestStats before) {
        RequestStats after = inner.stats();
        long attempts = batch.isEmpty() ? 0 : (after.batchSubCommands() - before.batchSubCommands()) / batch.size();
        for (SharedBatch.Part part : batch.parts()) {
            part.lane().httpRequests += after.httpRequests() - before.httpRequests();
            part.lane().subCalls += attempts * part.commands().size();
        }
        attributedRequests += after.httpRequests() - before.httpRequests();
        attributedSubCalls += after.batchSubCommands() - before.batchSubCommands();
    }
}
