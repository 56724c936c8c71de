package io.github.tapbitrix24.schema;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Parses the date and datetime spellings Bitrix sends and writes them as RFC 3339 UTC / ISO dates.
 * The common spelling, {@code 2024-09-02T18:37:18+02:00} (D:api-reference/data-types.md), is
 * parsed by hand: this runs for every datetime of every record. Rarer spellings fall back to
 * {@code java.time} formatters: {@code ...Z}, fractional seconds, {@code +0200}, offset-less
 * {@code 2024-08-29 10:30:11} and {@code 24.08.2023 13:19:39} (user.get's TIMESTAMP_X,
 * D:settings/how-to-call-rest-api/batch.md), which are in portal time, and the US display format
 * {@code 12/05/2024 01:48:41 pm} / {@code 12/24/2024} that a portal with US regional settings uses in
 * some answers (D:api-reference/calendar/calendar-event/calendar-event-get-by-id.md).
 */
final class Timestamps {
    private static final DateTimeFormatter OFFSET_FALLBACK = localDateTime().appendOffset("+HH:MM:ss", "Z").toFormatter();
    private static final DateTimeFormatter OFFSET_NO_COLON = localDateTime().appendOffset("+HHMM", "Z").toFormatter();
    private static final DateTimeFormatter LOCAL = localDateTime().toFormatter();
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.uuuu[ HH:mm[:ss]]");
    private static final DateTimeFormatter US_DISPLAY = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("MM/dd/uuuu hh:mm[:ss] a").toFormatter(java.util.Locale.US);
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu");

    private Timestamps() {
    }

    // yyyy-MM-dd, 'T' or ' ', HH:mm[:ss[.fraction]]
    private static DateTimeFormatterBuilder localDateTime() {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .optionalStart().appendLiteral('T').optionalEnd()
                .optionalStart().appendLiteral(' ').optionalEnd()
                .append(DateTimeFormatter.ISO_LOCAL_TIME);
    }

    /** RFC 3339 in UTC ({@code 2024-09-02T16:37:18Z}), or null when {@code s} is no datetime. */
    static String toUtc(String s, ZoneOffset portalOffset) {
        int n = s.length();
        if (n == 25 && isIsoLocal(s) && (s.charAt(19) == '+' || s.charAt(19) == '-') && s.charAt(22) == ':'
                && digits(s, 20, 22) && digits(s, 23, 25)) {
            int offsetSeconds = (num(s, 20, 22) * 3600 + num(s, 23, 25) * 60) * (s.charAt(19) == '-' ? -1 : 1);
            long epoch = epochSecond(s) - offsetSeconds;
            return epoch == Long.MIN_VALUE ? null : formatUtc(epoch);
        }
        if (n == 20 && isIsoLocal(s) && s.charAt(19) == 'Z') {
            long epoch = epochSecond(s);
            return epoch == Long.MIN_VALUE ? null : formatUtc(epoch);
        }
        return slowUtc(s.trim(), portalOffset);
    }

