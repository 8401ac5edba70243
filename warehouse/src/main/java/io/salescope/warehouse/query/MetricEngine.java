package io.salescope.warehouse.query;

import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers structured metric queries over the current published warehouse version, enforcing
 * who may see what. The bot, the CLI and the dashboards all go through this interface.
 * Implementations pick up a newly published version on the next call.
 */
public interface MetricEngine extends AutoCloseable {

    MetricCatalog catalog();

    /** Period parsing and arithmetic with the configured fiscal year and reference date. */
    Periods periods();

    /**
     * Runs the query.
     *
     * @throws QueryException for an unknown metric, dimension, value or a malformed period
     * @throws PermissionException when the asker may not see what the query covers
     */
    QueryResult execute(MetricQuery query);

    /** A user by email (any case), user id or exact name. */
    Optional<UserInfo> user(String emailOrIdOrName);

    List<UserInfo> users();

    List<TeamInfo> teams();

    /**
     * The values of each dimension found in the current version, as users see them (rep
     * names, team names, regions, products, product families, industries, segments,
     * countries, sources, deal types, stages in stage order, activity types, accounts...).
     */
    Map<String, List<String>> dimensionValues();

    /** The published version the engine currently reads. */
    long version();

    @Override
    void close();
}
