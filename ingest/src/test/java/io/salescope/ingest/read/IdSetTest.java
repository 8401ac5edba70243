package io.salescope.ingest.read;

import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdSetTest {

    @Test
    void holds_exactly_the_ids_given_compared_byte_for_byte() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add("KOP" + i);
        }
        ids.addAll(Arrays.asList("华为-1", "O-1", "O-1", null, ""));
        IdSet set = roundTrip(IdSet.of(ids));

        assertThat(set.size()).isEqualTo(50_003);
        assertThat(set.contains("KOP0")).isTrue();
        assertThat(set.contains("KOP49999")).isTrue();
        assertThat(set.contains("KOP50000")).isFalse();
        assertThat(set.contains("华为-1")).isTrue();
        assertThat(set.contains("o-1")).isFalse();
        assertThat(set.contains("O-1 ")).isFalse();
        assertThat(set.contains("")).isTrue();
        byte[] padded = "xxKOP123yy".getBytes(StandardCharsets.UTF_8);
        assertThat(set.contains(UTF8String.fromBytes(padded, 2, 6))).isTrue();
        assertThat(set.contains(UTF8String.fromBytes(padded, 2, 7))).isFalse();
    }

    @Test
    void an_empty_set_holds_nothing() {
        IdSet set = IdSet.of(List.of());
        assertThat(set.size()).isZero();
        assertThat(set.contains("A1")).isFalse();
    }

    private static IdSet roundTrip(IdSet set) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(set);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (IdSet) in.readObject();
        }
    }
}
