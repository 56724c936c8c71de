package io.github.tapbitrix24.bitrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operating-time budget's rules on their own, on the fake clock: when a method is paused, for
 * how long, and how a refusal lowers the limit it pauses at ([D:limits.md]; bitrix24-api.md §4.2).
 * {@link OperatingBudgetTest} shows the same over HTTP.
 */
class OperatingBudgetRulesTest {
    private static final long NOW = FakeTime.START.getEpochSecond();
    private final FakeTime time = new FakeTime();
    private final OperatingBudget budget = new OperatingBudget(200, Duration.ofSeconds(60), time, time);

    /** A response that finished at the client's now, with {@code operating} seconds used and a reset {@code in} seconds ahead. */
    private static TimeInfo used(double operating, Long resetIn) {
        return new TimeInfo((double) NOW - 1, (double) NOW, 1.0, 1.0, null, null, operating,
                resetIn == null ? null : NOW + resetIn);
    }

    private Duration pauseOf(String method) throws InterruptedException {
        int before = time.sleeps.size();
        budget.awaitAllowed(List.of(method));
        return time.sleeps.size() == before ? Duration.ZERO : time.sleeps.get(before);
    }

    @Test
    void exactlyAtTheThresholdDoesNotPauseJustAboveDoesUntilTheAnnouncedReset() throws Exception {
        budget.observe("crm.deal.list", used(200, 45L));
        assertEquals(Duration.ZERO, pauseOf("crm.deal.list"));
        budget.observe("crm.deal.list", used(200.5, 45L));
        assertEquals(Duration.ofSeconds(45), pauseOf("crm.deal.list"));
        assertEquals(Duration.ZERO, pauseOf("crm.deal.list"), "a pause is taken once");
    }

    @Test
    void aResetAlreadyPassedOrMissingGivesNoPauseOrOneBasket() throws Exception {
        budget.observe("a", used(250, -5L));
        assertEquals(Duration.ZERO, pauseOf("a"), "the oldest basket has already left the sum");
        budget.observe("b", used(250, null));
        assertEquals(Duration.ofSeconds(60), pauseOf("b"));
        budget.observe("c", null);
        budget.observe("c", TimeInfo.EMPTY);
        assertEquals(Duration.ZERO, pauseOf("c"));
    }

    @Test
    void aResetFurtherThanTheTenMinuteWindowIsCutToTenMinutes() throws Exception {
        budget.observe("a", used(250, 3600L));
        assertEquals(Duration.ofMinutes(10), pauseOf("a"));
    }

    @Test
    void withoutTheServersFinishTimeTheResetIsReadAgainstTheClientClock() throws Exception {
        budget.observe("a", new TimeInfo(null, null, null, null, null, null, 250.0, NOW + 30));
        assertEquals(Duration.ofSeconds(30), pauseOf("a"));
        budget.observe("b", new TimeInfo((double) NOW - 100, null, null, null, null, null, 250.0, NOW + 30));
        assertEquals(Duration.ofSeconds(130), pauseOf("b"), "the reset is 130 s after the server's start");
    }

    @Test
    void aRefusalWaitsForRetryAfterCappedOrTheKnownResetOrOneBasket() {
        Instant now = FakeTime.START;
        assertEquals(now.plusSeconds(7), budget.blocked("a", Duration.ofSeconds(7)));
        assertEquals(now.plus(Duration.ofMinutes(10)), budget.blocked("b", Duration.ofHours(1)));
        assertEquals(now.plusSeconds(60), budget.blocked("c", Duration.ZERO));
        assertEquals(now.plusSeconds(60), budget.blocked("c", Duration.ofSeconds(-3)));
        budget.observe("d", used(10, 25L));
        assertEquals(now.plusSeconds(25), budget.blocked("d", null));
        budget.observe("e", used(10, -25L));
        assertEquals(now.plusSeconds(60), budget.blocked("e", null), "a reset in the past is no reset");
    }

    @Test
    void aRefusalBelowTheThresholdTeachesALowerLimitAndHowManyCallsStillFit() throws Exception {
        assertEquals(50, budget.affordable("a", 50), "nothing learned yet");
        budget.observe("a", used(40, 30L));
        budget.observe("a", used(50, 30L));
        assertEquals(Duration.ZERO, pauseOf("a"));
        budget.blocked("a", null);
        time.advance(Duration.ofSeconds(30));
        // limit 50 * 0.8 = 40 < 50 used: nothing fits but one call; the next report above 40 pauses
        assertEquals(1, budget.affordable("a", 50));
        budget.observe("a", used(30, 20L));
        // room 40 - 30 = 10 at a smoothed cost of about 10 s a call (40 - 0, then 50 - 40)
        assertEquals(1, budget.affordable("a", 50));
        budget.observe("a", used(41, 20L));
        assertEquals(Duration.ofSeconds(20), pauseOf("a"));
    }

    @Test
    void asManyCallsFitAsTheRoomBelowTheLearnedLimitDividedByTheirCost() {
        for (int used = 1; used <= 100; used++) {
            budget.observe("a", used(used, 30L)); // one second a call
        }
        budget.blocked("a", null); // refused at 100: from now on the limit is 80
        budget.observe("a", used(50, 30L)); // a basket left the sum; a drop is no call's cost
        assertEquals(30, budget.affordable("a", 50));
        assertEquals(20, budget.affordable("a", 20));
        budget.observe("a", used(79.5, 30L));
        assertEquals(1, budget.affordable("a", 50), "at least one call is always tried");
    }
}
