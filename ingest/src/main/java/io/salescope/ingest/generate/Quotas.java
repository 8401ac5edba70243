package io.salescope.ingest.generate;

import io.salescope.core.contract.Tables;
import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Period;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Quarterly bookings quotas. The simulation books every won deal here; quotas are then set
 * the way a sales-ops team would: each region's bookings per rep, trended and seasonal,
 * sized to each rep's territory (share of new deals), raised by a stretch factor, tilted
 * towards stronger reps and ramped for new hires. Median attainment lands near 80%, with
 * the spread that a handful of large deals per rep and quarter brings.
 */
final class Quotas {

    private final FiscalCalendar calendar;
    private final long[] starts;
    private final long todayDay;
    private final double[][] won;

    Quotas(FiscalCalendar calendar, long simStartDay, long todayDay, int people) {
        this.calendar = calendar;
        this.todayDay = todayDay;
        // The first half year is the pipeline filling up; targets start once it runs at speed.
        LocalDate first = LocalDate.ofEpochDay(simStartDay + 180);
        Period q = calendar.unitContaining(io.salescope.core.time.Granularity.QUARTER, first);
        LocalDate from = q.from().isBefore(first) ? q.to().plusDays(1) : q.from();
        LocalDate end = calendar.year(calendar.fiscalYearOf(LocalDate.ofEpochDay(todayDay))).to();
        List<Long> list = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(end); d = d.plusMonths(3)) {
            list.add(d.toEpochDay());
        }
        list.add(end.plusDays(1).toEpochDay());
        starts = list.stream().mapToLong(Long::longValue).toArray();
        won = new double[people][starts.length - 1];
    }

    int quarters() {
        return starts.length - 1;
    }

    /** The quarter holding an epoch day, or -1 outside the quota years. */
    int quarterOf(long epochDay) {
        if (epochDay < starts[0] || epochDay >= starts[starts.length - 1]) {
            return -1;
        }
        int q = 0;
        while (starts[q + 1] <= epochDay) {
            q++;
        }
        return q;
    }

    void book(Person owner, long closeDay, long cents) {
        int q = quarterOf(closeDay);
        if (q >= 0) {
            won[owner.index()][q] += cents / 100.0;
        }
    }

    /** Share of quarter {@code q} a rep works, with a ramp for the first two quarters after hire. */
    private double presence(Person rep, int q) {
        long from = starts[q];
        long to = starts[q + 1];
        if (rep.hiredDay() >= to || rep.leftDay() <= from) {
            return 0;
        }
        double share = (double) (Math.min(to, rep.leftDay()) - Math.max(from, rep.hiredDay())) / (to - from);
        long tenure = from - rep.hiredDay();
        double ramp = tenure < 0 ? 0.5 : tenure < 90 ? 0.75 : 1.0;
        return share * ramp;
    }

    void write(ExportFiles files, Org org, SplittableRandom r) {
        int nq = quarters();
        double[][] quota = new double[org.people().size()][nq];
        for (Region region : Region.values()) {
            List<Person> reps = org.reps().stream().filter(p -> p.region() == region).toList();
            double[] perRep = new double[nq];
            boolean[] usable = new boolean[nq];
            for (int q = 0; q < nq; q++) {
                double booked = 0;
                double heads = 0;
                for (Person rep : reps) {
                    booked += won[rep.index()][q];
                    heads += presence(rep, q) * rep.capacity();
                }
                usable[q] = starts[q + 1] <= todayDay && heads > 0 && booked > 0;
                perRep[q] = usable[q] ? booked / heads : 0;
            }
            double[] fit = trend(perRep, usable);
            double[] season = new double[4];
            int[] seasonN = new int[4];
            for (int q = 0; q < nq; q++) {
                if (usable[q]) {
                    int k = calendar.fiscalQuarterOf(LocalDate.ofEpochDay(starts[q])) - 1;
                    season[k] += perRep[q] / fit[q];
                    seasonN[k]++;
                }
            }
            for (int k = 0; k < 4; k++) {
                season[k] = seasonN[k] == 0 ? 1 : 0.5 + 0.5 * season[k] / seasonN[k];
            }
            long unit = region == Region.CHINA ? 50_000 : 5_000;
            for (Person rep : reps) {
                double tilt = rep.capacity() * (1 + 0.2 * StrictMath.tanh(rep.skill()));
                for (int q = 0; q < nq; q++) {
                    double presence = presence(rep, q);
                    if (presence <= 0) {
                        continue;
                    }
                    int k = calendar.fiscalQuarterOf(LocalDate.ofEpochDay(starts[q])) - 1;
                    double amount = fit[q] * season[k] * tilt * presence * Rand.uniform(r, 1.02, 1.22);
                    quota[rep.index()][q] = Math.max(unit, Math.round(amount / unit) * unit);
                }
            }
        }
        try (CsvSink out = files.open(Tables.QUOTAS)) {
            for (int q = 0; q < nq; q++) {
                for (Person rep : org.reps()) {
                    if (quota[rep.index()][q] > 0) {
                        row(out, rep.id(), null, q, (long) quota[rep.index()][q], rep.region().currency());
                    }
                }
                for (Team team : teamsWithOwnQuota(org)) {
                    double sum = 0;
                    for (Person rep : org.reps()) {
                        if (within(org, rep.team(), team)) {
                            sum += quota[rep.index()][q];
                        }
                    }
                    long unit = team.region() == Region.CHINA ? 100_000 : 10_000;
                    long amount = Math.round(sum * Rand.uniform(r, 1.0, 1.08) / unit) * unit;
                    if (amount > 0) {
                        row(out, null, team.id(), q, amount, team.region().currency());
                    }
                }
            }
        }
    }

    /** The China region team and the first EMEA sub-team set their own targets, above the sum of their reps'. */
    private static List<Team> teamsWithOwnQuota(Org org) {
        return org.teams().stream().filter(t -> t.name().equals("大中华区") || t.name().equals("UK & Ireland")).toList();
    }

    private static boolean within(Org org, Team team, Team ancestor) {
        for (Team t = team; t != null; ) {
            if (t == ancestor) {
                return true;
            }
            String parent = t.parentId();
            t = parent == null ? null : org.teams().stream().filter(x -> x.id().equals(parent)).findFirst().orElse(null);
        }
        return false;
    }

    private void row(CsvSink out, String ownerId, String teamId, int q, long amount, String currency) {
        out.text(ownerId).text(teamId).date(starts[q]).date(starts[q + 1] - 1).number(amount).text(currency).text("bookings");
        out.end();
    }

    /** A log-linear least-squares trend through the usable quarters (flat when fewer than two). */
    private static double[] trend(double[] values, boolean[] usable) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < values.length; i++) {
            if (usable[i]) {
                double y = StrictMath.log(values[i]);
                n++;
                sx += i;
                sy += y;
                sxx += (double) i * i;
                sxy += i * y;
            }
        }
        double slope = n < 2 ? 0 : (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = n == 0 ? StrictMath.log(100_000) : (sy - slope * sx) / n;
        slope = Math.max(-0.05, Math.min(0.15, slope));
        double[] fit = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            fit[i] = StrictMath.exp(intercept + slope * i);
        }
        return fit;
    }
}
