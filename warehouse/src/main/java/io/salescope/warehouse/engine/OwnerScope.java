package io.salescope.warehouse.engine;

import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whose records a query covers, decided before any SQL runs. Row-level security lives here:
 * executives and admins see everything; a manager their team, the teams below it and all
 * their members; a rep their own records. A query naming anything outside that is refused,
 * never silently narrowed; a query naming no rep, team or region covers the asker's own
 * scope, and the result says so.
 *
 * @param users the owners covered, or null for everyone (records of unknown owners too)
 * @param teamIds the teams the scope was given as, when it was (for team quotas)
 * @param region the region the scope was given as, when it was
 */
record OwnerScope(Set<String> users, List<String> teamIds, String region, boolean defaulted,
                  String en, String zh) {

    boolean everyone() {
        return users == null;
    }

    QueryResult.Scope describe() {
        return new QueryResult.Scope(en, zh, defaulted);
    }

    /**
     * @param reps user ids named by the query (empty if none)
     * @param teams team ids named
     * @param regions region names named
     */
    static OwnerScope resolve(Snapshot s, UserInfo asker, List<String> reps, List<String> teams, List<String> regions) {
        if (!asker.active()) {
            throw new PermissionException(asker.email() + " is inactive in the CRM and may not see figures",
                    asker.email() + " 在 CRM 中已停用，无权查看数据");
        }
        Set<String> visible = visibleUsers(s, asker);
        boolean named = !reps.isEmpty() || !teams.isEmpty() || !regions.isEmpty();
        if (!named) {
            return defaultScope(s, asker, visible);
        }
        Set<String> covered = null;
        List<String> en = new ArrayList<>();
        List<String> zh = new ArrayList<>();
        if (!reps.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>(reps);
            for (String id : ids) {
                if (visible != null && !visible.contains(id)) {
                    throw refuse(s, asker, "the figures of " + name(s, id), name(s, id) + "的数据");
                }
            }
            covered = ids;
            en.add((ids.size() == 1 ? "rep " : "reps ") + String.join(", ", ids.stream().map(id -> name(s, id)).toList()));
            zh.add("销售" + String.join("、", ids.stream().map(id -> name(s, id)).toList()));
        }
        if (!teams.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>();
            for (String teamId : teams) {
                Set<String> members = s.usersInTeam(teamId);
                if (visible != null && !teamVisible(s, asker, teamId, members, visible)) {
                    String team = s.teams.get(teamId).name();
                    throw refuse(s, asker, "the figures of team " + team, team + "团队的数据");
                }
                ids.addAll(members);
            }
            covered = intersect(covered, ids);
            List<String> names = teams.stream().map(t -> s.teams.get(t).name()).toList();
            en.add((teams.size() == 1 ? "team " : "teams ") + String.join(", ", names) + " (with the teams below it)");
            zh.add(String.join("、", names) + "团队（含下级团队）");
        }
        if (!regions.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>();
            for (String region : regions) {
                Set<String> members = s.usersInRegion(region);
                boolean teamsVisible = visible == null || s.teams.values().stream()
                        .filter(t -> region.equalsIgnoreCase(t.region()))
                        .allMatch(t -> teamVisible(s, asker, t.teamId(), s.usersInTeam(t.teamId()), visible));
                if (visible != null && (!visible.containsAll(members) || !teamsVisible)) {
                    throw refuse(s, asker, "the figures of region " + region, region + "区域的数据");
                }
                ids.addAll(members);
            }
            covered = intersect(covered, ids);
            en.add((regions.size() == 1 ? "region " : "regions ") + String.join(", ", regions));
            zh.add(String.join("、", regions) + "区域");
        }
        boolean teamOnly = reps.isEmpty() && regions.isEmpty();
        boolean regionOnly = reps.isEmpty() && teams.isEmpty() && regions.size() == 1;
        return new OwnerScope(covered, teamOnly ? List.copyOf(teams) : List.of(), regionOnly ? regions.get(0) : null,
                false, String.join(" in ", en), String.join("中", zh));
    }

    private static OwnerScope defaultScope(Snapshot s, UserInfo asker, Set<String> visible) {
        if (visible == null) {
            return new OwnerScope(null, List.of(), null, false, "the whole company", "全公司");
        }
        if (asker.isManager() && asker.teamId() != null && s.teams.containsKey(asker.teamId())) {
            String team = s.teams.get(asker.teamId()).name();
            return new OwnerScope(visible, List.of(asker.teamId()), null, true,
                    "your team " + team + " (with the teams below it)", "你的团队" + team + "（含下级团队）");
        }
        return new OwnerScope(visible, List.of(), null, true, "your own records (" + asker.name() + ")",
                "你本人（" + asker.name() + "）的记录");
    }

    /** Everyone an asker may see, or null for everything. */
    static Set<String> visibleUsers(Snapshot s, UserInfo asker) {
        if (asker.isExecutiveOrAdmin()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        out.add(asker.userId());
        if (asker.isManager() && asker.teamId() != null && s.teams.containsKey(asker.teamId())) {
            out.addAll(s.usersInTeam(asker.teamId()));
        }
        return out;
    }

    private static boolean teamVisible(Snapshot s, UserInfo asker, String teamId, Set<String> members, Set<String> visible) {
        if (asker.isManager() && asker.teamId() != null && s.subtree(asker.teamId()).contains(teamId)) {
            return true;
        }
        // A rep may ask about a team only if its members are just themselves.
        return !members.isEmpty() && visible.containsAll(members) && s.childTeams.getOrDefault(teamId, List.of()).isEmpty();
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        if (a == null) {
            return b;
        }
        Set<String> out = new LinkedHashSet<>(a);
        out.retainAll(b);
        return out;
    }

    private static String name(Snapshot s, String userId) {
        UserInfo u = s.users.get(userId);
        return u == null || u.name() == null ? userId : u.name();
    }

    private static PermissionException refuse(Snapshot s, UserInfo asker, String whatEn, String whatZh) {
        String mayEn;
        String mayZh;
        if (asker.isManager() && asker.teamId() != null && s.teams.containsKey(asker.teamId())) {
            TeamInfo team = s.teams.get(asker.teamId());
            mayEn = "as a manager you can see team " + team.name() + ", the teams below it and their members";
            mayZh = "作为经理，你可以查看" + team.name() + "团队、其下级团队及其成员的数据";
        } else {
            mayEn = "as a rep you can see only your own records";
            mayZh = "作为销售代表，你只能查看自己的记录";
        }
        return new PermissionException("You may not see " + whatEn + ": " + mayEn + ".",
                "你无权查看" + whatZh + "：" + mayZh + "。");
    }
}