    /**
     * {@code yyyy-MM-dd}, or null. The day a {@code date} field holds: a portal stores a bare day
     * and renders it as <em>UTC midnight of that day</em> in its own offset, so
     * {@code 2024-08-30T02:00:00+02:00} and {@code 2024-08-29T19:00:00-05:00} both hold 2024-08-30
     * (D:api-reference/crm/deals/crm-deal-get.md, BEGINDATE; F:tests/real_responses/crm_item_list.py).
     * A datetime with an offset that is exactly UTC midnight therefore gives its UTC day; any other
     * datetime (older portals wrote the local midnight, {@code 2024-08-30T00:00:00+02:00}) gives
     * the calendar day it is written in.
     */
    static String toDate(String s) {
        String t = s.trim();
        if (t.length() >= 10 && t.charAt(4) == '-' && t.charAt(7) == '-' && digits(t, 0, 4) && digits(t, 5, 7)
                && digits(t, 8, 10) && (t.length() == 10 || t.charAt(10) == 'T' || t.charAt(10) == ' ')) {
            String d = t.substring(0, 10);
            if (!validDate(d)) {
                return null;
            }
            String utc = t.length() > 10 ? toUtc(t, ZoneOffset.UTC) : null;
            return utc != null && utc.endsWith("T00:00:00Z") && hasOffset(t) ? utc.substring(0, 10) : d;
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {DOTTED, US_DISPLAY}) {
            try {
                return LocalDateTime.parse(t, f).toLocalDate().toString();
            } catch (DateTimeParseException e) {
                // next spelling
            }
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.ofPattern("dd.MM.uuuu"), US_DATE}) {
            try {
                return LocalDate.parse(t, f).toString();
            } catch (DateTimeParseException e) {
                // next spelling
            }
        }
        return null;
    }

    // an explicit offset after the time: Z, +hh:mm, -hhmm
    private static boolean hasOffset(String t) {
        int n = t.length();
        if (t.charAt(n - 1) == 'Z' || t.charAt(n - 1) == 'z') {
            return true;
        }
        for (int i = 11; i < n; i++) {
            if (t.charAt(i) == '+' || t.charAt(i) == '-') {
                return true;
            }
        }
        return false;
    }

    private static boolean validDate(String d) {
        int month = num(d, 5, 7);
        int day = num(d, 8, 10);
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= LocalDate.of(num(d, 0, 4), month, 1).lengthOfMonth();
    }

    private static String slowUtc(String s, ZoneOffset portalOffset) {
        for (DateTimeFormatter f : new DateTimeFormatter[] {OFFSET_FALLBACK, OFFSET_NO_COLON}) {
            try {
                return format(OffsetDateTime.parse(s, f).toInstant());
            } catch (DateTimeParseException e) {
                // next spelling
            }
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {LOCAL, DOTTED, US_DISPLAY}) {
            try {
                return format(LocalDateTime.parse(s, f).toInstant(portalOffset));
            } catch (DateTimeParseException e) {
                // next spelling
            }
        }
        try {
            // a bare date for a datetime field: midnight portal time
            LocalDate d = s.indexOf('.') > 0 ? LocalDate.parse(s, DateTimeFormatter.ofPattern("dd.MM.uuuu"))
                    : s.indexOf('/') > 0 ? LocalDate.parse(s, US_DATE) : LocalDate.parse(s);
            return format(d.atStartOfDay().toInstant(portalOffset));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String format(Instant i) {
        return i.getNano() == 0 ? formatUtc(i.getEpochSecond()) : i.toString();
    }

    // yyyy-MM-ddTHH:mm:ss (T or space) in the first 19 chars
    private static boolean isIsoLocal(String s) {
        char sep = s.charAt(10);
        return s.charAt(4) == '-' && s.charAt(7) == '-' && (sep == 'T' || sep == ' ') && s.charAt(13) == ':'
                && s.charAt(16) == ':' && digits(s, 0, 4) && digits(s, 5, 7) && digits(s, 8, 10) && digits(s, 11, 13)
                && digits(s, 14, 16) && digits(s, 17, 19);
    }

    /** Epoch second of the first 19 chars read as UTC, or Long.MIN_VALUE when out of range. */
    private static long epochSecond(String s) {
        try {
            return LocalDateTime.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10), num(s, 11, 13), num(s, 14, 16),
                    num(s, 17, 19)).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    static String formatUtc(long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400);
        int secs = (int) Math.floorMod(epochSecond, 86_400);
        LocalDate d = LocalDate.ofEpochDay(days);
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return Instant.ofEpochSecond(epochSecond).toString();
        }
        char[] c = new char[20];
        put4(c, 0, year);
        c[4] = '-';
        put2(c, 5, d.getMonthValue());
        c[7] = '-';
        put2(c, 8, d.getDayOfMonth());
        c[10] = 'T';
        put2(c, 11, secs / 3600);
        c[13] = ':';
        put2(c, 14, secs / 60 % 60);
        c[16] = ':';
        put2(c, 17, secs % 60);
        c[19] = 'Z';
        return new String(c);
    }

    private static void put4(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 1000);
        c[at + 1] = (char) ('0' + v / 100 % 10);
        c[at + 2] = (char) ('0' + v / 10 % 10);
        c[at + 3] = (char) ('0' + v % 10);
    }

    private static void put2(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
