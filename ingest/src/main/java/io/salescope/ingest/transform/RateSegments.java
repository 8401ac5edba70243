package io.salescope.ingest.transform;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Dated exchange rates (crm-export-v1, exchange_rates.csv) cut into non-overlapping segments,
 * so that a join finds at most one rate for a currency and a date. Where rates overlap, the one
 * that started last applies. Rates of the reporting currency are left out: its rate is 1.
 */
public final class RateSegments {

    private RateSegments() {
    }

    /** One row of exchange_rates: {@code validTo} exclusive, null when open-ended. */
    public record Rate(String currency, double rate, LocalDate validFrom, LocalDate validTo) {
        public Rate {
            requireNonNull(currency, "currency is null");
            requireNonNull(validFrom, "validFrom is null");
        }

        boolean covers(LocalDate day) {
            return !validFrom.isAfter(day) && (validTo == null || validTo.isAfter(day));
        }
    }

    /** Where {@code rate} (from the row valid from {@code rateDate}) applies: {@code [from, to)}, to null = open. */
    public record Segment(String currency, LocalDate from, LocalDate to, double rate, LocalDate rateDate) {
    }

    public static List<Segment> of(List<Rate> rates, String reportingCurrency) {
        Map<String, List<Rate>> byCurrency = new TreeMap<>();
        for (Rate r : rates) {
            if (!r.currency().equals(reportingCurrency)) {
                byCurrency.computeIfAbsent(r.currency(), c -> new ArrayList<>()).add(r);
            }
        }
        List<Segment> out = new ArrayList<>();
        byCurrency.forEach((currency, list) -> out.addAll(segments(currency, list)));
        return out;
    }

    private static List<Segment> segments(String currency, List<Rate> rates) {
        List<Rate> sorted = new ArrayList<>(rates);
        sorted.sort(Comparator.comparing(Rate::validFrom));
        TreeSet<LocalDate> bounds = new TreeSet<>();
        for (Rate r : sorted) {
            bounds.add(r.validFrom());
            if (r.validTo() != null) {
                bounds.add(r.validTo());
            }
        }
        List<LocalDate> points = new ArrayList<>(bounds);
        List<Segment> out = new ArrayList<>();
        int started = 0;
        for (int i = 0; i < points.size(); i++) {
            LocalDate from = points.get(i);
            LocalDate to = i + 1 < points.size() ? points.get(i + 1) : null;
            while (started < sorted.size() && !sorted.get(started).validFrom().isAfter(from)) {
                started++;
            }
            // Bounds include every validTo, so a rate covering 'from' covers all of [from, to).
            Rate chosen = null;
            for (int j = started - 1; j >= 0; j--) {
                if (sorted.get(j).covers(from)) {
                    chosen = sorted.get(j);
                    break;
                }
            }
            if (chosen == null) {
                continue;
            }
            Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.rateDate().equals(chosen.validFrom()) && from.equals(last.to())) {
                out.set(out.size() - 1, new Segment(currency, last.from(), to, last.rate(), last.rateDate()));
            } else {
                out.add(new Segment(currency, from, to, chosen.rate(), chosen.validFrom()));
            }
        }
        return out;
    }
}
