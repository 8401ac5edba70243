package io.salescope.forecasting.bookings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which scopes a deal owned by a user counts towards: the company, the owner's team and every
 * team above it ({@code parent_team_id}), and the owner.
 */
public final class ScopeTree {

    private final Map<String, String> parentOfTeam;
    private final Map<String, String> teamOfUser;
    private final TreeSet<Scope> scopes = new TreeSet<>();
    private final Map<String, List<Scope>> cache = new TreeMap<>();
    private final boolean companyOnly;

    /** A tree with the company scope only (backtests). */
    public static ScopeTree companyOnly() {
        return new ScopeTree(Map.of(), Map.of(), Set.of(), true);
    }

    /**
     * @param parentOfTeam team id → parent team id (null for a root)
     * @param teamOfUser user id → team id (null without a team)
     * @param reps users that get a rep row even without deals
     */
    public ScopeTree(Map<String, String> parentOfTeam, Map<String, String> teamOfUser, Set<String> reps) {
        this(parentOfTeam, teamOfUser, reps, false);
    }

    private ScopeTree(Map<String, String> parentOfTeam, Map<String, String> teamOfUser, Set<String> reps,
                      boolean companyOnly) {
        this.companyOnly = companyOnly;
        this.parentOfTeam = new TreeMap<>(parentOfTeam);
        this.teamOfUser = new TreeMap<>(teamOfUser);
        scopes.add(Scope.COMPANY);
        parentOfTeam.keySet().forEach(t -> scopes.add(Scope.team(t)));
        reps.forEach(r -> scopes.add(Scope.rep(r)));
    }

    /** Every scope a forecast is written for (owners of deals seen through {@link #of} included). */
    public List<Scope> scopes() {
        return new ArrayList<>(scopes);
    }

    public List<Scope> of(String ownerId) {
        return cache.computeIfAbsent(String.valueOf(ownerId), k -> {
            List<Scope> out = new ArrayList<>();
            out.add(Scope.COMPANY);
            if (ownerId != null && !companyOnly) {
                Set<String> seen = new HashSet<>();
                String team = teamOfUser.get(ownerId);
                while (team != null && parentOfTeam.containsKey(team) && seen.add(team)) {
                    out.add(Scope.team(team));
                    team = parentOfTeam.get(team);
                }
                Scope rep = Scope.rep(ownerId);
                out.add(rep);
                scopes.add(rep);
            }
            return out;
        });
    }
}
