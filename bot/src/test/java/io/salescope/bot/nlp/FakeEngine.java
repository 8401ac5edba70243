package io.salescope.bot.nlp;

import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A hand-written engine that knows names but answers nothing: enough for the parser. */
final class FakeEngine implements MetricEngine {

    private final Periods periods;
    private final AtomicLong version = new AtomicLong(1);
    private volatile List<UserInfo> users;
    private volatile List<TeamInfo> teams;
    private volatile Map<String, List<String>> values;

    FakeEngine(Periods periods, List<UserInfo> users, List<TeamInfo> teams, Map<String, List<String>> values) {
        this.periods = periods;
        this.users = users;
        this.teams = teams;
        this.values = values;
    }

    /** A newly published warehouse version with other names. */
    void publish(List<UserInfo> users, List<TeamInfo> teams, Map<String, List<String>> values) {
        this.users = users;
        this.teams = teams;
        this.values = values;
        version.incrementAndGet();
    }

    @Override
    public MetricCatalog catalog() {
        return MetricCatalog.builtIn();
    }

    @Override
    public Periods periods() {
        return periods;
    }

    @Override
    public QueryResult execute(MetricQuery query) {
        throw new UnsupportedOperationException("the fake engine answers nothing");
    }

    @Override
    public Optional<UserInfo> user(String emailOrIdOrName) {
        return users.stream().filter(u -> emailOrIdOrName.equalsIgnoreCase(u.email()) || emailOrIdOrName.equals(u.userId())
                || emailOrIdOrName.equals(u.name())).findFirst();
    }

    @Override
    public List<UserInfo> users() {
        return users;
    }

    @Override
    public List<TeamInfo> teams() {
        return teams;
    }

    @Override
    public Map<String, List<String>> dimensionValues() {
        return values;
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public void close() {
    }
}
