package io.salescope.ingest.read;

import io.salescope.ingest.transform.Dedupe;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.AccumulatorV2;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * What the rows of a parsed read held, split by split ({@link Dedupe.PartitionOutcome}): lets
 * the pass that types and writes a file also count its quarantined rows and find its duplicate
 * keys, instead of a pass of their own before it. Keyed by split, so a task that runs again
 * replaces its split's entry rather than counting it twice.
 */
public final class OutcomeAccumulator
        extends AccumulatorV2<OutcomeAccumulator.Split, Map<Integer, Dedupe.PartitionOutcome>> {

    /** One split's outcome. */
    public record Split(int index, Dedupe.PartitionOutcome outcome) implements Serializable {
    }

    private final Map<Integer, Dedupe.PartitionOutcome> splits = new HashMap<>();

    @Override
    public synchronized boolean isZero() {
        return splits.isEmpty();
    }

    @Override
    public synchronized OutcomeAccumulator copy() {
        OutcomeAccumulator copy = new OutcomeAccumulator();
        copy.splits.putAll(splits);
        return copy;
    }

    @Override
    public synchronized void reset() {
        splits.clear();
    }

    @Override
    public synchronized void add(Split split) {
        splits.put(split.index(), split.outcome());
    }

    @Override
    public void merge(AccumulatorV2<Split, Map<Integer, Dedupe.PartitionOutcome>> other) {
        Map<Integer, Dedupe.PartitionOutcome> theirs = other.value();
        synchronized (this) {
            splits.putAll(theirs);
        }
    }

    @Override
    public synchronized Map<Integer, Dedupe.PartitionOutcome> value() {
        return Map.copyOf(splits);
    }

    /**
     * A 64-bit hash of one typed key value, chained from {@code seed} (a null leaves it as is).
     * Equal values hash alike; duplicate candidates are confirmed exactly before anything is removed.
     */
    public static long hash(Object value, long seed) {
        if (value == null) {
            return seed;
        }
        if (value instanceof UTF8String s) {
            return XXH64.hashUnsafeBytes(s.getBaseObject(), s.getBaseOffset(), s.numBytes(), seed);
        }
        if (value instanceof Integer i) {
            return XXH64.hashInt(i, seed);
        }
        if (value instanceof Long l) {
            return XXH64.hashLong(l, seed);
        }
        if (value instanceof Double d) {
            return XXH64.hashLong(Double.doubleToLongBits(d == 0.0 ? 0.0 : d), seed);
        }
        if (value instanceof Boolean b) {
            return XXH64.hashInt(b ? 1 : 0, seed);
        }
        return XXH64.hashLong(value.hashCode(), seed);
    }
}
