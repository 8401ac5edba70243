package io.salescope.forecasting.bookings;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The historical slip of close dates: for won deals' snapshots, how many days the actual close
 * landed after (or before) the expected close date recorded at the snapshot, by stage and by
 * how far that expected date lay from the snapshot (overdue, within two weeks, a month, two,
 * three, six, or later): a deal expected to close next week slips differently from one
 * expected in five months; and by the expected date's month within its fiscal quarter, since
 * deals expected early in a quarter tend to slip to its end. Gives the chance that a deal which
 * will be won closes inside a period. A (stage, distance, month) cell with few samples falls
 * back to (distance, month), the distance alone, the stage, then all samples.
 */
public final class SlipModel {

    static final int MAX_SAMPLES = 4000;
    static final int MIN_SAMPLES = 30;
    /** Below this many usable samples the conditional estimate falls back to "lands after today". */
    static final int MIN_CONDITIONAL = 10;
    /** Upper bounds (exclusive) of the distance buckets, in days from snapshot to expected close. */
    static final int[] DISTANCE_BOUNDS = {0, 15, 30, 60, 90, 180};

    private final Map<String, int[]> cells;
    private final int[] pooled;
    private final int fiscalStartMonth;

    private SlipModel(Map<String, int[]> cells, int[] pooled, int fiscalStartMonth) {
        this.cells = cells;
        this.pooled = pooled;
        this.fiscalStartMonth = fiscalStartMonth;
    }

    /** 0, 1 or 2: the month's place in its fiscal quarter. */
    static int monthInQuarter(int month, int fiscalStartMonth) {
        return Math.floorMod(month - fiscalStartMonth, 12) % 3;
    }

    static int bucket(long daysToClose) {
        for (int i = 0; i < DISTANCE_BOUNDS.length; i++) {
            if (daysToClose < DISTANCE_BOUNDS[i]) {
                return i;
            }
        }
        return DISTANCE_BOUNDS.length;
    }

    /**
     * From (stage position, days from snapshot to expected close, slip days, month of the
     * expected close) samples.
     */
    public static SlipModel fit(List<int[]> samples, int fiscalStartMonth) {
        Map<String, List<Integer>> lists = new TreeMap<>();
        List<Integer> all = new ArrayList<>();
        for (int[] s : samples) {
            int b = bucket(s[1]);
            int m = s.length > 3 ? monthInQuarter(s[3], fiscalStartMonth) : 0;
            lists.computeIfAbsent("s" + s[0] + "b" + b + "m" + m, k -> new ArrayList<>()).add(s[2]);
            lists.computeIfAbsent("b" + b + "m" + m, k -> new ArrayList<>()).add(s[2]);
            lists.computeIfAbsent("b" + b, k -> new ArrayList<>()).add(s[2]);
            lists.computeIfAbsent("s" + s[0], k -> new ArrayList<>()).add(s[2]);
            all.add(s[2]);
        }
        Map<String, int[]> cells = new TreeMap<>();
        lists.forEach((key, values) -> {
            if (values.size() >= MIN_SAMPLES) {
                cells.put(key, thin(values));
            }
        });
        return new SlipModel(cells, all.isEmpty() ? new int[] {0} : thin(all), fiscalStartMonth);
    }

    /** Sorted, and at most {@link #MAX_SAMPLES} evenly spaced order statistics. */
    private static int[] thin(List<Integer> values) {
        int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        if (sorted.length <= MAX_SAMPLES) {
            return sorted;
        }
        int[] out = new int[MAX_SAMPLES];
        for (int i = 0; i < MAX_SAMPLES; i++) {
            out[i] = sorted[(int) ((long) i * (sorted.length - 1) / (MAX_SAMPLES - 1))];
        }
        return out;
    }

    int[] samples(int stage, long daysToClose, int month) {
        int b = bucket(daysToClose);
        int m = monthInQuarter(month, fiscalStartMonth);
        int[] s = cells.get("s" + stage + "b" + b + "m" + m);
        if (s == null) {
            s = cells.get("b" + b + "m" + m);
        }
        if (s == null) {
            s = cells.get("b" + b);
        }
        if (s == null) {
            s = cells.get("s" + stage);
        }
        return s == null ? pooled : s;
    }

    /**
     * P(closes within [from, to] | it will be won, it is still open at the end of asOf). The
     * close can only land after asOf; slips that would land earlier are ruled out and the
     * rest renormalised.
     */
    public double probabilityIn(int stage, LocalDate expectedClose, LocalDate asOf, LocalDate from, LocalDate to) {
        LocalDate expected = expectedClose == null ? asOf.plusDays(1) : expectedClose;
        LocalDate start = from.isAfter(asOf) ? from : asOf.plusDays(1);
        if (to.isBefore(start)) {
            return 0;
        }
        long base = ChronoUnit.DAYS.between(asOf, expected);
        int[] s = samples(stage, base, expected.getMonthValue());
        long lo = ChronoUnit.DAYS.between(asOf, start);
        long hi = ChronoUnit.DAYS.between(asOf, to);
        int valid = 0;
        int inside = 0;
        for (int slip : s) {
            long landing = base + slip;
            if (landing >= 1) {
                valid++;
                if (landing >= lo && landing <= hi) {
                    inside++;
                }
            }
        }
        if (valid >= MIN_CONDITIONAL) {
            return (double) inside / valid;
        }
        // Overdue beyond nearly all history: it closes as late after today as deals usually slip.
        int minSlip = Arrays.stream(s).min().orElse(0);
        inside = 0;
        for (int slip : s) {
            long landing = 1 + (slip - minSlip);
            if (landing >= lo && landing <= hi) {
                inside++;
            }
        }
        return (double) inside / s.length;
    }

    public Map<String, Object> describe() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        cells.forEach((key, s) -> out.put(key, Map.of("samples", s.length,
                "median_days", s[s.length / 2], "p10_days", s[s.length / 10], "p90_days", s[(s.length * 9) / 10])));
        out.put("pooled", Map.of("samples", pooled.length, "median_days", pooled[pooled.length / 2]));
        return out;
    }
}
