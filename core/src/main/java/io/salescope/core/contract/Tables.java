package io.salescope.core.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.salescope.core.contract.Column.derived;
import static io.salescope.core.contract.Column.optional;
import static io.salescope.core.contract.Column.required;
import static io.salescope.core.contract.ColumnType.BOOLEAN;
import static io.salescope.core.contract.ColumnType.DATE;
import static io.salescope.core.contract.ColumnType.DOUBLE;
import static io.salescope.core.contract.ColumnType.INT;
import static io.salescope.core.contract.ColumnType.LONG;
import static io.salescope.core.contract.ColumnType.STRING;
import static io.salescope.core.contract.ColumnType.TIMESTAMP;

/**
 * The warehouse's table contracts: the export format v1 ({@code crm-export-v1.md}) plus the
 * columns ingest derives. Spark jobs build their schemas from these, the query engine its
 * views; nothing else spells a table's columns.
 */
public final class Tables {

    private Tables() {
    }

    public static final TableContract USERS = new TableContract("users", "users.csv", true, List.of(
            required("user_id", STRING),
            required("name", STRING),
            required("email", STRING),
            optional("team_id", STRING),
            optional("manager_id", STRING),
            optional("role", STRING).allowing("rep", "manager", "executive", "admin").withDefault("rep"),
            optional("time_zone", STRING).describedAs("IANA zone; an unknown zone is stored as null with a warning"),
            optional("locale", STRING).allowing("en", "zh"),
            optional("active", BOOLEAN).withDefault("true"),
            optional("slack_user_id", STRING)),
            List.of("user_id"), null, List.of(),
            List.of(new Reference("team_id", "teams", "team_id"), new Reference("manager_id", "users", "user_id")));

    public static final TableContract TEAMS = new TableContract("teams", "teams.csv", false, List.of(
            required("team_id", STRING),
            required("name", STRING),
            optional("region", STRING),
            optional("parent_team_id", STRING)),
            List.of("team_id"), null, List.of(),
            List.of(new Reference("parent_team_id", "teams", "team_id")));

    public static final TableContract ACCOUNTS = new TableContract("accounts", "accounts.csv", true, List.of(
            required("account_id", STRING),
            required("name", STRING),
            optional("industry", STRING),
            optional("segment", STRING),
            optional("region", STRING),
            optional("country", STRING),
            optional("owner_id", STRING),
            optional("priority", STRING).allowing("high", "medium", "low"),
            optional("created_at", TIMESTAMP),
            optional("modified_at", TIMESTAMP)),
            List.of("account_id"), "modified_at", List.of(),
            List.of(new Reference("owner_id", "users", "user_id")));

    public static final TableContract CONTACTS = new TableContract("contacts", "contacts.csv", false, List.of(
            required("contact_id", STRING),
            required("account_id", STRING),
            optional("first_name", STRING),
            optional("last_name", STRING),
            optional("email", STRING),
            optional("phone", STRING),
            optional("title", STRING),
            optional("owner_id", STRING),
            optional("created_at", TIMESTAMP),
            optional("modified_at", TIMESTAMP)),
            List.of("contact_id"), "modified_at", List.of(),
            List.of(new Reference("account_id", "accounts", "account_id"), new Reference("owner_id", "users", "user_id")));

    public static final TableContract PRODUCTS = new TableContract("products", "products.csv", false, List.of(
            required("product_id", STRING),
            required("name", STRING),
            optional("family", STRING),
            optional("list_price", DOUBLE),
            optional("currency", STRING)),
            List.of("product_id"), null, List.of(), List.of());

    /** The stage model; when stages.csv is absent ingest writes the spec's default model here. */
    public static final TableContract STAGES = new TableContract("stages", "stages.csv", false, List.of(
            required("stage", STRING),
            required("position", INT),
            required("probability", DOUBLE),
            required("category", STRING).allowing("open", "won", "lost"),
            optional("forecast_category", STRING).allowing("pipeline", "best_case", "commit", "closed", "omitted")),
            List.of("stage"), null, List.of(), List.of());

