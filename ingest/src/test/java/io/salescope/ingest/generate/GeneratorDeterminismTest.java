package io.salescope.ingest.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorDeterminismTest {

    @Test
    void the_same_seed_scale_and_today_give_byte_identical_files(@TempDir Path tmp) throws Exception {
        Export.generate(Export.settings(tmp.resolve("a"), 0.1));
        Export.generate(Export.settings(tmp.resolve("b"), 0.1));

        Map<String, String> a = hashes(tmp.resolve("a"));
        assertThat(a).hasSize(14).containsKey("_planted/win_probability.csv");
        assertThat(hashes(tmp.resolve("b"))).isEqualTo(a);
    }

    @Test
    void another_seed_gives_different_data(@TempDir Path tmp) throws Exception {
        Export.generate(Export.settings(tmp.resolve("a"), 0.1));
        Export.generate(Export.settings(tmp.resolve("b"), 0.1).withSeed(43));

        Map<String, String> a = hashes(tmp.resolve("a"));
        Map<String, String> b = hashes(tmp.resolve("b"));
        for (String file : new String[]{"users.csv", "accounts.csv", "opportunities.csv", "opportunity_history.csv",
                "activities.csv", "tasks.csv", "quotas.csv", "exchange_rates.csv", "leads.csv"}) {
            assertThat(b.get(file)).as(file).isNotEqualTo(a.get(file));
        }
    }

    @Test
    void another_reference_date_moves_the_whole_history(@TempDir Path tmp) throws Exception {
        Export june = Export.generate(Export.settings(tmp.resolve("a"), 0.1));
        GenerateSettings march = new GenerateSettings(tmp.resolve("b"), 0.1, 42, Export.TODAY.minusMonths(3), false, 1, "USD");
        Export.generate(march);

        assertThat(Files.readString(tmp.resolve("b/opportunities.csv")))
                .isNotEqualTo(Files.readString(june.dir().resolve("opportunities.csv")));
        assertThat(tmp.resolve("b/_planted")).doesNotExist();
    }

    private static Map<String, String> hashes(Path dir) throws IOException, NoSuchAlgorithmException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                hashes.put(dir.relativize(f).toString().replace('\\', '/'), HexFormat.of().formatHex(digest));
            }
        }
        return hashes;
    }
}
