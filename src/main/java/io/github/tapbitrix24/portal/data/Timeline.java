package io.github.tapbitrix24.portal.data;

import java.util.SplittableRandom;

/**
 * Creation and modification times of generated rows, as epoch-second columns. IDs grow with
 * creation time over about two years before the portal's "now"; imports create blocks of
 * consecutive rows in one second, and mass updates give many rows the same DATE_MODIFY second
 * (the reason a bookmark must use {@code >=} and deduplicate; bitrix24-api.md §7.1).
 */
final class Timeline {
    static final int SPAN = 730 * 86_400;
    private static final int BLOCK = 100;

    final int end;     // the portal's "now" at generation (exclusive upper bound of history)
    final int start;
    final int[] massUpdates;

    Timeline(long nowEpochSecond, long seed) {
        this.end = (int) nowEpochSecond;
        this.start = end - SPAN;
        SplittableRandom r = new SplittableRandom(Fmt.mix(seed ^ 0x7A11L));
        massUpdates = new int[6];
        for (int i = 0; i < massUpdates.length; i++) {
            massUpdates[i] = end - 3600 - r.nextInt(SPAN / 2);
        }
    }

    /** Creation times of {@code n} rows, non-decreasing with the ID. */
    int[] created(int n, Fmt fmt, long salt) {
        int[] c = new int[n];
        if (n == 0) {
            return c;
        }
        double step = (double) (SPAN - 7200) / n;
        for (int i = 0; i < n; i++) {
            int block = i / BLOCK;
            boolean imported = fmt.hash(salt, block, 12) == 0;
            int base = start + (int) ((imported ? block * BLOCK : i) * step);
            int jitter = imported ? 0 : (int) (fmt.hash(salt + 1, i, 1000) * step / 1000);
            c[i] = Math.max(i > 0 ? c[i - 1] : start, base + jitter);
        }
        return c;
    }

    /** Modification times: untouched, edited some time later, or swept by a mass update. */
    int[] modified(int[] created, Fmt fmt, long salt) {
        int[] m = new int[created.length];
        for (int i = 0; i < created.length; i++) {
            int c = created[i];
            int roll = fmt.hash(salt, i, 100);
            int v;
            if (roll < 30) {
                v = c;
            } else if (roll < 42) {
                int mass = massUpdates[fmt.hash(salt + 1, i, massUpdates.length)];
                v = Math.max(c, mass);
            } else {
                double u = (fmt.hash(salt + 2, i, 1_000_000) + 1) / 1_000_001.0;
                long delay = (long) (-Math.log(u) * 30 * 86_400);
                // A delay past now wraps into [created, now) instead of piling every such row onto the
                // last second: real portals have no such heap of rows sharing the newest DATE_MODIFY.
                v = (int) (c + delay < end ? c + delay : c + delay % Math.max(1, end - c));
            }
            m[i] = Math.max(c, Math.min(v, end - 1));
        }
        return m;
    }

    /** A child row's creation time: after its owner's, before now. */
    int after(int ownerCreated, double fraction) {
        int from = Math.min(ownerCreated, end - 1);
        return from + (int) ((end - 1 - from) * Math.max(0, Math.min(1, fraction)));
    }
}
