package io.salescope.ingest.transform;

import io.salescope.ingest.transform.RateSegments.Rate;
import io.salescope.ingest.transform.RateSegments.Segment;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateSegmentsTest {

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void consecutive_monthly_rates_become_one_segment_each() {
        List<Segment> segments = RateSegments.of(List.of(
                new Rate("EUR", 1.10, d("2026-01-01"), d("2026-02-01")),
                new Rate("EUR", 1.20, d("2026-02-01"), null)), "USD");

        assertThat(segments).containsExactly(
                new Segment("EUR", d("2026-01-01"), d("2026-02-01"), 1.10, d("2026-01-01")),
                new Segment("EUR", d("2026-02-01"), null, 1.20, d("2026-02-01")));
    }

    @Test
    void where_rates_overlap_the_one_that_started_last_applies_and_the_earlier_one_resumes_after_it() {
        List<Segment> segments = RateSegments.of(List.of(
                new Rate("CNY", 0.14, d("2026-01-01"), null),
                new Rate("CNY", 0.15, d("2026-03-01"), d("2026-04-01"))), "USD");

        assertThat(segments).containsExactly(
                new Segment("CNY", d("2026-01-01"), d("2026-03-01"), 0.14, d("2026-01-01")),
                new Segment("CNY", d("2026-03-01"), d("2026-04-01"), 0.15, d("2026-03-01")),
                new Segment("CNY", d("2026-04-01"), null, 0.14, d("2026-01-01")));
    }

    @Test
    void gaps_between_rates_stay_gaps_and_the_reporting_currency_is_left_out() {
        List<Segment> segments = RateSegments.of(List.of(
                new Rate("EUR", 1.1, d("2026-01-01"), d("2026-02-01")),
                new Rate("EUR", 1.3, d("2026-03-01"), d("2026-04-01")),
                new Rate("USD", 0.5, d("2026-01-01"), null)), "USD");

        assertThat(segments).containsExactly(
                new Segment("EUR", d("2026-01-01"), d("2026-02-01"), 1.1, d("2026-01-01")),
                new Segment("EUR", d("2026-03-01"), d("2026-04-01"), 1.3, d("2026-03-01")));
    }
}
