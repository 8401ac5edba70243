package io.salescope.forecasting.bookings;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Period;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static java.util.Objects.requireNonNull;

/**
 * The bookings forecast per period and scope, as of a date:
 * <ul>
 * <li>closed so far: won deals with close_date in the period, known by the as-of date;</li>
 * <li>expected from open deals: Σ amount × P(won) × P(closes in the period | won), the latter
 *     from the historical slip of close dates ({@link SlipModel});</li>
 * <li>expected from new deals: {@link NewBusinessModel};</li>
 * <li>the 80% interval by simulation: per draw, one shared shock to every deal's log-odds
 *     (quarters differ in win rate beyond chance; its size is estimated from history), a
 *     Bernoulli draw per open deal, and a normal draw of new business per scope.</li>
 * </ul>
 * Deterministic for a seed.
 */
public final class BookingsForecaster {

    private final FiscalCalendar calendar;
    private final SlipModel slip;
    private final NewBusinessModel newBusiness;
    private final double shockSd;
    private final int draws;
    private final long seed;

    public BookingsForecaster(FiscalCalendar calendar, SlipModel slip, double shockSd, int draws, long seed) {
        this.calendar = requireNonNull(calendar, "calendar is null");
        this.slip = requireNonNull(slip, "slip is null");
        this.newBusiness = new NewBusinessModel(calendar);
        this.shockSd = shockSd;
        this.draws = draws;
        this.seed = seed;
    }

    public List<BookingsForecast> forecast(LocalDate asOf, List<Period> periods, List<OpenDeal> open,
                                           List<WonDeal> won, ScopeTree tree) {
        open.forEach(d -> tree.of(d.ownerId()));
        won.forEach(d -> tree.of(d.ownerId()));
        List<Scope> scopes = tree.scopes();
        Map<Scope, Integer> index = new HashMap<>();
        for (int i = 0; i < scopes.size(); i++) {
            index.put(scopes.get(i), i);
        }
        Map<Scope, List<WonDeal>> wonByScope = new HashMap<>();
        for (WonDeal d : won) {
            for (Scope s : tree.of(d.ownerId())) {
                wonByScope.computeIfAbsent(s, k -> new ArrayList<>()).add(d);
            }
        }
        int[][] dealScopes = new int[open.size()][];
        for (int i = 0; i < open.size(); i++) {
            dealScopes[i] = tree.of(open.get(i).ownerId()).stream().mapToInt(index::get).toArray();
        }
        List<BookingsForecast> out = new ArrayList<>();
        for (int pi = 0; pi < periods.size(); pi++) {
            Period p = periods.get(pi);
            double[] closed = new double[scopes.size()];
            for (WonDeal d : won) {
                if (p.contains(d.closeDate()) && !d.closedOn().isAfter(asOf)) {
                    for (Scope s : tree.of(d.ownerId())) {
                        closed[index.get(s)] += d.amount();
                    }
                }
            }
            double[] q = new double[open.size()];
            double[] expectedOpen = new double[scopes.size()];
            for (int i = 0; i < open.size(); i++) {
                OpenDeal d = open.get(i);
                q[i] = slip.probabilityIn(d.stagePosition(), d.expectedClose(), asOf, p.from(), p.to());
                double e = d.amount() * d.winProbability() * q[i];
                for (int s : dealScopes[i]) {
                    expectedOpen[s] += e;
                }
            }
            NewBusinessModel.Estimate[] fresh = new NewBusinessModel.Estimate[scopes.size()];
            for (int s = 0; s < scopes.size(); s++) {
                fresh[s] = newBusiness.estimate(wonByScope.getOrDefault(scopes.get(s), List.of()), p, asOf);
            }
            double[][] sims = simulate(open, q, dealScopes, fresh, scopes.size(), seed + 7919L * pi);
            for (int s = 0; s < scopes.size(); s++) {
                double point = closed[s] + expectedOpen[s] + fresh[s].mean();
                double[] sorted = sims[s];
                Arrays.sort(sorted);
                double low = closed[s] + quantile(sorted, 0.10);
                double high = closed[s] + quantile(sorted, 0.90);
                out.add(new BookingsForecast(p, scopes.get(s), closed[s], expectedOpen[s], fresh[s].mean(), point,
                        Math.min(low, point), Math.max(high, point)));
            }
        }
        return out;
    }

    /** Per scope, {@code draws} simulated totals of open-deal and new bookings. */
    private double[][] simulate(List<OpenDeal> open, double[] q, int[][] dealScopes, NewBusinessModel.Estimate[] fresh,
                                int scopeCount, long drawSeed) {
        SplittableRandom random = new SplittableRandom(drawSeed);
        double[][] sims = new double[scopeCount][draws];
        double[] logit = new double[open.size()];
        for (int i = 0; i < open.size(); i++) {
            double p = Math.min(1 - 1e-6, Math.max(1e-6, open.get(i).winProbability()));
            logit[i] = Math.log(p / (1 - p));
        }
        for (int k = 0; k < draws; k++) {
            double shock = shockSd * gaussian(random);
            for (int i = 0; i < open.size(); i++) {
                if (q[i] <= 0) {
                    continue;
                }
                double p = 1 / (1 + Math.exp(-(logit[i] + shock)));
                if (random.nextDouble() < p * q[i]) {
                    double a = open.get(i).amount();
                    for (int s : dealScopes[i]) {
                        sims[s][k] += a;
                    }
                }
            }
            double factor = Math.exp(shock);
            for (int s = 0; s < scopeCount; s++) {
                if (fresh[s].mean() > 0 || fresh[s].sd() > 0) {
                    sims[s][k] += Math.max(0, fresh[s].mean() * factor + fresh[s].sd() * gaussian(random));
                }
            }
        }
        return sims;
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /**
     * The spread of win rates between quarters beyond what chance explains, on the log-odds
     * scale, from the closed deals' (quarter, won) history; between 0.1 and 0.6.
     */
    public static double shockSd(List<double[]> quarterWonAndTotal) {
        List<Double> logits = new ArrayList<>();
        double noise = 0;
        for (double[] q : quarterWonAndTotal) {
            double n = q[1];
            if (n < 10) {
                continue;
            }
            double rate = Math.min(1 - 0.5 / n, Math.max(0.5 / n, q[0] / n));
            logits.add(Math.log(rate / (1 - rate)));
            noise += 1 / (n * rate * (1 - rate));
        }
        if (logits.size() < 3) {
            return 0.25;
        }
        double var = Math.pow(NewBusinessModel.sd(logits), 2) - noise / logits.size();
        return Math.max(0.1, Math.min(0.6, Math.sqrt(Math.max(0, var))));
    }

    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shock_sd_log_odds", shockSd);
        out.put("draws", draws);
        out.put("slip", slip.describe());
        return out;
    }

    public FiscalCalendar calendar() {
        return calendar;
    }
}
