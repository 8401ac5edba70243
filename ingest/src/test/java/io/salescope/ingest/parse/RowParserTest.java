package io.salescope.ingest.parse;

import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.ingest.csv.CsvRecordReader;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowParserTest {

    static final Map<String, String> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("prospecting", "Prospecting");
        STAGES.put("closed won", "Closed Won");
        STAGES.put("closed lost", "Closed Lost");
    }

    /** A parsed row, read by column name. */
    record Parsed(TableContract table, InternalRow row) {
        int index(String column) {
            return table.columnNames().indexOf(column);
        }

        Object value(String column) {
            int i = index(column);
            if (row.isNullAt(i)) {
                return null;
            }
            return switch (table.column(column).orElseThrow().type()) {
                case STRING -> row.getUTF8String(i).toString();
                case BOOLEAN -> row.getBoolean(i);
                case INT -> row.getInt(i);
                case LONG -> row.getLong(i);
                case DOUBLE -> row.getDouble(i);
                case DATE -> LocalDate.ofEpochDay(row.getInt(i));
                case TIMESTAMP -> Instant.EPOCH.plus(row.getLong(i), ChronoUnit.MICROS);
            };
        }

        long line() {
            return row.getLong(table.columns().size());
        }

        /** column_name, raw_value, reason, message, raw_record; null when kept. */
        List<String> quarantine() {
            int i = table.columns().size() + 1;
            if (row.isNullAt(i)) {
                return null;
            }
            InternalRow q = row.getStruct(i, 5);
            List<String> out = new ArrayList<>();
            for (int f = 0; f < 5; f++) {
                out.add(q.isNullAt(f) ? null : q.getUTF8String(f).toString());
            }
            return out;
        }

        /** column_name, raw_value, message of each warning. */
        List<List<String>> warnings() {
            int i = table.columns().size() + 2;
            List<List<String>> out = new ArrayList<>();
            if (row.isNullAt(i)) {
                return out;
            }
            ArrayData a = row.getArray(i);
            for (int w = 0; w < a.numElements(); w++) {
                InternalRow s = a.getStruct(w, 3);
                out.add(List.of(s.getUTF8String(0).toString(), s.getUTF8String(1).toString(), s.getUTF8String(2).toString()));
            }
            return out;
        }
    }

    /** Parses the records after the header of {@code csv}. */
    static List<Parsed> parse(TableContract table, String csv, String zone) {
        try {
            CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    0, 1, 1 << 20);
            reader.next();
            List<String> header = new ArrayList<>();
            for (int i = 0; i < reader.fieldCount(); i++) {
                header.add(reader.field(i));
            }
            RowParser parser = new RowParser(new ParseSettings(HeaderBinding.bind(table, table.fileName(), header), zone, STAGES));
            List<Parsed> out = new ArrayList<>();
            while (reader.next()) {
                out.add(new Parsed(table, parser.parse(reader).copy()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Parsed one(TableContract table, String csv) {
        return parse(table, csv, "UTC").get(0);
    }

    @Test
    void defaults_apply_to_empty_values_and_to_columns_the_file_lacks() {
        Parsed p = one(Tables.USERS, "user_id,name,email,role\nU1,Ann,ann@x.io,\n");

        assertThat(p.value("role")).isEqualTo("rep");
        assertThat(p.value("active")).isEqualTo(true);
        assertThat(p.value("locale")).isNull();
        assertThat(p.quarantine()).isNull();
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void allowed_values_booleans_and_zones_are_normalised() {
        Parsed p = one(Tables.USERS, "user_id,name,email,role,active,time_zone,locale\n"
                + " U1 , Ann ,ann@x.io, Manager ,YES,asia/shanghai,ZH\n");

        assertThat(p.value("user_id")).isEqualTo("U1");
        assertThat(p.value("name")).isEqualTo("Ann");
        assertThat(p.value("role")).isEqualTo("manager");
        assertThat(p.value("active")).isEqualTo(true);
        assertThat(p.value("time_zone")).isEqualTo("Asia/Shanghai");
        assertThat(p.value("locale")).isEqualTo("zh");
    }

    @Test
    void optional_values_that_do_not_parse_or_are_not_allowed_become_null_with_an_invalid_value_warning() {
        Parsed p = one(Tables.USERS, "user_id,name,email,role,active,time_zone\nU1,Ann,ann@x.io,ceo,maybe,Mars/Olympus\n");

        assertThat(p.quarantine()).isNull();
        assertThat(p.value("role")).isNull();
        assertThat(p.value("active")).isNull();
        assertThat(p.value("time_zone")).isNull();
        assertThat(p.warnings()).containsExactly(
                List.of("role", "ceo", "role 'ceo' is not one of rep, manager, executive, admin; stored as null"),
                List.of("time_zone", "Mars/Olympus", "time_zone 'Mars/Olympus' is not an IANA time zone (such as Asia/Shanghai or Europe/Berlin); stored as null"),
                List.of("active", "maybe", "active 'maybe' is not a boolean (true/false, 1/0, yes/no); stored as null"));
    }

    static final String OPP_HEADER = "opportunity_id,account_id,owner_id,amount,currency,stage,probability,created_at,close_date,modified_at\n";

    @Test
    void an_opportunity_gets_the_model_spelling_of_its_stage_an_upper_case_currency_and_its_created_date() {
        List<Parsed> rows = parse(Tables.OPPORTUNITIES, OPP_HEADER
                + "O1,A1,R1,1000.5,usd, closed WON ,100,2026-06-29T20:00:00Z,2026-07-01,2026-06-29T20:00:00Z\n", "Asia/Shanghai");

        Parsed p = rows.get(0);
        assertThat(p.quarantine()).isNull();
        assertThat(p.value("stage")).isEqualTo("Closed Won");
        assertThat(p.value("currency")).isEqualTo("USD");
        assertThat(p.value("amount")).isEqualTo(1000.5);
        assertThat(p.value("created_date")).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(p.value("close_date")).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(p.line()).isEqualTo(2);
    }

    @Test
    void each_required_value_problem_quarantines_the_row_with_its_reason_column_and_raw_value() {
        List<Parsed> rows = parse(Tables.OPPORTUNITIES, OPP_HEADER
                + "O1,A1,R1,10,USD,Prospecting,10,2026-01-01,,2026-01-01\n"
                + "O2,A1,R1,10,USD,Prospecting,10,2026-01-01,2026-02-30,2026-01-01\n"
                + "O3,A1,R1,10,US$,Prospecting,10,2026-01-01,2026-02-01,2026-01-01\n"
                + "O4,A1,R1,10,XYZ,Prospecting,10,2026-01-01,2026-02-01,2026-01-01\n"
                + "O5,A1,R1,10,EUR,Closed Maybe,10,2026-01-01,2026-02-01,2026-01-01\n"
                + "O6,A1,R1,10,EUR,Prospecting,10,2026-01-01,2026-02-01\n", "UTC");

        assertThat(rows).extracting(p -> p.quarantine().subList(0, 3)).containsExactly(
                List.of("close_date", "", "missing_required"),
                List.of("close_date", "2026-02-30", "unparseable"),
                List.of("currency", "US$", "bad_currency"),
                List.of("currency", "XYZ", "bad_currency"),
                List.of("stage", "Closed Maybe", "unknown_stage"),
                java.util.Arrays.asList(null, null, "malformed_record"));
        assertThat(rows.get(4).quarantine().get(3)).isEqualTo("stage 'Closed Maybe' is not a stage of the stage model"
                + " (Prospecting, Closed Won, Closed Lost); add it to stages.csv or correct the row");
        assertThat(rows.get(5).quarantine().get(3)).isEqualTo("the record has 9 fields but the header has 10"
                + " (a missing or extra comma, or a quote that is not closed?)");
        assertThat(rows.get(5).quarantine().get(4)).isEqualTo("O6,A1,R1,10,EUR,Prospecting,10,2026-01-01,2026-02-01");
        assertThat(rows).extracting(Parsed::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(rows.get(0).value("opportunity_id")).as("data columns of a quarantined row are null").isNull();
    }

    @Test
    void a_row_with_several_problems_is_quarantined_once_naming_the_first_and_listing_all() {
        Parsed p = one(Tables.OPPORTUNITIES, OPP_HEADER + ",A1,R1,abc,USD,Nope,10,2026-01-01,2026-02-01,2026-01-01\n");

        assertThat(p.quarantine().subList(0, 3)).containsExactly("opportunity_id", "", "missing_required");
        assertThat(p.quarantine().get(3)).isEqualTo("opportunity_id is required but empty; stage 'Nope' is not a stage"
                + " of the stage model (Prospecting, Closed Won, Closed Lost); add it to stages.csv or correct the row");
    }

    @Test
    void an_optional_number_that_does_not_parse_or_is_out_of_range_is_a_warning() {
        List<Parsed> rows = parse(Tables.OPPORTUNITIES, OPP_HEADER
                + "O1,A1,R1,\"1,000\",USD,Prospecting,150,2026-01-01,2026-02-01,2026-01-01\n", "UTC");

        assertThat(rows.get(0).quarantine()).isNull();
        assertThat(rows.get(0).value("amount")).isNull();
        assertThat(rows.get(0).value("probability")).isNull();
        assertThat(rows.get(0).warnings()).extracting(w -> w.subList(0, 2))
                .containsExactly(List.of("amount", "1,000"), List.of("probability", "150"));
    }

    @Test
    void required_enums_outside_their_list_are_not_allowed() {
        Parsed p = one(Tables.ACTIVITIES, "activity_id,type,owner_id,occurred_at\nA1,Visit,R1,2026-01-01T10:00:00+08:00\n");

        assertThat(p.quarantine().subList(0, 4)).containsExactly("type", "Visit", "not_allowed",
                "type 'Visit' is not one of call, email, meeting, demo, note, other");
    }

    @Test
    void activities_get_their_local_date_and_year_and_lower_case_types() {
        List<Parsed> rows = parse(Tables.ACTIVITIES, "activity_id,type,owner_id,occurred_at\n"
                + "A1,CALL,R1,2025-12-31T20:30:00-05:00\n", "UTC");

        assertThat(rows.get(0).value("type")).isEqualTo("call");
        assertThat(rows.get(0).value("occurred_date")).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(rows.get(0).value("occurred_year")).isEqualTo(2026);
    }

    @Test
    void a_quota_must_name_exactly_one_of_owner_and_team_and_gets_its_id() {
        List<Parsed> rows = parse(Tables.QUOTAS, "owner_id,team_id,period_start,period_end,amount,currency,metric\n"
                + "R1,,2026-01-01,2026-03-31,1000,USD,\n"
                + ",T1,2026-01-01,2026-03-31,5000,EUR,Bookings\n"
                + "R1,T1,2026-01-01,2026-03-31,1000,USD,\n"
                + ",,2026-01-01,2026-03-31,1000,USD,\n", "UTC");

        assertThat(rows.get(0).value("quota_id")).isEqualTo("user:R1|2026-01-01|2026-03-31|bookings");
        assertThat(rows.get(1).value("quota_id")).isEqualTo("team:T1|2026-01-01|2026-03-31|bookings");
        assertThat(rows.get(2).quarantine().subList(0, 4)).containsExactly("team_id", "T1", "quota_owner_and_team",
                "a quota row must name exactly one of owner_id and team_id; this one names both");
        assertThat(rows.get(3).quarantine().subList(0, 4)).containsExactly("owner_id", "", "quota_owner_and_team",
                "a quota row must name exactly one of owner_id and team_id; this one names neither");
    }

    @Test
    void stages_and_rates_check_their_ranges() {
        List<Parsed> stages = parse(Tables.STAGES, "stage,position,probability,category\n"
                + "Lead,1,10,Open\nBad,0,10,open\nWorse,2,101,open\nOdd,3,50,maybe\n", "UTC");
        assertThat(stages.get(0).value("category")).isEqualTo("open");
        assertThat(stages.subList(1, 4)).extracting(p -> p.quarantine().subList(0, 3)).containsExactly(
                List.of("position", "0", "not_allowed"),
                List.of("probability", "101", "not_allowed"),
                List.of("category", "maybe", "not_allowed"));

        List<Parsed> rates = parse(Tables.EXCHANGE_RATES, "currency,rate,valid_from,valid_to\n"
                + "eur,1.1,2026-01-01,\nEUR,0,2026-01-01,\nEUR,1.1,2026-02-01,2026-02-01\n", "UTC");
        assertThat(rates.get(0).value("currency")).isEqualTo("EUR");
        assertThat(rates.get(0).value("valid_to")).isNull();
        assertThat(rates.get(1).quarantine().subList(0, 3)).containsExactly("rate", "0", "not_allowed");
        assertThat(rates.get(2).quarantine().subList(0, 4)).containsExactly("valid_to", "2026-02-01", "not_allowed",
                "valid_to 2026-02-01 is not after valid_from 2026-02-01 (valid_to is exclusive)");
    }

    @Test
    void a_parser_asked_for_some_columns_returns_exactly_those_values_and_still_checks_the_others() throws IOException {
        String csv = OPP_HEADER + "O1,A1,R1,10,EUR,Prospecting,10,2026-01-01,2026-02-01,2026-01-01\n"
                + "O2,,R1,10,EUR,Prospecting,10,2026-01-01,2026-02-01,2026-01-01\n";
        TableContract t = Tables.OPPORTUNITIES;
        int width = t.columns().size();
        int[] wanted = {t.columnNames().indexOf("opportunity_id"), t.columnNames().indexOf("amount"), width, width + 1};
        CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 0, 1, 1 << 20);
        reader.next();
        List<String> header = new ArrayList<>();
        for (int i = 0; i < reader.fieldCount(); i++) {
            header.add(reader.field(i));
        }
        ParseSettings settings = new ParseSettings(HeaderBinding.bind(t, "opportunities.csv", header), "UTC", STAGES);
        RowParser pruned = new RowParser(settings, wanted);

        reader.next();
        InternalRow first = pruned.parse(reader, wanted).copy();
        reader.next();
        InternalRow second = pruned.parse(reader, wanted).copy();

        assertThat(first.numFields()).isEqualTo(4);
        assertThat(first.getUTF8String(0).toString()).isEqualTo("O1");
        assertThat(first.getDouble(1)).isEqualTo(10.0);
        assertThat(first.getLong(2)).isEqualTo(2);
        assertThat(first.isNullAt(3)).as("kept").isTrue();
        assertThat(second.isNullAt(0)).isTrue();
        assertThat(second.getStruct(3, 5).getUTF8String(2).toString()).as("account_id is still checked").isEqualTo("missing_required");
    }

    @Test
    void quoted_text_keeps_its_commas_quotes_and_newlines() {
        Parsed p = one(Tables.ACCOUNTS, "account_id,name\nA1,\"Boreal \"\"Rock\"\", Inc.\nNorth\"\n");

        assertThat(p.value("name")).isEqualTo("Boreal \"Rock\", Inc.\nNorth");
    }
}
