package io.salescope.ingest.profile;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.ColumnType;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.ingest.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Column specs and conditions, bound to a header and evaluated on records, without Spark. */
class ValueSpecTest {

    static final ForeignHeader HEADER = new ForeignHeader(List.of("Id", " First Name ", "Last Name", "Stage", "Amount",
            "Closed", "When", "Epoch", "Ids", "Owner", "Rate", "Prob"));

    static final ProfileContext WHERE = new ProfileContext("profile test", "deals.csv");

    static String eval(String yaml, ColumnType type, String... values) {
        return eval(yaml, Column.optional("c", type), Formats.NONE, values);
    }

    static String eval(String yaml, Column target, Formats formats, String... values) {
        ValueSpec spec = ValueSpec.parse(node(yaml), WHERE);
        List<String> missing = new ArrayList<>();
        ValueExpr e = spec.bind(new ValueSpec.Binding(HEADER, WHERE, target, "t", formats, Map.of(), "EUR", missing::add));
        assertThat(missing).isEmpty();
        return e.eval(i -> i < values.length && !values[i].isEmpty() ? values[i] : null);
    }

    static YamlNode node(String yaml) {
        try {
            return ((YamlNode.MapNode) YamlNode.parse("x: " + yaml)).get("x");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void columns_match_ignoring_case_and_spaces_and_a_list_takes_the_first_non_empty() {
        assertThat(eval("first name", ColumnType.STRING, "1", "Ada")).isEqualTo("Ada");
        assertThat(eval("{column: [Owner, Last Name]}", ColumnType.STRING, "1", "", "Lovelace")).isEqualTo("Lovelace");
        assertThat(eval("{column: [NoSuch, Last Name]}", ColumnType.STRING, "1", "", "Lovelace")).isEqualTo("Lovelace");
    }

    @Test
    void templates_constants_and_cases_compute_values() {
        assertThat(eval("{template: \"{First Name} {Last Name}\"}", ColumnType.STRING, "1", "Ada", "Lovelace"))
                .isEqualTo("Ada Lovelace");
        assertThat(eval("{template: \"{First Name} {Last Name}\"}", ColumnType.STRING, "1", "", "Lovelace"))
                .isEqualTo("Lovelace");
        assertThat(eval("{template: \"{First Name} {Last Name}\"}", ColumnType.STRING, "1")).isNull();
        assertThat(eval("{value: $reporting_currency}", ColumnType.STRING)).isEqualTo("EUR");
        String cases = "{cases: [{if: {column: Closed, in: [\"1\", \"true\"]}, column: Stage}, {value: open}]}";
        assertThat(eval(cases, ColumnType.STRING, "1", "", "", "Won", "", "TRUE")).isEqualTo("Won");
        assertThat(eval(cases, ColumnType.STRING, "1", "", "", "Won", "", "0")).isEqualTo("open");
    }

    @Test
    void steps_run_in_order_null_replace_split_strip_case_map_affix_arithmetic() {
        assertThat(eval("{column: Ids, split: \";\", part: last}", ColumnType.STRING, "", "", "", "", "", "", "", "", "a; b;c"))
                .isEqualTo("c");
        assertThat(eval("{column: Stage, replace: {\" \\\\(.*\\\\)$\": \"\"}, map: {closed won: Won}}", ColumnType.STRING,
                "", "", "", "Closed Won (Sales Pipeline)")).isEqualTo("Won");
        assertThat(eval("{column: Stage, map: {a: b}}", ColumnType.STRING, "", "", "", "Other")).isEqualTo("Other");
        assertThat(eval("{column: Stage, map: {a: b}, otherwise: null, default: none}", ColumnType.STRING, "", "", "", "x"))
                .isEqualTo("none");
        assertThat(eval("{column: Owner, strip_prefix: zcrm_, prefix: \"u-\"}", ColumnType.STRING,
                "", "", "", "", "", "", "", "", "", "zcrm_42")).isEqualTo("u-42");
        assertThat(eval("{column: Rate, invert: true}", ColumnType.DOUBLE, "", "", "", "", "", "", "", "", "", "", "0.8"))
                .isEqualTo("1.25");
        assertThat(eval("{column: Prob, multiply: 100}", ColumnType.DOUBLE, "", "", "", "", "", "", "", "", "", "", "", "0.35"))
                .isEqualTo("35");
        assertThat(eval("{column: Amount, null_if: [\"n/a\"], else: {value: \"0\"}}", ColumnType.DOUBLE, "", "", "", "", "N/A"))
                .isEqualTo("0");
        assertThat(eval("{column: Amount, divide: 60}", ColumnType.DOUBLE, "", "", "", "", "not a number"))
                .isEqualTo("not a number");
    }

    @Test
    void dates_and_timestamps_become_iso_with_the_sources_zone_and_epochs() {
        Formats formats = new Formats("Europe/Berlin", List.of("dd.MM.yyyy HH:mm", "yyyy-MM-dd'T'HH:mm:ss.SSSX"),
                List.of("dd.MM.yyyy"), List.of("ja"), List.of("nein"), List.of(), null, "millis");
        Column ts = Column.optional("t", ColumnType.TIMESTAMP);
        assertThat(eval("When", ts, formats, "", "", "", "", "", "", "05.03.2024 14:22")).isEqualTo("2024-03-05T13:22:00Z");
        assertThat(eval("When", ts, formats, "", "", "", "", "", "", "2024-03-05T14:22:10.000Z")).isEqualTo("2024-03-05T14:22:10Z");
        assertThat(eval("Epoch", ts, formats, "", "", "", "", "", "", "", "1709648530000")).isEqualTo("2024-03-05T14:22:10Z");
        assertThat(eval("When", ts, formats, "", "", "", "", "", "", "yesterday")).isEqualTo("yesterday");
        assertThat(eval("When", Column.optional("d", ColumnType.DATE), formats, "", "", "", "", "", "", "05.03.2024"))
                .isEqualTo("2024-03-05");
        assertThat(eval("When", Column.optional("b", ColumnType.BOOLEAN), formats, "", "", "", "", "", "", "Ja"))
                .isEqualTo("true");
        // Without a zone a local time is left for the ingest's default zone, with its seconds.
        Formats local = new Formats(null, List.of("yyyy-MM-dd HH:mm"), List.of(), List.of(), List.of(), List.of(), null, null);
        assertThat(eval("When", ts, local, "", "", "", "", "", "", "2024-03-05 14:22")).isEqualTo("2024-03-05T14:22:00");
    }

    @Test
    void salesforce_ids_in_id_columns_get_their_18_character_form() {
        Formats sf = new Formats(null, List.of(), List.of(), List.of(), List.of(), List.of("000000000000000AAA"), "salesforce",
                null);
        Column id = Column.optional("owner_id", ColumnType.STRING);
        assertThat(eval("Owner", id, sf, "", "", "", "", "", "", "", "", "", "001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
        assertThat(eval("Owner", id, sf, "", "", "", "", "", "", "", "", "", "000000000000000AAA")).isNull();
        assertThat(eval("Owner", Column.optional("name", ColumnType.STRING), sf, "", "", "", "", "", "", "", "", "",
                "001A0000006Vm9r")).isEqualTo("001A0000006Vm9r");
    }

    @Test
    void a_missing_source_column_is_an_error_for_required_columns_and_a_note_otherwise() {
        ValueSpec spec = ValueSpec.parse(node("CloseDate"), WHERE);
        List<String> notes = new ArrayList<>();
        assertThatThrownBy(() -> spec.bind(new ValueSpec.Binding(HEADER, WHERE, Column.required("close_date", ColumnType.DATE),
                "opportunities", Formats.NONE, Map.of(), "USD", notes::add)))
                .hasMessageStartingWith("profile test, line 1: deals.csv has no column 'CloseDate', which the profile maps"
                        + " to the required column opportunities.close_date");
        spec.bind(new ValueSpec.Binding(HEADER, WHERE, Column.optional("lost_reason", ColumnType.STRING), "opportunities",
                Formats.NONE, Map.of(), "USD", notes::add));
        assertThat(notes).singleElement().asString().contains("deals.csv has no column 'CloseDate'")
                .contains("opportunities.lost_reason");
        ValueSpec optional = ValueSpec.parse(node("{column: CloseDate, optional: true}"), WHERE);
        List<String> none = new ArrayList<>();
        optional.bind(new ValueSpec.Binding(HEADER, WHERE, Column.optional("lost_reason", ColumnType.STRING),
                "opportunities", Formats.NONE, Map.of(), "USD", none::add));
        assertThat(none).isEmpty();
    }

    @Test
    void a_mapping_filters_marks_deletions_and_keeps_the_foreign_line_and_raw_text() {
        MappingProfile p = MappingProfile.parse("""
                tables:
                  users:
                    from: u.csv
                    columns: {user_id: Id, name: {template: "{First Name} {Last Name}"}, email: Owner}
                    where: {column: Stage, not_in: [inactive]}
                    deleted_if: {column: Closed, in: ["1"]}
                  accounts: {from: a.csv, columns: {account_id: Id, name: Id}}
                  opportunities:
                    from: o.csv
                    columns: {opportunity_id: Id, account_id: Id, owner_id: Id, currency: {value: USD}, stage: Stage,
                              created_at: When, close_date: When, modified_at: When}
                """, "profile t");
        TableContract users = Tables.USERS;
        RecordMapping m = ProfileSource.bindMapping(p, "USD", Map.of(), users, p.tables().get(users).get(0), HEADER, "u.csv",
                new ArrayList<>(), HEADER.size());
        assertThat(m.header()).containsExactly("user_id", "name", "email");
        TextRecord in = new TextRecord();
        String[] row = {"7", "Ada", "Lovelace", "active", "", "0", "", "", "", "ada@example.com", "", ""};
        SourceRecord out = m.map(in.set(row, 12, "7,Ada,...", null, SourceRecord.Disposition.DATA));
        assertThat(out.disposition()).isEqualTo(SourceRecord.Disposition.DATA);
        assertThat(out.line()).isEqualTo(12);
        assertThat(out.rawText()).isEqualTo("7,Ada,...");
        assertThat(((TextRecord) out).text(1)).isEqualTo("Ada Lovelace");
        row[3] = "INACTIVE";
        assertThat(m.map(in.set(row, 13, "", null, SourceRecord.Disposition.DATA)).disposition())
                .isEqualTo(SourceRecord.Disposition.FILTERED);
        row[3] = "active";
        row[5] = "1";
        assertThat(m.map(in.set(row, 14, "", null, SourceRecord.Disposition.DATA)).disposition())
                .isEqualTo(SourceRecord.Disposition.DELETED);
        assertThat(m.map(in.set(new String[] {"7", "Ada"}, 15, "7,Ada", null, SourceRecord.Disposition.DATA))
                .malformedReason()).contains("has 2 fields but the header has 12");
    }
}
