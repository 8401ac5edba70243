package io.salescope.ingest.read;

import io.salescope.ingest.transform.Dedupe;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeAccumulatorTest {

    private static Dedupe.PartitionOutcome outcome(long records, long... hashes) {
        return new Dedupe.PartitionOutcome(Map.of("unparseable", 1L), hashes, false, records, 0);
    }

    @Test
    void a_split_read_again_replaces_its_outcome_instead_of_counting_twice() {
        OutcomeAccumulator driver = new OutcomeAccumulator();
        OutcomeAccumulator first = new OutcomeAccumulator();
        first.add(new OutcomeAccumulator.Split(0, outcome(3, 1, 2)));
        OutcomeAccumulator retry = new OutcomeAccumulator();
        retry.add(new OutcomeAccumulator.Split(0, outcome(3, 1, 2)));
        OutcomeAccumulator other = new OutcomeAccumulator();
        other.add(new OutcomeAccumulator.Split(1, outcome(2, 2)));
        driver.merge(first);
        driver.merge(other);
        driver.merge(retry);

        assertThat(driver.value()).containsOnlyKeys(0, 1);
        Dedupe.Outcomes combined = Dedupe.combine(driver.value().values());
        assertThat(combined.quarantined()).isEqualTo(Map.of("unparseable", 2L));
        assertThat(combined.duplicateGroups()).isEqualTo(1);
        assertThat(driver.copy().value()).isEqualTo(driver.value());
        driver.reset();
        assertThat(driver.isZero()).isTrue();
    }

    @Test
    void equal_key_values_hash_alike_and_nulls_leave_the_hash_as_it_is() {
        long a = OutcomeAccumulator.hash(UTF8String.fromString("O-1"), 42);
        assertThat(OutcomeAccumulator.hash(UTF8String.fromBytes("xO-1".getBytes(), 1, 3), 42)).isEqualTo(a);
        assertThat(OutcomeAccumulator.hash(UTF8String.fromString("O-2"), 42)).isNotEqualTo(a);
        assertThat(OutcomeAccumulator.hash(null, 42)).isEqualTo(42);
        assertThat(OutcomeAccumulator.hash(0.0, 7)).isEqualTo(OutcomeAccumulator.hash(-0.0, 7));
        assertThat(OutcomeAccumulator.hash(19_000, OutcomeAccumulator.hash(UTF8String.fromString("U1"), 42)))
                .isNotEqualTo(OutcomeAccumulator.hash(19_001, OutcomeAccumulator.hash(UTF8String.fromString("U1"), 42)));
    }
}
