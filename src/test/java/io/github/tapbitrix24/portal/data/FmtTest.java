package io.github.tapbitrix24.portal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void handBuiltDatetimesMatchTheJdkFormatterInEveryOffset() {
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
        SplittableRandom r = new SplittableRandom(1);
        for (ZoneOffset off : new ZoneOffset[]{ZoneOffset.UTC, ZoneOffset.ofHours(3), ZoneOffset.ofHoursMinutes(-9, -30)}) {
            Fmt fmt = new Fmt(off, 1);
            for (int i = 0; i < 20_000; i++) {
                long t = r.nextLong(0, 4_102_444_800L); // 1970..2100
                OffsetDateTime odt = OffsetDateTime.ofInstant(Instant.ofEpochSecond(t), off);
                assertEquals(iso.format(odt), fmt.dateTime(t));
                // a date: UTC midnight of the stored (UTC) day, written in the portal's offset
                OffsetDateTime utcMidnight = OffsetDateTime.ofInstant(Instant.ofEpochSecond(t), ZoneOffset.UTC)
                        .toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
                assertEquals(iso.format(utcMidnight.withOffsetSameInstant(off)), fmt.date(t));
            }
        }
    }

    @Test
    void moneyHasTwoDecimals() {
        assertEquals("11500.00", Fmt.money(11500));
        assertEquals("899.10", Fmt.money(899.1));
        assertEquals("0.05", Fmt.money(0.05));
        assertEquals("-3.50", Fmt.money(-3.5));
    }
}
