package io.salescope.ingest.generate;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A sales team. {@code geo} says where its people sit and where its accounts are.
 *
 * @param region null for the root team
 * @param parentId null for the root team
 */
record Team(int index, String id, String name, Region region, String parentId, Geo geo) {

    Team {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(geo, "geo is null");
    }

    /**
     * Time zones of the team's people, countries of its accounts (with weights) and, for
     * Chinese teams, the home city that most of its accounts are named after.
     */
    record Geo(List<String> zones, List<String> countries, double[] countryWeights, Vocab.Han city) {
        Geo {
            zones = List.copyOf(zones);
            countries = List.copyOf(countries);
            if (countries.size() != countryWeights.length) {
                throw new IllegalArgumentException("one weight per country");
            }
        }
    }
}
