package io.salescope.ingest.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRecordReaderTest {

    /** What a test sees of one record. */
    record Rec(long line, long offset, List<String> fields, String malformed, String raw) {
    }

    static List<Rec> readAll(String text) throws IOException {
        return readAll(text.getBytes(StandardCharsets.UTF_8), 0, 1, Long.MAX_VALUE, 1 << 20, 16);
    }

    static List<Rec> readAll(byte[] bytes, long start, long line, long end, int maxRecord, int bufferSize) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes, (int) start, bytes.length - (int) start);
        CsvRecordReader reader = new CsvRecordReader(in, start, line, maxRecord, bufferSize);
        List<Rec> out = new ArrayList<>();
        while (reader.next() && reader.recordOffset() < end) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < reader.fieldCount(); i++) {
                fields.add(reader.field(i));
            }
            out.add(new Rec(reader.line(), reader.recordOffset(), fields, reader.malformedReason(), reader.rawText()));
        }
        return out;
    }

    @Test
    void quoted_commas_quotes_and_newlines_stay_in_their_field() throws IOException {
        List<Rec> recs = readAll("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n3,p,q\n");

        assertThat(recs).extracting(Rec::fields).containsExactly(
                List.of("a", "b", "c"),
                List.of("1", "x, y", "say \"hi\""),
                List.of("2", "two\nlines", "z"),
                List.of("3", "p", "q"));
        assertThat(recs).extracting(Rec::line).containsExactly(1L, 2L, 3L, 5L);
        assertThat(recs).extracting(Rec::malformed).containsOnlyNulls();
    }

    @Test
    void crlf_line_ends_are_not_part_of_the_last_field_or_the_raw_record() throws IOException {
        List<Rec> recs = readAll("a,b\r\n1,\"q\"\r\n2,\"multi\r\nline\"\r\n3,x");

        assertThat(recs).extracting(Rec::fields).containsExactly(
                List.of("a", "b"), List.of("1", "q"), List.of("2", "multi\r\nline"), List.of("3", "x"));
        assertThat(recs).extracting(Rec::line).containsExactly(1L, 2L, 3L, 5L);
        assertThat(recs.get(2).raw()).isEqualTo("2,\"multi\r\nline\"");
    }

    @Test
    void empty_lines_are_skipped_but_still_counted_as_lines() throws IOException {
        List<Rec> recs = readAll("a,b\n\n1,2\r\n\r\n\n3,4\n\n");

        assertThat(recs).extracting(Rec::fields).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
        assertThat(recs).extracting(Rec::line).containsExactly(1L, 3L, 6L);
    }

    @Test
    void empty_fields_and_a_trailing_comma_make_empty_strings() throws IOException {
        List<Rec> recs = readAll("a,,\"\",\n");

        assertThat(recs.get(0).fields()).containsExactly("a", "", "", "");
    }

    @Test
    void spaces_around_a_quoted_field_are_allowed_and_quotes_inside_unquoted_text_are_characters() throws IOException {
        List<Rec> recs = readAll("  \"x,1\"  ,5\" screen\n");

        assertThat(recs.get(0).fields()).containsExactly("x,1", "5\" screen");
        assertThat(recs.get(0).malformed()).isNull();
    }

    @Test
    void text_after_a_closing_quote_makes_the_record_malformed_up_to_its_line_end() throws IOException {
        List<Rec> recs = readAll("h1,h2\n\"ab\"c,d\nx,y\n");

        assertThat(recs.get(1).malformed()).contains("field 1 has text after its closing quote");
        assertThat(recs.get(1).raw()).isEqualTo("\"ab\"c,d");
        assertThat(recs.get(2).fields()).containsExactly("x", "y");
        assertThat(recs.get(2).line()).isEqualTo(3);
    }

    @Test
    void an_unterminated_quote_costs_one_line_and_reading_goes_on() throws IOException {
        List<Rec> recs = readAll("id,name\n1,\"open\n2,fine\n3,also fine\n");

        assertThat(recs).hasSize(4);
        assertThat(recs.get(1).line()).isEqualTo(2);
        assertThat(recs.get(1).malformed()).contains("field 2 opens a quote that is never closed");
        assertThat(recs.get(1).raw()).isEqualTo("1,\"open");
        assertThat(recs.get(2).fields()).containsExactly("2", "fine");
        assertThat(recs.get(2).line()).isEqualTo(3);
        assertThat(recs.get(3).line()).isEqualTo(4);
    }

    @Test
    void an_unterminated_quote_on_the_last_line_keeps_the_rest_of_the_input() throws IOException {
        List<Rec> recs = readAll("id,name\n1,\"open to the end");

        assertThat(recs.get(1).malformed()).contains("never closed");
        assertThat(recs.get(1).raw()).isEqualTo("1,\"open to the end");
    }

    @Test
    void a_record_longer_than_the_limit_is_cut_at_its_first_line_end() throws IOException {
        String big = "x".repeat(40);
        byte[] bytes = ("a,b\n1,\"ab\n" + big + "\n" + big + "\"\n2,ok\n").getBytes(StandardCharsets.UTF_8);

        List<Rec> recs = readAll(bytes, 0, 1, Long.MAX_VALUE, 64, 16);

        assertThat(recs).extracting(Rec::line).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(recs.get(1).malformed()).contains("more than 64 bytes");
        assertThat(recs.get(1).raw()).isEqualTo("1,\"ab");
        assertThat(recs.get(2).fields()).containsExactly(big);
        assertThat(recs.get(3).raw()).isEqualTo(big + "\"");
        assertThat(recs.get(4).fields()).containsExactly("2", "ok");
    }

    @Test
    void a_single_line_longer_than_the_limit_keeps_its_head_and_skips_its_tail() throws IOException {
        byte[] bytes = ("a,b\n" + "y".repeat(500) + "\n2,ok\n").getBytes(StandardCharsets.UTF_8);

        List<Rec> recs = readAll(bytes, 0, 1, Long.MAX_VALUE, 64, 16);

        assertThat(recs).extracting(Rec::line).containsExactly(1L, 2L, 3L);
        assertThat(recs.get(1).raw()).isEqualTo("y".repeat(64));
        assertThat(recs.get(1).malformed()).contains("longer than 64 bytes");
        assertThat(recs.get(2).fields()).containsExactly("2", "ok");
    }

    @Test
    void multibyte_utf8_text_is_kept_intact_across_buffer_refills() throws IOException {
        String name = "北京致远金融服务有限公司";
        byte[] bytes = ("id,name\n1," + name + "\n2,\"" + name + ", 中国\"\n").getBytes(StandardCharsets.UTF_8);

        List<Rec> recs = readAll(bytes, 0, 1, Long.MAX_VALUE, 1 << 20, 16);

        assertThat(recs.get(1).fields()).containsExactly("1", name);
        assertThat(recs.get(2).fields()).containsExactly("2", name + ", 中国");
    }

    @Test
    void the_splitter_finds_the_header_records_and_exact_split_lines() throws IOException {
        StringBuilder sb = new StringBuilder("\uFEFFid,note\r\n");
        for (int i = 1; i <= 50; i++) {
            sb.append(i).append(i % 7 == 0 ? ",\"multi\r\nline, with comma\"\r\n" : ",plain\r\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicLong progress = new AtomicLong();

        CsvSplitter.Plan plan = CsvSplitter.plan("f.csv", new ByteArrayInputStream(bytes), 100, 1 << 20, progress::addAndGet);

        assertThat(plan.bom()).isTrue();
        assertThat(plan.header()).containsExactly("id", "note");
        assertThat(plan.records()).isEqualTo(50);
        assertThat(progress.get()).isEqualTo(50);
        assertThat(plan.splits()).hasSizeGreaterThan(5);
        assertThat(plan.splits().stream().mapToLong(CsvSplit::records).sum()).isEqualTo(50);
        List<Rec> sequential = readAll(bytes, 3, 1, Long.MAX_VALUE, 1 << 20, 64);
        List<Rec> viaSplits = new ArrayList<>();
        for (CsvSplit split : plan.splits()) {
            List<Rec> part = readAll(bytes, split.start(), split.firstLine(), split.end(), 1 << 20, 64);
            assertThat(part).hasSize((int) split.records());
            viaSplits.addAll(part);
        }
        assertThat(viaSplits).isEqualTo(sequential.subList(1, sequential.size()));
        assertThat(viaSplits.get(viaSplits.size() - 1).line()).isEqualTo(1 + 50 + 7);
    }

    @Test
    void an_empty_file_is_an_error_naming_it() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        CsvSplitter.plan("users.csv", new ByteArrayInputStream(new byte[0]), 100, 1024, n -> { }))
                .hasMessageContaining("users.csv is empty");
    }

    @RepeatedTest(40)
    void reading_from_any_record_boundary_gives_the_same_records_as_reading_from_the_start() throws IOException {
        Random random = new Random(System.nanoTime());
        byte[] bytes = randomCsv(random, true).getBytes(StandardCharsets.UTF_8);
        int maxRecord = 32 + random.nextInt(200);
        int buffer = 16 + random.nextInt(64);

        List<Rec> all = readAll(bytes, 0, 1, Long.MAX_VALUE, maxRecord, buffer);

        for (int i = 0; i < all.size(); i++) {
            Rec first = all.get(i);
            List<Rec> rest = readAll(bytes, first.offset(), first.line(), Long.MAX_VALUE, maxRecord, 16 + random.nextInt(64));
            assertThat(rest).as("records read from record %d (offset %d)", i, first.offset())
                    .isEqualTo(all.subList(i, all.size()));
        }
    }

    @RepeatedTest(40)
    void well_formed_input_reads_as_commons_csv_reads_it() throws IOException {
        Random random = new Random(System.nanoTime());
        String text = randomCsv(random, false);

        List<Rec> ours = readAll(text.getBytes(StandardCharsets.UTF_8), 0, 1, Long.MAX_VALUE, 1 << 20, 16 + random.nextInt(64));

        List<List<String>> theirs = new ArrayList<>();
        List<Long> theirLines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())) {
            for (CSVRecord r : parser) {
                theirs.add(r.toList());
                theirLines.add(1 + text.substring(0, (int) r.getCharacterPosition()).chars().filter(c -> c == '\n').count());
            }
        }
        assertThat(ours).extracting(Rec::fields).isEqualTo(theirs);
        assertThat(ours).extracting(Rec::line).isEqualTo(theirLines);
        assertThat(ours).extracting(Rec::malformed).containsOnlyNulls();
    }

    /** Random CSV text; with {@code dirty}, stray quotes, junk after quotes and unterminated quotes too. */
    static String randomCsv(Random random, boolean dirty) {
        StringBuilder sb = new StringBuilder();
        int records = 1 + random.nextInt(30);
        String[] atoms = {"a", "bc", "x y", "中文", "1.5", "2024-01-01", "", " ", "é"};
        for (int r = 0; r < records; r++) {
            int fields = 1 + random.nextInt(4);
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    sb.append(',');
                }
                int kind = random.nextInt(dirty ? 9 : 5);
                String atom = atoms[random.nextInt(atoms.length)];
                switch (kind) {
                    case 0, 1 -> sb.append(atom.isBlank() && !dirty ? "v" : atom);
                    case 2 -> sb.append('"').append(atom).append(", ").append(atom).append('"');
                    case 3 -> sb.append('"').append(atom).append("\"\"q\"\"").append('"');
                    case 4 -> sb.append('"').append(atom).append(random.nextBoolean() ? "\n" : "\r\n").append(atom).append('"');
                    case 5 -> sb.append(atom).append('"').append(atom);
                    case 6 -> sb.append('"').append(atom).append('"').append("junk");
                    case 7 -> sb.append('"').append(atom);
                    default -> sb.append("x".repeat(random.nextInt(300)));
                }
            }
            int end = random.nextInt(dirty ? 4 : 2);
            sb.append(switch (end) {
                case 0 -> "\n";
                case 1 -> "\r\n";
                case 2 -> "\n\n";
                default -> "\r\n\r\n";
            });
        }
        if (random.nextBoolean()) {
            sb.setLength(sb.length() - (sb.charAt(sb.length() - 2) == '\r' ? 2 : 1));
        }
        return sb.toString();
    }
}
