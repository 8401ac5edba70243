package io.salescope.bot.digest;

import io.salescope.bot.ops.ChatTaskStore;
import io.salescope.bot.ops.OpsStore;
import io.salescope.bot.ops.TaskChangeStore;
import io.salescope.bot.tasks.TaskBook;
import io.salescope.bot.testing.TinyWarehouse;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.LocalStorage;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily digest of a small team on Wednesday 1 July 2026, 09:00 in Berlin. */
class DigestsTest {

    @TempDir
    Path data;

    static final Instant NOW = Instant.parse("2026-07-01T07:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private TinyWarehouse company() {
        return new TinyWarehouse()
                .rows("teams", "team_id, name, region, parent_team_id", "'T0', 'Company', NULL, NULL", "'T1', 'DACH', 'EU', 'T0'",
                        "'T2', 'Nordics', 'EU', 'T0'")
                .rows("users", "user_id, name, email, team_id, role, time_zone, locale, active",
                        "'M1', 'Mia Manager', 'mia@x.io', 'T1', 'manager', 'Europe/Berlin', 'en', true",
                        "'R1', 'Rolf Rep', 'rolf@x.io', 'T1', 'rep', 'Europe/Berlin', 'en', true",
                        "'R2', 'Nils Other', 'nils@x.io', 'T2', 'rep', 'Europe/Stockholm', 'en', true")
                .rows("accounts", "account_id, name", "'A1', 'ACME'")
                .rows("opportunities", "opportunity_id, owner_id, account_id, name, stage, stage_category, amount_converted,"
                                + " close_date, created_at, modified_at, currency",
                        "'O1', 'R1', 'A1', 'ACME renewal', 'Trial', 'open', 50000, DATE '2026-07-03', TIMESTAMPTZ '2026-01-01 00:00:00+00', TIMESTAMPTZ '2026-01-01 00:00:00+00', 'USD'",
                        "'O2', 'R1', 'A1', 'ACME expansion', 'Demo', 'open', 20000, DATE '2026-07-20', TIMESTAMPTZ '2026-01-01 00:00:00+00', TIMESTAMPTZ '2026-01-01 00:00:00+00', 'USD'",
                        "'O3', 'R2', 'A1', 'Nordic deal', 'Trial', 'open', 90000, DATE '2026-07-02', TIMESTAMPTZ '2026-01-01 00:00:00+00', TIMESTAMPTZ '2026-01-01 00:00:00+00', 'USD'")
                .rows("tasks", "task_id, owner_id, subject, due_at, status",
                        "'K1', 'R1', 'Send the offer', TIMESTAMPTZ '2026-06-25 16:00:00+00', 'open'",
                        "'K2', 'R2', 'Not my team', TIMESTAMPTZ '2026-06-25 16:00:00+00', 'open'",
                        "'K3', 'R1', 'Later', TIMESTAMPTZ '2026-07-10 16:00:00+00', 'open'");
    }

    private Digests digests(DuckDbMetricEngine engine) {
        OpsStore ops = OpsStore.open(data);
        return new Digests(new TaskBook(engine, new ChatTaskStore(ops), new TaskChangeStore(ops)), engine, engine, "USD");
    }

    private DuckDbMetricEngine engine() {
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(data.toString()).withToday(LocalDate.of(2026, 6, 30));
        return new DuckDbMetricEngine(config, new LocalStorage(data), MetricCatalog.forDataDir(data));
    }

    @Test
    void the_daily_digest_lists_the_team_s_overdue_tasks_deals_closing_this_week_and_the_biggest_drops() throws Exception {
        company().rows("win_score_history", "opportunity_id, as_of_date, model_version, probability",
                        "'O1', DATE '2026-06-23', 'm1', 0.62", "'O1', DATE '2026-06-30', 'm1', 0.35",
                        "'O2', DATE '2026-06-23', 'm1', 0.40", "'O2', DATE '2026-06-30', 'm1', 0.45",
                        "'O3', DATE '2026-06-23', 'm1', 0.90", "'O3', DATE '2026-06-30', 'm1', 0.10")
                .publish(data);
        try (DuckDbMetricEngine engine = engine()) {
            UserInfo mia = engine.user("mia@x.io").orElseThrow();
            Report r = digests(engine).daily(mia, BERLIN, NOW, "en");
            assertThat(r.title()).isEqualTo("Daily digest · DACH · Wed 1 Jul");
            assertThat(r.sections().get(0).heading()).isEqualTo("Overdue tasks: 1");
            assertThat(r.sections().get(0).lines()).containsExactly("Rolf Rep — Send the offer — due Thu 25 Jun, 5 days late");
            assertThat(r.sections().get(1).heading()).isEqualTo("Deals closing this week (Mon 29 Jun – Sun 5 Jul): 1, USD 50,000");
            assertThat(r.sections().get(1).lines()).containsExactly("ACME renewal — Rolf Rep — Trial — USD 50,000 — closes Fri 3 Jul");
            assertThat(r.sections().get(2).heading()).contains("2026-06-23 → 2026-06-30");
            assertThat(r.sections().get(2).lines()).containsExactly("ACME renewal — Rolf Rep — 62% → 35% (-27 pts)");
            Report zh = digests(engine).daily(mia, BERLIN, NOW, "zh");
            assertThat(zh.text()).contains("每日摘要 · DACH").contains("逾期任务：1 个").contains("62% → 35% (-27 个百分点)");
        }
    }

    @Test
    void without_a_forecast_the_digest_says_so() throws Exception {
        company().publish(data);
        try (DuckDbMetricEngine engine = engine()) {
            Report r = digests(engine).daily(engine.user("mia@x.io").orElseThrow(), BERLIN, NOW, "en");
            assertThat(r.sections().get(2).lines()).isEmpty();
            assertThat(r.sections().get(2).empty()).startsWith("No forecast has been published yet");
            assertThat(r.slack().blocks()).hasSize(4);
        }
    }
}
