package io.github.tapbitrix24.extract.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.bitrix.SubResultConsumer;
import io.github.tapbitrix24.bitrix.TimeInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The loop itself, against a fake client: sharing, failures, pauses. Whole runs are tested in extract. */
class SchedulerTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** Answers every sub-call with its own key; records each request's keys; a method may be paused. */
    private static final class FakeClient implements BitrixApi {
        final List<List<String>> requests = new ArrayList<>();
        final List<List<String>> streamed = new ArrayList<>();
        final List<Instant> sentAt = new ArrayList<>();
        Instant now = T0;
        String paused;
        Instant pausedUntil;

        @Override
        public Envelope call(String method, ObjectNode params) {
            throw new AssertionError("batch only");
        }

        @Override
        public BatchResult batch(List<BatchCommand> commands) {
            requests.add(commands.stream().map(BatchCommand::key).toList());
            sentAt.add(now);
            List<SubResult> out = new ArrayList<>();
            for (BatchCommand c : commands) {
                out.add(new SubResult(c.key(), c.method(), F.stringNode(c.params().path("who").asString()), null, 0L,
                        TimeInfo.EMPTY, null));
            }
            return new BatchResult(out);
        }

        @Override
        public BatchResult batch(List<BatchCommand> commands, SubResultConsumer consumer) {
            streamed.add(commands.stream().map(BatchCommand::key).toList());
            return BitrixApi.super.batch(commands, consumer);
        }

        @Override
        public Optional<Instant> pausedUntil(String method) {
            return method.equals(paused) && pausedUntil.isAfter(now) ? Optional.of(pausedUntil) : Optional.empty();
        }

        @Override
        public RequestStats stats() {
            return new RequestStats(requests.size(), requests.stream().mapToLong(List::size).sum(), 0);
        }

        Clock clock() {
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
        }
    }

    private static List<BatchCommand> one(String method, String who) {
        return List.of(new BatchCommand("k0", method, F.objectNode().put("who", who)));
    }

    @Test
    void theLanesRequestsShareOneHttpRequestAndEachLaneGetsItsOwnAnswer() {
        FakeClient client = new FakeClient();
        Scheduler scheduler = new Scheduler(client, client.clock(), d -> client.now = client.now.plus(d));
        List<String> answers = new ArrayList<>();
        for (String who : List.of("a", "b", "c")) {
            scheduler.lane(who, null, () -> answers.add(who + ":" + scheduler.api().batch(one("m", who))
                    .get("k0").result().asString()));
        }
        scheduler.run();

        assertEquals(List.of(List.of("q0_k0", "q1_k0", "q2_k0")), client.requests);
        assertEquals(List.of("a:a", "b:b", "c:c"), answers);
    }

    @Test
    void aLaneThatFailsEndsTheRunAndTheParkedLanesAreUnwound() {
        FakeClient client = new FakeClient();
        Scheduler scheduler = new Scheduler(client, client.clock(), d -> { });
        List<String> unwound = new ArrayList<>();
        scheduler.lane("parked", null, () -> {
            try {
                scheduler.api().batch(one("m", "parked"));
            } finally {
                unwound.add("parked");
            }
        });
        IllegalStateException boom = new IllegalStateException("boom");
        scheduler.lane("failing", null, () -> {
            throw boom;
        });

        assertSame(boom, assertThrows(IllegalStateException.class, scheduler::run));
        assertEquals(List.of("parked"), unwound, "the parked lane ended too");
        assertEquals(List.of(), client.requests, "nothing was sent after the failure");
    }

    @Test
    void aPausedMethodWaitsWhileOthersGoAndTheLoopSleepsOnlyWhenNothingElseCanGo() {
        FakeClient client = new FakeClient();
        client.paused = "slow";
        client.pausedUntil = T0.plusSeconds(300);
        List<Duration> slept = new ArrayList<>();
        Scheduler scheduler = new Scheduler(client, client.clock(), d -> {
            slept.add(d);
            client.now = client.now.plus(d);
        });
        scheduler.lane("slow", null, () -> scheduler.api().batch(one("slow", "s")));
        scheduler.lane("fast", null, () -> {
            for (int i = 0; i < 3; i++) {
                scheduler.api().batch(one("fast", "f"));
                client.now = client.now.plusSeconds(1);
            }
        });
        scheduler.run();

        assertEquals(4, client.requests.size());
        assertEquals(List.of(T0, T0.plusSeconds(1), T0.plusSeconds(2)), client.sentAt.subList(0, 3),
                "the fast lane's requests go while the slow method is paused");
        assertEquals(List.of(Duration.ofSeconds(297)), slept, "then the loop sleeps until the reset");
        assertEquals(T0.plusSeconds(300), client.sentAt.get(3));
        assertTrue(client.requests.get(3).size() == 1);
    }

    @Test
    void aStreamedRequestGoingAloneIsSentByItsLaneAndSharedOnesComeBackWholeToEachReader() {
        FakeClient client = new FakeClient();
        Scheduler scheduler = new Scheduler(client, client.clock(), d -> { });
        List<String> read = new ArrayList<>();
        List<BatchCommand> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(new BatchCommand("k" + i, "crm.deal.list", F.objectNode().put("who", "deals" + i)));
        }
        scheduler.lane("deals", null, () -> scheduler.api().batch(fifty, (key, node) -> {
            if (key.equals("k49")) {
                read.add("deals " + key + " " + node.asString());
            }
        }));
        scheduler.lane("a", null, () -> scheduler.api().batch(one("m", "a"), (key, node) -> read.add("a " + key + " "
                + node.asString())));
        scheduler.lane("b", null, () -> scheduler.api().batch(one("m", "b"), (key, node) -> read.add("b " + key + " "
                + node.asString())));
        scheduler.run();

        assertEquals(List.of(fifty.stream().map(BatchCommand::key).toList()), client.streamed,
                "the full chain went alone, sent by its lane and streamed, under its own keys");
        assertEquals(List.of(List.of("q0_k0", "q1_k0")), client.requests.subList(1, 2), "the two small ones shared");
        assertEquals(List.of("deals k49 deals49", "a k0 a", "b k0 b"), read);
    }
}
