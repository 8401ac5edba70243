package io.salescope.warehouse.engine;

import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.LocalStorage;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.DealRecord;
import io.salescope.warehouse.query.TaskRecord;
import io.salescope.warehouse.query.UserInfo;
import io.salescope.warehouse.query.WinScoreChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The rows the reminders and digests read: open tasks, deals closing, win probability drops, who sees whom. */
class WarehouseRecordsTest {

    @TempDir
    Path dir;

    private TestWarehouse company() {
        return new TestWarehouse(dir)
                .rows("teams", "team_id, name, region, parent_team_id",
                        "'T0', 'Global', NULL, NULL", "'T1', 'East', 'APAC', 'T0'", "'T11', 'Tokyo', 'APAC', 'T1'",
                        "'T2', 'West', 'EMEA', 'T0'")
                .rows("users", "user_id, name, email, team_id, role, active",
                        "'E1', 'Eve Exec', 'eve@x.io', 'T0', 'executive', true",
                        "'M1', 'Mia East', 'mia@x.io', 'T1', 'manager', true",
                        "'R1', 'Rita One', 'rita@x.io', 'T11', 'rep', true",
                        "'R4', 'Rae Four', 'rae@x.io', 'T2', 'rep', true",
                        "'R5', 'Rex Gone', 'rex@x.io', 'T2', 'rep', false")
                .rows("accounts", "account_id, name", "'A1', 'Acme'")
                .rows("opportunities", "opportunity_id, owner_id, account_id, name, stage, stage_category,"
                                + " amount_converted, close_date, probability",
                        "'O1', 'R1', 'A1', 'Acme renewal', 'Demo', 'open', 400, DATE '2026-07-01', 40",
                        "'O2', 'R4', 'A1', 'Acme expansion', 'Proposal', 'open', NULL, DATE '2026-07-03', NULL",
                        "'O3', 'R4', 'A1', 'Acme old', 'Won', 'won', 100, DATE '2026-07-02', 100",
                        "'O4', 'R1', 'A1', 'Acme later', 'Demo', 'open', 50, DATE '2026-08-01', 40")
                .rows("tasks", "task_id, owner_id, subject, status, due_at, created_at, account_id, opportunity_id",
                        "'K2', 'R1', 'Call Acme', 'open', TIMESTAMPTZ '2026-06-30 09:00:00+00', TIMESTAMPTZ '2026-06-01 08:00:00+00', 'A1', 'O1'",
                        "'K1', 'R1', 'Send offer', 'open', TIMESTAMPTZ '2026-06-29 10:00:00+08', NULL, NULL, NULL",
                        "'K3', 'R4', 'Done already', 'completed', TIMESTAMPTZ '2026-06-01 09:00:00+00', NULL, NULL, NULL");
    }

    private DuckDbMetricEngine engine() {
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(dir.toString()).withToday(LocalDate.of(2026, 6, 30));
        return new DuckDbMetricEngine(config, new LocalStorage(dir), MetricCatalog.builtIn());
    }

    @Test
    void open_tasks_are_every_owners_open_tasks_with_their_account_and_deal_names() throws Exception {
        company().publish();
        try (DuckDbMetricEngine engine = engine()) {
            assertThat(engine.openTasks()).extracting(TaskRecord::taskId).containsExactly("K1", "K2");
            TaskRecord k1 = engine.openTasks().get(0);
            assertThat(k1.dueAt()).isEqualTo(Instant.parse("2026-06-29T02:00:00Z"));
            assertThat(k1.createdAt()).isNull();
            TaskRecord k2 = engine.openTasks().get(1);
            assertThat(k2.accountName()).isEqualTo("Acme");
            assertThat(k2.opportunityName()).isEqualTo("Acme renewal");
            assertThat(k2.createdAt()).isEqualTo(Instant.parse("2026-06-01T08:00:00Z"));
        }
    }

    @Test
    void open_tasks_follow_a_newly_published_version() throws Exception {
        company().publish();
        try (DuckDbMetricEngine engine = engine()) {
            assertThat(engine.openTasks()).hasSize(2);
            new TestWarehouse(dir).rows("users", "user_id, name, email", "'R1', 'Rita One', 'rita@x.io'")
                    .rows("tasks", "task_id, owner_id, subject, status, due_at",
                            "'K1', 'R1', 'Send offer', 'open', TIMESTAMPTZ '2026-07-09 10:00:00+00'").publish();
            engine.refresh();
            assertThat(engine.openTasks()).singleElement().satisfies(t ->
                    assertThat(t.dueAt()).isEqualTo(Instant.parse("2026-07-09T10:00:00Z")));
        }
    }

    @Test
    void deals_closing_are_open_deals_with_a_close_date_in_the_range() throws Exception {
        company().publish();
        try (DuckDbMetricEngine engine = engine()) {
            assertThat(engine.openDealsClosing(LocalDate.of(2026, 6, 29), LocalDate.of(2026, 7, 5)))
                    .extracting(DealRecord::opportunityId, DealRecord::amount, DealRecord::accountName)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("O1", 400.0, "Acme"),
                            org.assertj.core.groups.Tuple.tuple("O2", null, "Acme"));
        }
    }

    @Test
    void without_a_forecast_there_are_no_win_score_changes() throws Exception {
        company().publish();
        try (DuckDbMetricEngine engine = engine()) {
            WinScoreChanges none = engine.winScoreChanges();
            assertThat(none.latest()).isNull();
            assertThat(none.previous()).isNull();
            assertThat(none.changes()).isEmpty();
        }
    }

    @Test
    void win_score_changes_compare_the_two_latest_runs_for_open_deals_largest_drop_first() throws Exception {
        company().rows("win_score_history", "opportunity_id, as_of_date, model_version, probability",
                        "'O1', DATE '2026-06-16', 'm1', 0.9",
                        "'O1', DATE '2026-06-23', 'm1', 0.6", "'O1', DATE '2026-06-30', 'm1', 0.3",
                        "'O2', DATE '2026-06-23', 'm1', 0.5", "'O2', DATE '2026-06-30', 'm1', 0.45",
                        "'O3', DATE '2026-06-23', 'm1', 0.5", "'O3', DATE '2026-06-30', 'm1', 0.0",
                        "'O4', DATE '2026-06-30', 'm1', 0.2")
                .publish();
        try (DuckDbMetricEngine engine = engine()) {
            WinScoreChanges c = engine.winScoreChanges();
            assertThat(c.previous()).isEqualTo(LocalDate.of(2026, 6, 23));
            assertThat(c.latest()).isEqualTo(LocalDate.of(2026, 6, 30));
            assertThat(c.changes()).extracting(ch -> ch.deal().opportunityId()).containsExactly("O1", "O2");
            assertThat(c.changes().get(0).change()).isCloseTo(-0.3, within(1e-9));
        }
    }

    @Test
    void visible_owners_follow_the_metric_permissions() throws Exception {
        company().publish();
        try (DuckDbMetricEngine engine = engine()) {
            UserInfo exec = engine.user("eve@x.io").orElseThrow();
            UserInfo manager = engine.user("mia@x.io").orElseThrow();
            UserInfo rep = engine.user("rae@x.io").orElseThrow();
            UserInfo gone = engine.user("rex@x.io").orElseThrow();
            assertThat(engine.visibleOwners(exec)).isEmpty();
            assertThat(engine.visibleOwners(manager)).contains(Set.of("M1", "R1"));
            assertThat(engine.visibleOwners(rep)).contains(Set.of("R4"));
            assertThat(engine.visibleOwners(gone)).isEqualTo(Optional.of(Set.of()));
        }
    }
}
