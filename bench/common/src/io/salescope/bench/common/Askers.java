package io.salescope.bench.common;

import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Who the benchmarks ask as: an executive, a manager (team and sub-teams) and a rep, found in the warehouse. */
public final class Askers {

    private Askers() {
    }

    /**
     * The askers: the first active executive; the active manager whose team has the most teams
     * below it (team and sub-teams scope); the first active rep under that manager.
     */
    public static Map<String, UserInfo> of(DuckDbMetricEngine engine) {
        List<UserInfo> users = engine.users().stream().filter(UserInfo::active)
                .sorted(Comparator.comparing(UserInfo::userId)).toList();
        Map<String, List<String>> children = new LinkedHashMap<>();
        for (TeamInfo t : engine.teams()) {
            if (t.parentTeamId() != null) {
                children.computeIfAbsent(t.parentTeamId(), k -> new ArrayList<>()).add(t.teamId());
            }
        }
        Function<String, List<String>> subtree = root -> {
            List<String> out = new ArrayList<>();
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(root));
            while (!todo.isEmpty()) {
                String t = todo.pop();
                if (!out.contains(t)) {
                    out.add(t);
                    todo.addAll(children.getOrDefault(t, List.of()));
                }
            }
            return out;
        };
        UserInfo exec = users.stream().filter(u -> "executive".equals(u.role())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no active executive in the warehouse"));
        UserInfo manager = users.stream().filter(u -> "manager".equals(u.role()) && u.teamId() != null)
                .max(Comparator.comparingInt((UserInfo u) -> subtree.apply(u.teamId()).size())
                        .thenComparing(UserInfo::userId, Comparator.reverseOrder()))
                .orElseThrow(() -> new IllegalStateException("no active manager with a team in the warehouse"));
        List<String> teams = subtree.apply(manager.teamId());
        UserInfo rep = users.stream().filter(u -> "rep".equals(u.role()) && teams.contains(u.teamId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no active rep under " + manager.email()));
        Map<String, UserInfo> out = new LinkedHashMap<>();
        out.put("exec", exec);
        out.put("manager", manager);
        out.put("rep", rep);
        return out;
    }
}
