package io.salescope.bench.common;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds; percentiles by nearest rank, reported in milliseconds. */
public final class BenchStats {

    private long[] samples = new long[256];
    private int count;

    public void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public int count() {
        return count;
    }

    /** The p-th percentile (nearest rank) in milliseconds. */
    public double p(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    public double mean() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += samples[i];
        }
        return count == 0 ? Double.NaN : sum / 1e6 / count;
    }

    /** "p50 | p90 | p99 | max | mean" for a Markdown table. */
    public String row() {
        return String.format(Locale.ROOT, "%.2f | %.2f | %.2f | %.2f | %.2f", p(50), p(90), p(99), p(100), mean());
    }
}
