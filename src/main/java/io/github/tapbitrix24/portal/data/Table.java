package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One dataset in compact columns. Row {@code idx} has ID {@code idx + 1} (new rows get the next ID,
 * so IDs stay ascending with the index). Only what filters touch on every row is stored:
 * creation and modification time as epoch seconds and, for child tables, the owner ID. Everything
 * else is derived on the fly from (seed, ID) by the {@link Rows} generator, so a million deals cost
 * a few megabytes. Mutations live in the columns (touch), a deleted-rows bit set, an
 * uncommitted-rows bit set (rows whose ID is taken but whose transaction has not committed) and a
 * patch overlay.
 */
public final class Table {
    /** Builds the full row of {@code idx} in the dataset's list format. */
    public interface Rows {
        /** @param wanted codes the caller will keep, or null for all: generators may skip the others */
        public ObjectNode row(Table t, int idx, java.util.Set<String> wanted);
    }

    /**
     * Puts the full row of {@code idx} into any {@link Row}: tables that have one can write their
     * list pages straight to the response ({@code methods.StreamedRows}).
     */
    interface Filler {
        /** @param wanted codes the caller will keep, or null for all: generators may skip the others */
        public void fill(Table t, int idx, java.util.Set<String> wanted, Row out);
    }

    /** The tree form of a filler. */
    static Rows tree(Filler filler) {
        return (t, idx, wanted) -> {
            Row.Tree r = new Row.Tree();
            filler.fill(t, idx, wanted, r);
            return r.node;
        };
    }

    public final String name;
    public final EntitySchema schema;
    public final String idCode;
    public final String createdCode;
    public final String modifiedCode;
    public final String ownerCode;
    private final Rows rows;
    private final Filler filler;
    private final int baseSize;
    private int size;
    private int[] created;
    private int[] modified;
    private int[] owner;
    private final BitSet deleted = new BitSet();
    private final BitSet uncommitted = new BitSet();
    private final Map<Integer, ObjectNode> patches = new HashMap<>();

    /**
     * @param created epoch seconds per base row (its length is the base size)
     * @param owner   owner ID per base row, non-decreasing (child tables), or null
     */
    public Table(String name, EntitySchema schema, String idCode, String createdCode, String modifiedCode, String ownerCode,
          int[] created, int[] modified, int[] owner, Rows rows) {
        this(name, schema, idCode, createdCode, modifiedCode, ownerCode, created, modified, owner, rows, null);
    }

    /** A table whose rows can also be filled into a {@link Row} (and so streamed); {@code rows} is derived. */
    public Table(String name, EntitySchema schema, String idCode, String createdCode, String modifiedCode, String ownerCode,
          int[] created, int[] modified, int[] owner, Filler filler) {
        this(name, schema, idCode, createdCode, modifiedCode, ownerCode, created, modified, owner, tree(filler), filler);
    }

    private Table(String name, EntitySchema schema, String idCode, String createdCode, String modifiedCode, String ownerCode,
                  int[] created, int[] modified, int[] owner, Rows rows, Filler filler) {
        this.name = name;
        this.filler = filler;
        this.schema = schema;
        this.idCode = idCode;
        this.createdCode = createdCode;
        this.modifiedCode = modifiedCode;
        this.ownerCode = ownerCode;
        this.rows = rows;
        this.baseSize = created.length;
        this.size = created.length;
        this.created = created;
        this.modified = modified == null ? created : modified;
        this.owner = owner;
    }

    public int size() {
        return size;
    }

    public static long id(int idx) {
        return idx + 1L;
    }

    /** Row index of an ID, or -1 when there is no such row (deleted rows still have an index). */
    public int index(long id) {
        return id >= 1 && id <= size ? (int) (id - 1) : -1;
    }

    public boolean live(int idx) {
        return idx >= 0 && idx < size && !deleted.get(idx) && !uncommitted.get(idx);
    }

    public int created(int idx) {
        return created[idx];
    }

    public int modified(int idx) {
        return modified[idx];
    }

    int owner(int idx) {
        return owner == null ? 0 : owner[idx];
    }

    /** The full row with patches applied; a fresh node the caller may change. */
    public ObjectNode row(int idx) {
        return row(idx, null);
    }

