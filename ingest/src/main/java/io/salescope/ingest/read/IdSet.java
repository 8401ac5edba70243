package io.salescope.ingest.read;

import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * An immutable set of ids (text, compared byte for byte as Spark compares strings) packed into
 * a few arrays: the bytes of every id end to end, and an open-addressing table of id numbers
 * with a 32-bit tag of each id's hash, so a lookup rarely compares bytes that differ. Cheap to
 * broadcast (primitive arrays) and to probe from a split reader, with no rows built.
 */
public final class IdSet implements Serializable {

    private static final long SEED = 42;

    private final byte[] bytes;
    private final int[] offsets;
    /** Id number + 1 per slot; 0 marks an empty slot. */
    private final int[] slots;
    private final int[] tags;
    private final int mask;
    private final int size;

    private IdSet(byte[] bytes, int[] offsets, int[] slots, int[] tags, int size) {
        this.bytes = bytes;
        this.offsets = offsets;
        this.slots = slots;
        this.tags = tags;
        this.mask = slots.length - 1;
        this.size = size;
    }

    /** The distinct non-null ids of {@code ids}. */
    public static IdSet of(Collection<String> ids) {
        int capacity = Integer.highestOneBit(Math.max(4, ids.size()) * 2 - 1) << 1;
        int[] slots = new int[capacity];
        int[] tags = new int[capacity];
        int[] offsets = new int[ids.size() + 1];
        byte[][] encoded = new byte[ids.size()][];
        int n = 0;
        long total = 0;
        for (String id : ids) {
            if (id != null) {
                encoded[n++] = id.getBytes(StandardCharsets.UTF_8);
                total += encoded[n - 1].length;
            }
        }
        byte[] bytes = new byte[Math.toIntExact(total)];
        IdSet set = new IdSet(bytes, offsets, slots, tags, 0);
        int stored = 0;
        int at = 0;
        for (int i = 0; i < n; i++) {
            byte[] id = encoded[i];
            long hash = XXH64.hashUnsafeBytes(id, Platform.BYTE_ARRAY_OFFSET, id.length, SEED);
            if (set.find(id, Platform.BYTE_ARRAY_OFFSET, id.length, hash) >= 0) {
                continue;
            }
            System.arraycopy(id, 0, bytes, at, id.length);
            offsets[stored] = at;
            at += id.length;
            offsets[stored + 1] = at;
            int pos = (int) hash & set.mask;
            while (slots[pos] != 0) {
                pos = (pos + 1) & set.mask;
            }
            slots[pos] = stored + 1;
            tags[pos] = (int) (hash >>> 32);
            stored++;
        }
        return new IdSet(Arrays.copyOf(bytes, at), Arrays.copyOf(offsets, stored + 1), slots, tags, stored);
    }

    public int size() {
        return size;
    }

    public boolean contains(UTF8String id) {
        return find(id.getBaseObject(), id.getBaseOffset(), id.numBytes(),
                XXH64.hashUnsafeBytes(id.getBaseObject(), id.getBaseOffset(), id.numBytes(), SEED)) >= 0;
    }

    public boolean contains(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return find(b, Platform.BYTE_ARRAY_OFFSET, b.length,
                XXH64.hashUnsafeBytes(b, Platform.BYTE_ARRAY_OFFSET, b.length, SEED)) >= 0;
    }

    /** The id's number, or -1. */
    private int find(Object base, long offset, int length, long hash) {
        int tag = (int) (hash >>> 32);
        int pos = (int) hash & mask;
        while (true) {
            int slot = slots[pos];
            if (slot == 0) {
                return -1;
            }
            if (tags[pos] == tag) {
                int start = offsets[slot - 1];
                if (offsets[slot] - start == length && equal(base, offset, start, length)) {
                    return slot - 1;
                }
            }
            pos = (pos + 1) & mask;
        }
    }

    private boolean equal(Object base, long offset, int start, int length) {
        for (int i = 0; i < length; i++) {
            if (Platform.getByte(base, offset + i) != bytes[start + i]) {
                return false;
            }
        }
        return true;
    }
}
