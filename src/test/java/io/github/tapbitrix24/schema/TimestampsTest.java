package io.github.tapbitrix24.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written parser of {@link Timestamps} at its edges: offsets with minutes and across
 * midnight, every year digit written back, and text that has the common spelling's shape but a
 * wrong character in one place, which must read as no datetime at all (a wrong instant would be
 * written silently).
 */
class TimestampsTest {
    private static final ZoneOffset PORTAL = ZoneOffset.ofHours(3);

    @Test
    void offsetsWithMinutesAndAcrossMidnightGiveTheSameInstant() {
        assertEquals("2024-09-02T13:07:18Z", Timestamps.toUtc("2024-09-02T18:37:18+05:30", PORTAL));
        assertEquals("2024-09-03T02:45:00Z", Timestamps.toUtc("2024-09-02T23:00:00-03:45", PORTAL));
        assertEquals("2024-09-02T18:37:18Z", Timestamps.toUtc("2024-09-02T18:37:18+00:00", PORTAL));
        assertEquals("2024-09-02T18:37:18Z", Timestamps.toUtc("2024-09-02 18:37:18+00:00", PORTAL));
        assertEquals("2024-09-02T18:37:18Z", Timestamps.toUtc("2024-09-02T18:37:18Z", PORTAL));
        assertEquals("2024-09-02T15:37:18Z", Timestamps.toUtc("2024-09-02 18:37:18", PORTAL), "portal time");
        assertEquals("2024-08-24T10:19:39Z", Timestamps.toUtc("24.08.2024 13:19:39", PORTAL), "portal time");
    }

    @Test
    void everyDigitOfTheYearIsWrittenBack() {
        assertEquals("1999-12-31T21:59:59Z", Timestamps.toUtc("1999-12-31T23:59:59+02:00", PORTAL));
        assertEquals("2187-06-15T12:00:00Z", Timestamps.toUtc("2187-06-15T12:00:00+00:00", PORTAL));
        assertEquals("0999-01-01T00:00:00Z", Timestamps.toUtc("0999-01-01T00:00:00+00:00", PORTAL));
        assertEquals("+10000-01-01T00:30:00Z", Timestamps.toUtc("9999-12-31T23:30:00-01:00", PORTAL));
    }

    @Test
    void theCommonShapeWithOneWrongCharacterIsNoDatetime() {
        for (String s : List.of(
                "2024_09-02T18:37:18+02:00", "2024-09_02T18:37:18+02:00", "2024-09-02X18:37:18+02:00",
                "2024-09-02T18-37:18+02:00", "2024-09-02T18:37-18+02:00",
                "202a-09-02T18:37:18+02:00", "2024-09-02T18:0a:18+02:00", "2024-09-02T18:37:0a+02:00",
                "2024-09-02T18:37:1:+02:00", "2024-09-02T18:37:2/+02:00",
                "2024-09-02T18:37:18+0a:00", "2024-09-02T18:37:18+00:0a", "2024-09-02T18:37:18+02-00",
                "2024-09-02T18:37:18x02:00", "2024-09-02T18:0a:18Z")) {
            assertNull(Timestamps.toUtc(s, PORTAL), s);
        }
    }

    @Test
    void datesAreCheckedForTheirMonthAndDay() {
        assertEquals("2024-02-29", Timestamps.toDate("2024-02-29"));
        assertEquals("2024-12-31", Timestamps.toDate("2024-12-31T00:00:00+03:00"));
        assertEquals("2024-01-01", Timestamps.toDate("2024-01-01 00:00:00"));
        assertEquals("2024-08-30", Timestamps.toDate(" 30.08.2024 "));
        assertEquals("2024-08-30", Timestamps.toDate("30.08.2024 10:00:00"));
        for (String s : List.of("2023-02-29", "2024-02-30", "2024-00-10", "2024-13-01", "2024-04-31", "2024-01-00",
                "2024-08-30X", "2024/08/30", "202a-08-30", "2024-0a-30", "2024-08-3a", "30.13.2024", "", "1.1.2024")) {
            assertNull(Timestamps.toDate(s), s);
        }
    }
}
