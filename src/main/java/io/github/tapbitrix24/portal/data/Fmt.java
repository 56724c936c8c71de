package io.github.tapbitrix24.portal.data;

import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Value formats of the API and deterministic randomness. Datetimes are whole seconds in the portal's
 * offset, {@code 2024-09-02T18:37:18+02:00} (never {@code Z}; D:api-reference/data-types.md).
 */
final class Fmt {
    final ZoneOffset offset;
    final long seed;

    Fmt(ZoneOffset offset, long seed) {
        this.offset = offset;
        this.seed = seed;
    }

    /**
     * {@code yyyy-MM-dd'T'HH:mm:ss+hh:mm} built by hand: rows are generated on every request, and a
     * DateTimeFormatter per value costs more than the rest of the row.
     */
    String dateTime(long epochSecond) {
        long local = epochSecond + offset.getTotalSeconds();
        long day = Math.floorDiv(local, 86_400L);
        int sod = (int) Math.floorMod(local, 86_400L);
        return format(day, sod);
    }

    /**
     * A date field holding the UTC day of {@code epochSecond}: a portal stores a bare day and
     * renders it as UTC midnight of that day in its own offset, so 2024-08-30 is
     * {@code 2024-08-30T02:00:00+02:00} on a UTC+2 portal (BEGINDATE in D:api-reference/crm/deals/crm-deal-get.md;
     * {@code 2024-04-19T03:00:00+03:00} in F:tests/real_responses/crm_item_list.py) and
     * {@code 2024-08-29T19:00:00-05:00} on a UTC−5 one. The stored day does not depend on the offset.
     */
    String date(long epochSecond) {
        return dateTime(Math.floorDiv(epochSecond, 86_400L) * 86_400L);
    }

    private String format(long epochDay, int secondOfDay) {
        // civil-from-days (H. Hinnant), valid for the proleptic Gregorian calendar
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        char[] c = new char[25];
        int year = (int) y;
        c[0] = (char) ('0' + year / 1000 % 10);
        c[1] = (char) ('0' + year / 100 % 10);
        c[2] = (char) ('0' + year / 10 % 10);
        c[3] = (char) ('0' + year % 10);
        c[4] = '-';
        two(c, 5, m);
        c[7] = '-';
        two(c, 8, d);
        c[10] = 'T';
        two(c, 11, secondOfDay / 3600);
        c[13] = ':';
        two(c, 14, secondOfDay / 60 % 60);
        c[16] = ':';
        two(c, 17, secondOfDay % 60);
        int off = offset.getTotalSeconds();
        c[19] = off < 0 ? '-' : '+';
        off = Math.abs(off);
        two(c, 20, off / 3600);
        c[22] = ':';
        two(c, 23, off / 60 % 60);
        return new String(c);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    /** An amount with two decimals, {@code "11500.00"}. */
    static String money(double amount) {
        long cents = Math.round(amount * 100);
        String sign = cents < 0 ? "-" : "";
        cents = Math.abs(cents);
        long frac = cents % 100;
        return sign + (cents / 100) + (frac < 10 ? ".0" : ".") + frac;
    }

    /** The random stream of one row: same (seed, salt, id), same values, in any order of access. */
    SplittableRandom rnd(long salt, long id) {
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L + id));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A quick uniform int in [0, bound) from (seed, salt, id) without building a generator. */
    int hash(long salt, long id, int bound) {
        long h = mix(seed * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L + id * 0xD1B54A32D192ED03L);
        return (int) Math.floorMod(h, (long) bound);
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static final String[] FIRST = {"Anna", "Boris", "Clara", "Daniel", "Elena", "Felix", "Greta", "Hugo", "Irina",
        "Jonas", "Kira", "Leon", "Maria", "Nikolai", "Olga", "Pavel", "Quinn", "Rosa", "Sergei", "Tanja", "Ulf",
        "Vera", "Walter", "Xenia", "Yuri", "Zoe"};
    static final String[] LAST = {"Ivanova", "Schmidt", "Novak", "Petrov", "Meyer", "Kowalski", "Smirnov",
        "Fischer", "Horvat", "Weber", "Sokolova", "Wagner", "Becker", "Popov", "Hoffmann", "Lebedev", "Koch",
        "Morozova", "Richter", "Volkov"};
    static final String[] WORDS = {"Alpha", "Nord", "Vector", "Atlas", "Orbit", "Granit", "Delta", "Polar",
        "Solid", "Prime", "Vertex", "Lumen", "Kraft", "Terra", "Nova", "Quant"};
    static final String[] CITIES = {"Berlin", "Moscow", "Almaty", "Warsaw", "Riga", "Vienna", "Prague", "Minsk"};
    static final String[] CURRENCIES = {"USD", "EUR", "RUB", "KZT"};
}
