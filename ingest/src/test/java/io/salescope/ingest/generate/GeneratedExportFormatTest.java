package io.salescope.ingest.generate;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The export is a valid, complete v1 export, written the way real exports are. */
class GeneratedExportFormatTest {

    @TempDir
    static Path dir;

    static Export export;

    @BeforeAll
    static void generate() {
        export = Export.generate(Export.settings(dir, 0.2));
    }

    @Test
    void every_spec_file_is_written_with_the_contract_columns_in_contract_order() {
        for (TableContract table : Tables.SOURCES) {
            assertThat(dir.resolve(table.fileName())).as(table.fileName()).isRegularFile();
            assertThat(export.header(table)).as(table.fileName()).containsExactlyElementsOf(Export.sourceColumns(table));
        }
        assertThat(Tables.SOURCES).hasSize(13);
    }

    @Test
    void every_file_parses_back_with_commons_csv_to_the_rows_written() {
        for (TableContract table : Tables.SOURCES) {
            List<CSVRecord> rows = export.rows(table);
            assertThat(rows).as(table.fileName()).hasSize((int) export.summary().rows(table.fileName())).isNotEmpty();
            int width = table.baseColumns().size();
            assertThat(rows).as(table.fileName()).allSatisfy(r -> assertThat(r.size()).isEqualTo(width));
        }
        assertThat(export.rows(CrmGenerator.PLANTED_FILE))
                .hasSize((int) export.summary().rows(CrmGenerator.PLANTED_FILE));
    }

    @Test
    void names_and_subjects_with_commas_quotes_and_line_breaks_round_trip() {
        List<String> names = export.rows(Tables.OPPORTUNITIES).stream().map(r -> r.get("name")).toList();
        List<String> subjects = export.rows(Tables.ACTIVITIES).stream().map(r -> r.get("subject")).toList();

        assertThat(names).anyMatch(n -> n.contains(",")).anyMatch(n -> n.contains("\""));
        assertThat(subjects).anyMatch(s -> s.contains(",")).anyMatch(s -> s.contains("\"")).anyMatch(s -> s.contains("\n"));
        assertThat(export.rows(Tables.ACCOUNTS)).extracting(r -> r.get("name")).anyMatch(n -> n.contains(", Inc."));
    }

    @Test
    void files_are_utf8_with_lf_line_ends_and_no_byte_order_mark() throws Exception {
        for (TableContract table : Tables.SOURCES) {
            byte[] bytes = Files.readAllBytes(dir.resolve(table.fileName()));
            assertThat(bytes[0]).as(table.fileName()).isNotEqualTo((byte) 0xEF);
            assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).as(table.fileName())
                    .doesNotContain("\r").endsWith("\n");
        }
        assertThat(export.rows(Tables.USERS)).extracting(r -> r.get("name")).anyMatch(n -> n.matches(".*\\p{IsHan}.*"));
    }

    @Test
    void required_values_are_present_and_listed_values_are_allowed_ones() {
        for (TableContract table : Tables.SOURCES) {
            for (Column column : table.baseColumns()) {
                for (CSVRecord row : export.rows(table)) {
                    String value = row.get(column.name());
                    if (column.required()) {
                        assertThat(value).as("%s.%s line %d", table.fileName(), column.name(), row.getRecordNumber())
                                .isNotBlank();
                    }
                    if (!column.allowed().isEmpty() && !value.isEmpty()) {
                        assertThat(column.allowed()).as("%s.%s", table.fileName(), column.name())
                                .contains(value.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
    }

    @Test
    void quotas_name_exactly_one_of_owner_and_team() {
        assertThat(export.rows(Tables.QUOTAS))
                .allSatisfy(q -> assertThat(q.get("owner_id").isEmpty()).isNotEqualTo(q.get("team_id").isEmpty()))
                .anyMatch(q -> !q.get("team_id").isEmpty());
    }

    @Test
    void timestamps_come_with_an_offset_with_z_without_a_zone_and_as_bare_dates() {
        List<String> created = export.rows(Tables.OPPORTUNITIES).stream().map(r -> r.get("created_at")).toList();
        assertThat(created).anyMatch(t -> t.matches(".*T.*[+-]\\d\\d:\\d\\d"))
                .anyMatch(t -> t.endsWith("Z"))
                .anyMatch(t -> t.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?"))
                .anyMatch(t -> t.matches(".*\\.\\d{3}.*"))
                .allSatisfy(t -> assertThat(Export.instant(t)).isBefore(Export.SNAPSHOT));
        assertThat(export.rows(Tables.ACCOUNTS)).extracting(r -> r.get("created_at"))
                .anyMatch(t -> t.matches("\\d{4}-\\d\\d-\\d\\d"));
        assertThat(export.rows(Tables.TASKS)).extracting(r -> r.get("due_at"))
                .anyMatch(t -> t.matches("\\d{4}-\\d\\d-\\d\\d"));
        assertThat(export.rows(Tables.ACTIVITIES)).extracting(r -> r.get("occurred_at")).anyMatch(t -> t.endsWith("+08:00"))
                .anyMatch(t -> t.matches(".*-0[45]:00"));
    }
}
