package io.salescope.ingest.generate;

import static java.util.Objects.requireNonNull;

/**
 * A user of the CRM, with what the generator needs to simulate them.
 *
 * @param team null for the admin, who sits in no team
 * @param managerId null for the executive
 * @param region the team's region; null for the executive and the admin
 * @param skill a rep's latent selling skill (log-odds added to every deal's win chance)
 * @param capacity a rep's relative share of new deals
 * @param hiredDay epoch day the person joined
 * @param leftDay epoch day the person left, {@link Long#MAX_VALUE} while employed
 * @param cutoff the first instant not in the export for this person: 00:00 UTC on the
 *     reference date or local midnight, whichever is earlier, so that nothing they did is
 *     dated on or after the reference date in any spelling
 */
record Person(int index, String id, String name, String email, Team team, String managerId, Role role,
              LocalZone zone, String locale, boolean chinese, String slackId, Region region,
              double skill, double capacity, long hiredDay, long leftDay, long cutoff) {

    enum Role {
        REP, MANAGER, EXECUTIVE, ADMIN;

        String csv() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Person {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
        requireNonNull(zone, "zone is null");
    }

    boolean active() {
        return leftDay == Long.MAX_VALUE;
    }

    boolean zh() {
        return "zh".equals(locale);
    }

    /** Employed on the given epoch day. */
    boolean employedOn(long epochDay) {
        return hiredDay <= epochDay && epochDay < leftDay;
    }

    long leftMillis() {
        return leftDay == Long.MAX_VALUE ? Long.MAX_VALUE : leftDay * LocalZone.DAY;
    }
}
