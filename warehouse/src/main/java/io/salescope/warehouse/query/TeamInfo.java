package io.salescope.warehouse.query;

/** A team in the hierarchy. */
public record TeamInfo(String teamId, String name, String region, String parentTeamId) {
}