    public static final TableContract OPPORTUNITIES = new TableContract("opportunities", "opportunities.csv", true, List.of(
            required("opportunity_id", STRING),
            required("account_id", STRING),
            required("owner_id", STRING),
            optional("name", STRING),
            optional("product_id", STRING),
            optional("amount", DOUBLE),
            required("currency", STRING).describedAs("ISO 4217; a malformed code is quarantined"),
            required("stage", STRING).describedAs("the stage model's spelling of the stage; an unknown stage is quarantined"),
            optional("probability", DOUBLE),
            optional("forecast_category", STRING).allowing("pipeline", "best_case", "commit", "closed", "omitted"),
            optional("type", STRING).allowing("new_business", "expansion", "renewal"),
            optional("lead_source", STRING),
            required("created_at", TIMESTAMP),
            required("close_date", DATE),
            optional("closed_at", TIMESTAMP),
            optional("lost_reason", STRING),
            required("modified_at", TIMESTAMP),
            optional("exchange_rate", DOUBLE).describedAs("extension: reporting-currency units per unit of currency for"
                    + " this row alone (CRMs that store a rate per record, e.g. Zoho); when set it is used instead of"
                    + " exchange_rates").asExtension(),
            derived("stage_category", STRING, "open, won or lost: the category of the current stage"),
            derived("stage_position", INT, "the current stage's position in the stage model"),
            derived("stage_probability", DOUBLE, "the current stage's default probability, 0-100"),
            derived("amount_converted", DOUBLE, "amount in the reporting currency at the rate valid on close_date; null when no rate"),
            derived("conversion_rate", DOUBLE, "the rate used: reporting-currency units per unit of currency"),
            derived("rate_date", DATE, "valid_from of the rate used; null for the reporting currency and rows with their own exchange_rate"),
            derived("created_date", DATE, "created_at's date in the default zone")),
            List.of("opportunity_id"), "modified_at", List.of(),
            List.of(new Reference("account_id", "accounts", "account_id"),
                    new Reference("owner_id", "users", "user_id"),
                    new Reference("product_id", "products", "product_id")));

    public static final TableContract OPPORTUNITY_HISTORY = new TableContract("opportunity_history", "opportunity_history.csv", false, List.of(
            required("opportunity_id", STRING),
            required("changed_at", TIMESTAMP),
            required("stage", STRING),
            optional("amount", DOUBLE),
            optional("currency", STRING),
            optional("close_date", DATE),
            optional("forecast_category", STRING).allowing("pipeline", "best_case", "commit", "closed", "omitted"),
            optional("probability", DOUBLE),
            optional("changed_by", STRING),
            derived("stage_category", STRING, "open, won or lost"),
            derived("stage_position", INT, "position of the stage in the stage model"),
            derived("amount_converted", DOUBLE, "amount at the rate valid on this row's close_date (else the change date); null when no rate"),
            derived("changed_date", DATE, "changed_at's date in the default zone")),
            List.of("opportunity_id", "changed_at", "stage"), null, List.of(),
            List.of(new Reference("opportunity_id", "opportunities", "opportunity_id"),
                    new Reference("changed_by", "users", "user_id")));

    public static final TableContract ACTIVITIES = new TableContract("activities", "activities.csv", false, List.of(
            required("activity_id", STRING),
            required("type", STRING).allowing("call", "email", "meeting", "demo", "note", "other"),
            required("owner_id", STRING),
            required("occurred_at", TIMESTAMP),
            optional("account_id", STRING),
            optional("contact_id", STRING),
            optional("opportunity_id", STRING),
            optional("duration_minutes", DOUBLE),
            optional("direction", STRING).allowing("inbound", "outbound"),
            optional("outcome", STRING),
            optional("subject", STRING),
            derived("occurred_date", DATE, "occurred_at's date in the default zone"),
            derived("occurred_year", INT, "partition column: the calendar year of occurred_date")),
            List.of("activity_id"), null, List.of("occurred_year"),
            List.of(new Reference("owner_id", "users", "user_id"),
                    new Reference("account_id", "accounts", "account_id"),
                    new Reference("contact_id", "contacts", "contact_id"),
                    new Reference("opportunity_id", "opportunities", "opportunity_id")));

