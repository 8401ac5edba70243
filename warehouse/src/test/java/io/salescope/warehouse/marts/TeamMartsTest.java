package io.salescope.warehouse.marts;

import io.salescope.core.contract.Tables;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.salescope.warehouse.marts.TestTables.row;
import static io.salescope.warehouse.marts.TestTables.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TeamMartsTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("team-marts-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void team_tree_pairs_each_team_with_itself_and_every_team_below_it() {
        Dataset<Row> tree = TeamMarts.teamTree(TestTables.frame(spark, Tables.TEAMS, SalesFixture.teams()));

        // t_global ── t_apac ── t_china, t_global ── t_emea: 4 teams at depth 0, 3 parent links,
        // and t_global over t_china two levels down.
        assertThat(TestTables.maps(tree))
                .extracting(m -> tuple(m.get("ancestor_team_id"), m.get("team_id"), m.get("depth")))
                .containsExactlyInAnyOrder(
                        tuple("t_global", "t_global", 0), tuple("t_global", "t_apac", 1),
                        tuple("t_global", "t_china", 2), tuple("t_global", "t_emea", 1),
                        tuple("t_apac", "t_apac", 0), tuple("t_apac", "t_china", 1),
                        tuple("t_china", "t_china", 0),
                        tuple("t_emea", "t_emea", 0));
        assertThat(TestTables.columnTypes(tree)).containsExactlyEntriesOf(TestTables.columnTypes(MartTables.TEAM_TREE));
    }

    @Test
    void user_teams_list_every_team_a_user_counts_towards_and_skip_users_without_a_team() {
        Dataset<Row> tree = TeamMarts.teamTree(TestTables.frame(spark, Tables.TEAMS, SalesFixture.teams()));
        Dataset<Row> userTeams = TeamMarts.userTeams(TestTables.frame(spark, Tables.USERS, SalesFixture.users()), tree);

        // ceo 1 (t_global) + amy, bob 2 each (t_apac, t_global) + cai, dan 3 each (t_china, t_apac,
        // t_global) + eva 2 (t_emea, t_global) + fay 0 (no team) = 13.
        assertThat(TestTables.maps(userTeams))
                .extracting(m -> tuple(m.get("user_id"), m.get("team_id"), m.get("ancestor_team_id"), m.get("depth")))
                .containsExactlyInAnyOrder(
                        tuple("ceo", "t_global", "t_global", 0),
                        tuple("amy", "t_apac", "t_apac", 0), tuple("amy", "t_apac", "t_global", 1),
                        tuple("bob", "t_apac", "t_apac", 0), tuple("bob", "t_apac", "t_global", 1),
                        tuple("cai", "t_china", "t_china", 0), tuple("cai", "t_china", "t_apac", 1),
                        tuple("cai", "t_china", "t_global", 2),
                        tuple("dan", "t_china", "t_china", 0), tuple("dan", "t_china", "t_apac", 1),
                        tuple("dan", "t_china", "t_global", 2),
                        tuple("eva", "t_emea", "t_emea", 0), tuple("eva", "t_emea", "t_global", 1));
    }

    @Test
    void a_parent_cycle_is_cut_where_it_closes_and_an_unknown_parent_counts_as_none() {
        Dataset<Row> teams = TestTables.frame(spark, Tables.TEAMS, List.of(
                row(Tables.TEAMS, values("team_id", "a", "name", "A", "parent_team_id", "b")),
                row(Tables.TEAMS, values("team_id", "b", "name", "B", "parent_team_id", "a")),
                row(Tables.TEAMS, values("team_id", "c", "name", "C", "parent_team_id", "gone"))));

        assertThat(TestTables.maps(TeamMarts.teamTree(teams)))
                .extracting(m -> tuple(m.get("ancestor_team_id"), m.get("team_id"), m.get("depth")))
                .containsExactlyInAnyOrder(
                        tuple("a", "a", 0), tuple("b", "a", 1),
                        tuple("b", "b", 0), tuple("a", "b", 1),
                        tuple("c", "c", 0));
    }
}
