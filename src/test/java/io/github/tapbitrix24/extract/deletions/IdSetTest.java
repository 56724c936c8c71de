package io.github.tapbitrix24.extract.deletions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The compact ID set kept in STATE: round trips, set operations, and its size (BENCHMARKS.md). */
class IdSetTest {

    /** IDs 1..n with each missing with probability {@code holes} (deterministic). */
    static IdSet withHoles(int n, double holes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        IdSet.Builder b = new IdSet.Builder();
        for (long id = 1; id <= n; id++) {
            if (random.nextDouble() >= holes) {
                b.add(id);
            }
        }
        return b.build();
    }

    @Test
    void encodeDecodeGivesTheSameSet() {
        for (IdSet s : new IdSet[] {IdSet.empty(), IdSet.of(1), IdSet.of(5, 3, 4, 100, 7_000_000_000L),
                withHoles(10_000, 0.3, 1)}) {
            assertEquals(Optional.of(s), IdSet.decode(s.encode()), s.toString());
        }
    }

    @Test
    void minusAndUnionAreSetOperations() {
        IdSet a = IdSet.of(1, 2, 3, 10, 11, 20);
        IdSet b = IdSet.of(2, 10, 11, 12);
        assertEquals(IdSet.of(1, 3, 20), a.minus(b));
        assertEquals(IdSet.of(1, 2, 3, 10, 11, 12, 20), a.union(b));
        assertEquals(6, a.size());
        assertTrue(a.contains(11));
        assertFalse(a.contains(12));
        assertFalse(a.contains(0));
    }

    @Test
    void textThatIsNotAnEncodedSetIsRejectedNotMisread() {
        assertEquals(Optional.empty(), IdSet.decode("not base64 !"));
        assertEquals(Optional.empty(), IdSet.decode("AAAA"));
        assertEquals(Optional.empty(), IdSet.decode(""));
    }

    @Test
    void idsMustComeInAscendingOrder() {
        IdSet.Builder b = new IdSet.Builder().add(5).add(5);
        assertThrows(IllegalArgumentException.class, () -> b.add(4));
        assertThrows(IllegalArgumentException.class, () -> b.add(0));
        assertEquals(1, b.build().size());
    }

    /**
     * The STATE sizes BENCHMARKS.md states (base64 characters), each within 10 % above: a change of
     * the encoding that makes STATE bigger fails here.
     */
    @Test
    void stateSizeStaysWhatBenchmarksSays() {
        int[] sizes = {10_000, 100_000, 1_000_000};
        double[] holes = {0.01, 0.30};
        long[][] stated = {{STATED[0], STATED[1]}, {STATED[2], STATED[3]}, {STATED[4], STATED[5]}};
        for (int i = 0; i < sizes.length; i++) {
            for (int j = 0; j < holes.length; j++) {
                IdSet s = withHoles(sizes[i], holes[j], 42);
                int chars = s.encode().length();
                assertTrue(chars <= stated[i][j] * 1.1, sizes[i] + " IDs, " + holes[j] + " holes: " + chars
                        + " characters, BENCHMARKS.md says " + stated[i][j]);
                assertEquals(Optional.of(s), IdSet.decode(s.encode()));
            }
        }
    }

    /** 10k/100k/1M IDs with 1 % and 30 % holes: base64 characters, as in BENCHMARKS.md. */
    private static final long[] STATED = {244, 2_060, 2_016, 19_628, 19_008, 188_928};

    /** Prints the table of BENCHMARKS.md ("Deletion detection: STATE size"). */
    public static void main(String[] args) {
        for (int n : new int[] {10_000, 100_000, 1_000_000}) {
            for (double h : new double[] {0.01, 0.30}) {
                IdSet s = withHoles(n, h, 42);
                long t0 = System.nanoTime();
                String e = s.encode();
                long t1 = System.nanoTime();
                IdSet.decode(e);
                long t2 = System.nanoTime();
                System.out.printf("%d IDs, %.0f%% holes: %d IDs kept, %d ranges, %d base64 chars, encode %.1f ms, decode %.1f ms%n",
                        n, h * 100, s.size(), s.ranges(), e.length(), (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            }
        }
    }
}