    /** The row with at least the {@code wanted} fields (null = all), patches applied. */
    public ObjectNode row(int idx, java.util.Set<String> wanted) {
        ObjectNode r = rows.row(this, idx, wanted);
        ObjectNode p = patches.get(idx);
        if (p != null) {
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                r.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return r;
    }

    /** Whether {@link #fill} works: the table has a {@link Filler}. */
    public boolean streamable() {
        return filler != null;
    }

    /** Like {@link #row(int, java.util.Set)}, into {@code out}: the same values, patches applied. */
    public void fill(int idx, java.util.Set<String> wanted, Row out) {
        filler.fill(this, idx, wanted, out);
        ObjectNode p = patches.get(idx);
        if (p != null) {
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /**
     * The value of a stored column as a long (ID, created, modified, owner), or
     * {@link Long#MIN_VALUE} when {@code code} is not one: filters on these never build rows.
     */
    public long fast(int idx, String code) {
        if (code.equals(idCode)) {
            return id(idx);
        }
        if (code.equals(modifiedCode) && !patched(idx, code)) {
            return modified[idx];
        }
        if (code.equals(createdCode) && !patched(idx, code)) {
            return created[idx];
        }
        if (owner != null && code.equals(ownerCode) && !patched(idx, code)) {
            return owner[idx];
        }
        return Long.MIN_VALUE;
    }

    boolean isFast(String code) {
        return code.equals(idCode) || code.equals(modifiedCode) || code.equals(createdCode)
                || (owner != null && code.equals(ownerCode));
    }

    private boolean patched(int idx, String code) {
        ObjectNode p = patches.get(idx);
        return p != null && p.has(code);
    }

    // ---- owner index (child tables) ------------------------------------------------------

    /** Row indexes of an owner's children in ID order. */
    /**
     * The first row that may belong to {@code ownerId} or a higher owner: the rows before it all
     * belong to lower ones (base rows are stored in owner order; rows added later come after them).
     * 0 once any row was patched, since a patch may have moved a row to another owner.
     */
    public int firstRowOfOwnersFrom(long ownerId) {
        return owner == null || !patches.isEmpty() ? 0 : lowerBound(ownerId);
    }

    public int[] childrenOf(long ownerId) {
        if (owner == null) {
            return new int[0];
        }
        int lo = lowerBound(ownerId);
        int hi = lowerBound(ownerId + 1);
        int extra = 0;
        for (int i = baseSize; i < size; i++) {
            if (owner[i] == ownerId) {
                extra++;
            }
        }
        int[] out = new int[hi - lo + extra];
        int k = 0;
        for (int i = lo; i < hi; i++) {
            out[k++] = i;
        }
        for (int i = baseSize; i < size; i++) {
            if (owner[i] == ownerId) {
                out[k++] = i;
            }
        }
        return out;
    }

    private int lowerBound(long ownerId) {
        int lo = 0;
        int hi = baseSize;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (owner[mid] < ownerId) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---- mutations (callers hold the portal lock) ----------------------------------------

    /** Appends a row created (and modified) at {@code epochSecond}; returns its index. */
    int append(int epochSecond, int ownerId) {
        if (size == created.length) {
            int cap = Math.max(16, size + (size >> 1));
            boolean shared = modified == created;
            created = Arrays.copyOf(created, cap);
            modified = shared ? Arrays.copyOf(modified, cap) : Arrays.copyOf(modified, cap);
            if (owner != null) {
                owner = Arrays.copyOf(owner, cap);
            }
        } else if (modified == created) {
            modified = Arrays.copyOf(created, created.length);
        }
        created[size] = epochSecond;
        modified[size] = epochSecond;
        if (owner != null) {
            owner[size] = ownerId;
        }
        return size++;
    }

    void touch(int idx, int epochSecond) {
        if (modified == created) {
            modified = Arrays.copyOf(created, created.length);
        }
        modified[idx] = Math.max(modified[idx], epochSecond);
    }

    public void delete(int idx) {
        deleted.set(idx);
    }

    /** Hides a row as if its transaction had not committed yet: its ID is taken, no list shows it. */
    void holdUncommitted(int idx) {
        uncommitted.set(idx);
    }

    /** Shows a row held by {@link #holdUncommitted}. */
    void commit(int idx) {
        uncommitted.clear(idx);
    }

    void patch(int idx, String code, JsonNode value) {
        patches.computeIfAbsent(idx, k -> Json.object()).set(code, value);
    }

    int liveCount() {
        BitSet hidden = (BitSet) deleted.clone();
        hidden.or(uncommitted);
        return size - hidden.cardinality();
    }
}
