package io.github.tapbitrix24.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tap and the simulator on one virtual clock, with the limits on (a leaky bucket of 0.1
 * requests/s, burst 2 in the tap, 3 in the portal (see portal()), the portal's 480 s of operating time per method) and a low
 * operating-time threshold in the tap's config, so that the stage-history method exhausts it. The virtual time must add up, cause by
 * cause, and the tap must pause that method itself rather than run into the portal's refusals.
 */
class PacedSyncTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double THRESHOLD = 5;
    /** A slow, small bucket on both sides, so that a run of a dozen requests (seconds of server time each) waits for it too. */
    private static final double RATE = 0.1;
    private static final int BURST = 2;

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static PortalOptions portal() {
        // The same bucket on both sides: the tap books a request when it takes it from its bucket, the portal
        // when it arrives, a little later on this clock (the tap's CPU time in between is charged to it), and
        // the tap's margin below the edge (RequestBudget.EDGE_MARGIN) keeps that from being a refusal.
        return PortalOptions.defaults().withDeals(2_000).withRate(RATE, BURST);
    }

    private static PacedSync.Result pacedRun(PortalSimulator sim, VirtualTime time) {
        ObjectNode config = JSON.createObjectNode();
        config.put("webhook_url", sim.webhookUrl());
        config.put("operating_time_threshold", THRESHOLD);
        config.put("request_burst", BURST);
        config.put("max_requests_per_second", RATE);
        return PacedSync.run(sim, time, config, Set.of("deals", "deal_stage_history", "lead_stage_history"));
    }

    @Test
    void virtualTimeIsServerTimePlusWaitsPausesAndClientTime() {
        try (PortalSimulator sim = PortalSimulator.start(portal())) {
            long process0 = processCpu();
            VirtualTime time = new VirtualTime(sim.clock(), new TapThreads(), true);
            long t0 = time.now();
            PacedSync.Result run = pacedRun(sim, time);
            long elapsed = time.now() - t0;
            long tapCpu = time.threads().runnerCpu();

            VirtualTime.Account all = run.discovery();
            long sum = all.server() + all.rateWaits() + all.pauses() + all.backoff() + all.otherWaits() + all.client()
                    + run.sync().server() + run.sync().rateWaits() + run.sync().pauses() + run.sync().backoff()
                    + run.sync().otherWaits() + run.sync().client();
            assertEquals(0, all.unaccounted() + run.sync().unaccounted(), "every move of the clock has a cause");
            assertEquals(elapsed, sum, 1_000_000, "server + waits + pauses + client time = elapsed virtual time");
            assertTrue(run.sync().rateWaits() > 0 && run.sync().pauses() > 0, "both limits were reached: " + run.sync());

            // the server time booked is the processing the portal reported for the calls it served, plus its
            // overhead of under a millisecond per call and per batch
            double reported = run.calls().stream().flatMap(c -> c.subs().stream()).mapToDouble(PacedSync.Sub::processing).sum();
            long subCalls = run.calls().stream().mapToLong(c -> c.subs().size()).sum();
            double booked = VirtualTime.Account.seconds(run.sync().server());
            assertTrue(booked >= reported && booked <= reported + 0.001 * (subCalls + run.calls().size()),
                    "server time " + booked + " s = the cost model's processing " + reported + " s + overhead");
            assertTrue(reported > 10, "the cost model charged the stage-history pages: " + reported);

            // the client time is the CPU time of the threads that ran the tap: all of the thread it was started on
            // (and of any it started), and no more than the process spent
            long client = all.client() + run.sync().client();
            long processCpu = processCpu() - process0;
            assertTrue(run.sync().client() > 0 && client >= tapCpu - 50_000_000 && client <= processCpu,
                    "client " + client + " ns, tap thread CPU " + tapCpu + " ns, process CPU " + processCpu + " ns");

            assertEquals(2_000, run.result().stream("deals").orElseThrow().records());
            assertEquals(sim.counters().httpRequests(), all.requests() + run.sync().requests(), "every request booked");
        }
    }

    @Test
    void theTapPausesAMethodWhoseOperatingTimePassedItsThreshold() {
        try (PortalSimulator sim = PortalSimulator.start(portal())) {
            VirtualTime time = new VirtualTime(sim.clock(), new TapThreads(), true);
            PacedSync.Result run = pacedRun(sim, time);
            double stageHistory = run.calls().stream().flatMap(c -> c.subs().stream())
                    .filter(s -> s.method().equals("crm.stagehistory.list")).mapToDouble(PacedSync.Sub::processing).sum();
            assertTrue(stageHistory > 2 * THRESHOLD, "the stage histories need more than one window's budget: " + stageHistory);
            double pauses = VirtualTime.Account.seconds(run.sync().pauses());
            // a method over its threshold waits until its oldest one-minute basket leaves the ten-minute sum
            assertTrue(pauses > 300, "pauses " + pauses + " s");
            assertEquals(0, run.sync().refused(), "the tap paced itself: the portal refused nothing");
            assertEquals(0, run.sync().otherWaits() + run.discovery().otherWaits(),
                    "every wait has a known cause (a scheduler's, by what ends it): " + time.otherWaiters());
            assertTrue(run.result().stream("lead_stage_history").orElseThrow().records() > 0);
        }
    }

    @Test
    void eachSubCallIsAttributedToTheStreamItWasMadeFor() {
        try (PortalSimulator sim = PortalSimulator.start(portal())) {
            PacedSync.Result run = pacedRun(sim, new VirtualTime(sim.clock(), new TapThreads(), true));
            // one REST method, two streams: told apart by the entityTypeId each sub-call carries
            for (String stream : List.of("deal_stage_history", "lead_stage_history")) {
                long attributed = run.calls().stream().flatMap(c -> c.subs().stream()).filter(s -> s.stream().equals(stream)).count();
                assertEquals(run.result().stream(stream).orElseThrow().subCommands(), attributed, stream);
                assertTrue(attributed > 0, stream);
            }
            assertTrue(run.calls().stream().flatMap(c -> c.subs().stream()).filter(s -> s.method().equals("crm.stagehistory.list"))
                    .allMatch(s -> s.stream().endsWith("_stage_history")), "every stage-history sub-call has its stream");
        }
    }
}
