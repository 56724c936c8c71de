package io.github.tapbitrix24.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.extract.scheduler.Scheduler;
import io.github.tapbitrix24.portal.PortalClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheduler sleeps only when every lane waits, until the earliest of a method's operating-time
 * reset and a back-off; the account books each such wait by what ends it. Two lanes on the real
 * {@link Scheduler}: one calls a method paused for 300 s, the other backs off for 30 s.
 */
class SchedulerWaitsTest {
    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    private static final String PAUSED = "crm.stagehistory.list";

    @Test
    void aWaitEndingAtAMethodsResetIsAPauseAndOneEndingABackOffIsBackOff() {
        PortalClock clock = PortalClock.manual(START, ZoneOffset.UTC);
        VirtualTime time = new VirtualTime(clock, new TapThreads(), false);
        Instant reset = START.plusSeconds(300);
        BitrixApi api = new BitrixApi() {
            @Override
            public Envelope call(String method, ObjectNode params) {
                return new Envelope(JsonNodeFactory.instance.arrayNode(), null, 0, null);
            }

            @Override
            public BatchResult batch(List<BatchCommand> commands) {
                throw new AssertionError("no batch in this run");
            }

            @Override
            public Optional<Instant> pausedUntil(String method) {
                return method.equals(PAUSED) && reset.isAfter(clock.instant()) ? Optional.of(reset) : Optional.empty();
            }

            @Override
            public RequestStats stats() {
                return new RequestStats(0, 0, 0);
            }
        };
        time.schedulerWaits(until -> api.pausedUntil(PAUSED).filter(until::equals).isPresent());

        time.threads().run(() -> {
            Scheduler scheduler = new Scheduler(api, time.tapClock(), time.sleeper());
            scheduler.lane("paused", null, () -> scheduler.api().call(PAUSED, JsonNodeFactory.instance.objectNode()));
            scheduler.lane("backing off", null, () -> {
                try {
                    scheduler.sleeper().sleep(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            scheduler.run();
            return null;
        });

        VirtualTime.Account a = time.account();
        assertEquals(Duration.ofSeconds(30).toNanos(), a.backoff(), "the back-off's 30 s");
        assertEquals(Duration.ofSeconds(270).toNanos(), a.pauses(), "then the rest of the pause, to the reset");
        assertEquals(0, a.otherWaits(), "nothing left unclassified: " + time.otherWaiters());
        assertEquals(reset, clock.instant());
    }
}
