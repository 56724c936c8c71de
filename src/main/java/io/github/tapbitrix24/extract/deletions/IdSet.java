package io.github.tapbitrix24.extract.deletions;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * An immutable set of positive record IDs, kept as sorted closed ranges: auto-increment IDs with a
 * few holes are a few ranges. Its STATE form ({@link #encode()}) is the runs alternately present
 * and absent, from ID 1, as unsigned varints, deflated, base64: a table without holes is a dozen
 * bytes, and each hole costs about two bytes before compression (sizes in BENCHMARKS.md).
 */
public final class IdSet {
    private static final IdSet EMPTY = new IdSet(new long[0], new long[0], 0);
    private static final byte FORMAT = 1;

    private final long[] starts;
    private final long[] ends;
    private final long size;

    private IdSet(long[] starts, long[] ends, long size) {
        this.starts = starts;
        this.ends = ends;
        this.size = size;
    }

    public static IdSet empty() {
        return EMPTY;
    }

    /** The set of the given IDs, in any order. */
    public static IdSet of(long... ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        Builder b = new Builder();
        for (long id : sorted) {
            b.add(id);
        }
        return b.build();
    }

    /** Collects IDs given in ascending order (a keyset scan's order); repeats are ignored. */
    public static final class Builder {
        private long[] starts = new long[16];
        private long[] ends = new long[16];
        private int ranges;
        private long size;

        public Builder add(long id) {
            if (id <= 0) {
                throw new IllegalArgumentException("record IDs are positive, got " + id);
            }
            if (ranges > 0 && id <= ends[ranges - 1]) {
                if (id < starts[ranges - 1]) {
                    throw new IllegalArgumentException("IDs must come in ascending order: " + id + " after "
                            + ends[ranges - 1]);
                }
                return this; // already in
            }
            if (ranges > 0 && id == ends[ranges - 1] + 1) {
                ends[ranges - 1] = id;
            } else {
                if (ranges == starts.length) {
                    starts = Arrays.copyOf(starts, ranges * 2);
                    ends = Arrays.copyOf(ends, ranges * 2);
                }
                starts[ranges] = id;
                ends[ranges] = id;
                ranges++;
            }
            size++;
            return this;
        }

        /** Adds {@code first..last}, all above every ID added so far. */
        Builder addRange(long first, long last) {
            if (first <= last() || last < first) {
                throw new IllegalArgumentException("range " + first + ".." + last + " after " + last());
            }
            add(first);
            ends[ranges - 1] = last;
            size += last - first;
            return this;
        }

        /** The highest ID added so far, or 0. */
        public long last() {
            return ranges == 0 ? 0 : ends[ranges - 1];
        }

        public IdSet build() {
            return ranges == 0 ? EMPTY : new IdSet(Arrays.copyOf(starts, ranges), Arrays.copyOf(ends, ranges), size);
        }
    }

    public long size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Number of ranges (holes + 1); what the encoded size grows with. */
    public int ranges() {
        return starts.length;
    }

    public boolean contains(long id) {
        int i = Arrays.binarySearch(starts, id);
        if (i >= 0) {
            return true;
        }
        int range = -i - 2;
        return range >= 0 && id <= ends[range];
    }

    /** Every ID, ascending. */
    public void forEach(LongConsumer action) {
        for (int r = 0; r < starts.length; r++) {
            for (long id = starts[r]; id <= ends[r]; id++) {
                action.accept(id);
            }
        }
    }

    /** The IDs of this set not in {@code other}, ascending. */
    public IdSet minus(IdSet other) {
        Builder b = new Builder();
        forEach(id -> {
            if (!other.contains(id)) {
                b.add(id);
            }
        });
        return b.build();
    }

    /** The IDs of both sets. */
    public IdSet union(IdSet other) {
        if (other.isEmpty()) {
            return this;
        }
        long[] all = new long[Math.toIntExact(size + other.size)];
        int[] k = {0};
        forEach(id -> all[k[0]++] = id);
        other.forEach(id -> all[k[0]++] = id);
        return of(all);
    }

    /** Every ID as an array, ascending. */
    public long[] toArray() {
        long[] out = new long[Math.toIntExact(size)];
        int[] k = {0};
        forEach(id -> out[k[0]++] = id);
        return out;
    }

    /** The compact STATE form (see the class comment). */
    public String encode() {
        ByteArrayOutputStream runs = new ByteArrayOutputStream();
        runs.write(FORMAT);
        long next = 1; // the first ID the runs have not covered yet
        for (int r = 0; r < starts.length; r++) {
            varint(runs, starts[r] - next);           // absent run
            varint(runs, ends[r] - starts[r] + 1);     // present run
            next = ends[r] + 1;
        }
        byte[] raw = runs.toByteArray();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream packed = new ByteArrayOutputStream(raw.length / 2 + 16);
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            packed.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return Base64.getEncoder().encodeToString(packed.toByteArray());
    }

    /** The set an {@link #encode()} text stands for; empty when the text is not one (then nothing is marked). */
    public static Optional<IdSet> decode(String text) {
        try {
            byte[] packed = Base64.getDecoder().decode(text);
            Inflater inflater = new Inflater(true);
            inflater.setInput(packed);
            ByteArrayOutputStream raw = new ByteArrayOutputStream(packed.length * 4 + 16);
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    inflater.end();
                    return Optional.empty();
                }
                raw.write(buf, 0, n);
            }
            inflater.end();
            byte[] b = raw.toByteArray();
            if (b.length == 0 || b[0] != FORMAT) {
                return Optional.empty();
            }
            Builder out = new Builder();
            int[] pos = {1};
            long next = 1;
            while (pos[0] < b.length) {
                long start = next + readVarint(b, pos);
                long length = readVarint(b, pos);
                if (length <= 0 || start <= 0) {
                    return Optional.empty();
                }
                out.addRange(start, start + length - 1);
                next = start + length;
            }
            return Optional.of(out.build());
        } catch (IllegalArgumentException | DataFormatException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdSet s && Arrays.equals(starts, s.starts) && Arrays.equals(ends, s.ends);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(starts) * 31 + Arrays.hashCode(ends);
    }

    @Override
    public String toString() {
        return "IdSet(" + size + " IDs in " + starts.length + " ranges)";
    }
}