    public static final TableContract TASKS = new TableContract("tasks", "tasks.csv", false, List.of(
            required("task_id", STRING),
            required("owner_id", STRING),
            required("subject", STRING),
            required("due_at", TIMESTAMP),
            required("status", STRING).allowing("open", "completed", "cancelled"),
            optional("priority", STRING).allowing("high", "normal", "low"),
            optional("created_by", STRING),
            optional("created_at", TIMESTAMP),
            optional("completed_at", TIMESTAMP),
            optional("account_id", STRING),
            optional("opportunity_id", STRING),
            optional("modified_at", TIMESTAMP)),
            List.of("task_id"), "modified_at", List.of(),
            List.of(new Reference("owner_id", "users", "user_id"),
                    new Reference("created_by", "users", "user_id"),
                    new Reference("account_id", "accounts", "account_id"),
                    new Reference("opportunity_id", "opportunities", "opportunity_id")));

    public static final TableContract QUOTAS = new TableContract("quotas", "quotas.csv", false, List.of(
            optional("owner_id", STRING).describedAs("exactly one of owner_id and team_id; otherwise the row is quarantined"),
            optional("team_id", STRING),
            required("period_start", DATE),
            required("period_end", DATE),
            required("amount", DOUBLE),
            required("currency", STRING),
            optional("metric", STRING).allowing("bookings").withDefault("bookings"),
            derived("quota_id", STRING, "identity: user:<owner_id>|<start>|<end>|<metric> or team:<team_id>|..."),
            derived("amount_converted", DOUBLE, "amount at the rate valid on period_start; null when no rate"),
            derived("conversion_rate", DOUBLE, "the rate used"),
            derived("rate_date", DATE, "valid_from of the rate used")),
            List.of("quota_id"), null, List.of(),
            List.of(new Reference("owner_id", "users", "user_id"), new Reference("team_id", "teams", "team_id")));

    public static final TableContract EXCHANGE_RATES = new TableContract("exchange_rates", "exchange_rates.csv", false, List.of(
            required("currency", STRING),
            required("rate", DOUBLE),
            required("valid_from", DATE),
            optional("valid_to", DATE)),
            List.of("currency", "valid_from"), null, List.of(), List.of());

    public static final TableContract LEADS = new TableContract("leads", "leads.csv", false, List.of(
            required("lead_id", STRING),
            required("created_at", TIMESTAMP),
            optional("source", STRING),
            optional("owner_id", STRING),
            required("status", STRING).allowing("open", "qualified", "converted", "disqualified"),
            optional("converted_at", TIMESTAMP),
            optional("converted_account_id", STRING),
            optional("converted_opportunity_id", STRING),
            optional("company", STRING),
            optional("country", STRING),
            optional("modified_at", TIMESTAMP),
            optional("first_name", STRING).describedAs("extension; personal data, encrypted at rest").asExtension(),
            optional("last_name", STRING).describedAs("extension; personal data, encrypted at rest").asExtension(),
            optional("email", STRING).describedAs("extension; personal data, encrypted at rest").asExtension(),
            optional("phone", STRING).describedAs("extension; personal data, encrypted at rest").asExtension(),
            optional("title", STRING).describedAs("extension").asExtension(),
            derived("created_date", DATE, "created_at's date in the default zone")),
            List.of("lead_id"), "modified_at", List.of(),
            List.of(new Reference("owner_id", "users", "user_id"),
                    new Reference("converted_account_id", "accounts", "account_id"),
                    new Reference("converted_opportunity_id", "opportunities", "opportunity_id")));

    /** Rows ingest rejected, with everything needed to find and fix them. Append-only across runs. */
    public static final TableContract QUARANTINE = new TableContract("quarantine", null, false, List.of(
            required("run_id", STRING),
            required("table_name", STRING),
            required("source_file", STRING),
            required("line", LONG).describedAs("1-based line where the record starts; the header is line 1"),
            optional("column_name", STRING),
            optional("raw_value", STRING),
            required("reason", STRING).describedAs("a code: missing_required, unparseable, not_allowed, unknown_stage, bad_currency, quota_owner_and_team, malformed_record"),
            required("message", STRING),
            required("raw_record", STRING).describedAs("the record as it stood in the file")),
            List.of(), null, List.of(), List.of());

    /** Warnings of kept rows (one row per occurrence), per run. Append-only across runs. */
    public static final TableContract INGEST_WARNINGS = new TableContract("ingest_warnings", null, false, List.of(
            required("run_id", STRING),
            required("table_name", STRING),
            required("source_file", STRING),
            optional("line", LONG),
            required("kind", STRING).describedAs("unknown_column, invalid_value, dangling_reference, no_rate"),
            optional("column_name", STRING),
            optional("raw_value", STRING),
            required("message", STRING)),
            List.of(), null, List.of(), List.of());

