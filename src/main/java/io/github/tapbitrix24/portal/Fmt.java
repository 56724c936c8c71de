package io.github.tapbitrix24.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Value formats of the API and deterministic randomness. Datetimes are whole seconds in the portal's
 * offset, {@code 2024-09-02T18:37:18+02:00} (never {@code Z}; D:api-reference/data-types.md).
 */
final class Fmt {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    final ZoneOffset offset;
    final long seed;

    Fmt(ZoneOffset offset, long seed) {
        this.offset = offset;
        this.seed = seed;
    }

    String dateTime(long epochSecond) {
        return ISO.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), offset));
    }

    /** A date field: local midnight as a datetime, as the list methods return it (D:api-reference/crm/deals/crm-deal-get.md). */
    String date(long epochSecond) {
        LocalDate d = OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), offset).toLocalDate();
        return ISO.format(d.atStartOfDay().atOffset(offset));
    }

    static String money(double amount) {
        return String.format(java.util.Locale.ROOT, "%.2f", amount);
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
