package io.salescope.warehouse.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/** The team hierarchy as closure tables: "team T" always means T and the teams below it. */
public final class TeamMarts {

    private TeamMarts() {
    }

    /**
     * {@code mart_team_tree}: every team paired with itself (depth 0) and each team below it.
     *
     * <p>Teams are a small dimension, so the closure is walked on the driver: that keeps a
     * parent cycle in the CRM data (A under B under A) from looping a Spark job; a cycle is
     * cut where it closes. A parent that is not a team is treated as no parent.
     */
    public static Dataset<Row> teamTree(Dataset<Row> teams) {
        Map<String, String> parentOf = new HashMap<>();
        for (Row r : teams.select(col("team_id"), col("parent_team_id")).collectAsList()) {
            parentOf.put(r.getString(0), r.getString(1));
        }
        List<Row> rows = new ArrayList<>();
        for (String team : parentOf.keySet()) {
            Set<String> seen = new HashSet<>();
            String ancestor = team;
            int depth = 0;
            while (ancestor != null && parentOf.containsKey(ancestor) && seen.add(ancestor)) {
                rows.add(RowFactory.create(ancestor, team, depth));
                ancestor = parentOf.get(ancestor);
                depth++;
            }
        }
        return SparkSchemas.conform(
                teams.sparkSession().createDataFrame(rows, SparkSchemas.of(MartTables.TEAM_TREE)),
                MartTables.TEAM_TREE);
    }

    /** {@code mart_user_teams}: each user with a team, once per team it counts towards. */
    public static Dataset<Row> userTeams(Dataset<Row> users, Dataset<Row> teamTree) {
        Dataset<Row> members = users.where(col("team_id").isNotNull()).select(col("user_id"), col("team_id"));
        Dataset<Row> joined = members.join(teamTree.select(col("team_id"), col("ancestor_team_id"), col("depth")),
                "team_id");
        return SparkSchemas.conform(joined, MartTables.USER_TEAMS);
    }
}