    /**
     * Win probability of every open opportunity at the forecast's as-of date, with its top
     * factors. Written by the forecasting job; read by the engine and the bot.
     */
    public static final TableContract WIN_SCORES = new TableContract("win_scores", null, false, List.of(
            required("opportunity_id", STRING),
            required("as_of_date", DATE),
            required("model_version", STRING),
            required("method", STRING).describedAs("model, or stage_fallback when there were too few closed deals to train"),
            required("probability", DOUBLE).describedAs("calibrated P(won), 0..1"),
            optional("stage_probability", DOUBLE).describedAs("the stage model's default probability, 0..1"),
            optional("owner_id", STRING),
            optional("stage", STRING),
            optional("amount_converted", DOUBLE),
            optional("close_date", DATE),
            optional("top_positive_en", STRING).describedAs("JSON array of up to three factors raising the score, in English"),
            optional("top_negative_en", STRING).describedAs("JSON array of up to three factors lowering the score, in English"),
            optional("top_positive_zh", STRING).describedAs("the same in Chinese"),
            optional("top_negative_zh", STRING).describedAs("the same in Chinese")),
            List.of("opportunity_id"), null, List.of(), List.of());

    /** Every forecast run's scores, appended, for "whose win probability dropped the most". */
    public static final TableContract WIN_SCORE_HISTORY = new TableContract("win_score_history", null, false, List.of(
            required("opportunity_id", STRING),
            required("as_of_date", DATE),
            required("model_version", STRING),
            required("probability", DOUBLE),
            optional("owner_id", STRING)),
            List.of("opportunity_id", "as_of_date"), null, List.of(), List.of());

    /**
     * Expected bookings per period and scope, written by the forecasting job: closed so far +
     * expected from open deals + expected from deals not yet created, with an 80% interval.
     */
    public static final TableContract FORECAST_BOOKINGS = new TableContract("forecast_bookings", null, false, List.of(
            required("as_of_date", DATE),
            required("model_version", STRING),
            required("granularity", STRING).allowing("month", "quarter"),
            required("period_label", STRING).describedAs("2026-Q3 or 2026-07"),
            required("period_start", DATE),
            required("period_end", DATE),
            required("scope_type", STRING).allowing("company", "team", "rep"),
            optional("scope_id", STRING).describedAs("team_id or user_id; null for the company"),
            required("closed_so_far", DOUBLE),
            required("expected_open", DOUBLE),
            required("expected_new", DOUBLE),
            required("forecast", DOUBLE),
            required("low", DOUBLE).describedAs("10th percentile"),
            required("high", DOUBLE).describedAs("90th percentile")),
            List.of("granularity", "period_label", "scope_type", "scope_id"), null, List.of(), List.of());

    /** The entity tables in load order (a table's references point to tables before it where possible). */
    public static final List<TableContract> SOURCES = List.of(
            TEAMS, USERS, ACCOUNTS, CONTACTS, PRODUCTS, STAGES, EXCHANGE_RATES,
            OPPORTUNITIES, OPPORTUNITY_HISTORY, ACTIVITIES, TASKS, QUOTAS, LEADS);

    private static final Map<String, TableContract> BY_NAME = new LinkedHashMap<>();

    static {
        for (TableContract t : SOURCES) {
            BY_NAME.put(t.name(), t);
        }
        BY_NAME.put(QUARANTINE.name(), QUARANTINE);
        BY_NAME.put(INGEST_WARNINGS.name(), INGEST_WARNINGS);
        BY_NAME.put(WIN_SCORES.name(), WIN_SCORES);
        BY_NAME.put(WIN_SCORE_HISTORY.name(), WIN_SCORE_HISTORY);
        BY_NAME.put(FORECAST_BOOKINGS.name(), FORECAST_BOOKINGS);
    }

    public static Optional<TableContract> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<TableContract> byFileName(String fileName) {
        return SOURCES.stream().filter(t -> t.fileName().equalsIgnoreCase(fileName)).findFirst();
    }

    public static List<TableContract> all() {
        return List.copyOf(BY_NAME.values());
    }
}
