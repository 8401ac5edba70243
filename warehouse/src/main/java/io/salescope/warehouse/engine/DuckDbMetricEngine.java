package io.salescope.warehouse.engine;

import io.salescope.core.SalescopeException;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;
import io.salescope.warehouse.query.DealRecord;
import io.salescope.warehouse.query.TaskRecord;
import io.salescope.warehouse.query.WarehouseRecords;
import io.salescope.warehouse.query.WinScoreChanges;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The Spark-free query engine: answers {@link MetricQuery}s with DuckDB over the current
 * published warehouse version, loaded into memory. Before each query it looks at
 * {@code warehouse/CURRENT} (at most every {@value #CHECK_INTERVAL_MS} ms) and loads a newly
 * published version, so a running service follows ingests and rollbacks without restart;
 * queries already running finish on the version they started with.
 *
 * <p>It also serves the rows the reminders and digests need ({@link WarehouseRecords});
 * the open tasks are read once per version.
 */
public final class DuckDbMetricEngine implements MetricEngine, WarehouseRecords {

    static final long CHECK_INTERVAL_MS = 200;

    private final SalescopeConfig config;
    private final LocalStorage storage;
    private final VersionStore versions;
    private final MetricCatalog catalog;
    private final Object loadLock = new Object();
    private volatile Snapshot snapshot;
    private volatile long lastCheckNanos;

    public DuckDbMetricEngine(SalescopeConfig config, LocalStorage storage, MetricCatalog catalog) {
        this.config = requireNonNull(config, "config is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.versions = new VersionStore(storage);
    }

    /** An engine over the configuration's (local) data directory and its catalog. */
    public static DuckDbMetricEngine open(SalescopeConfig config) {
        LocalStorage storage = LocalStorage.forDataDir(config.dataDir());
        return new DuckDbMetricEngine(config, storage, MetricCatalog.forDataDir(storage.root()));
    }

    @Override
    public MetricCatalog catalog() {
        return catalog;
    }

    public SalescopeConfig config() {
        return config;
    }

    @Override
    public Periods periods() {
        return new Periods(new FiscalCalendar(config.fiscalYearStartMonth()), config.referenceDate());
    }

    @Override
    public QueryResult execute(MetricQuery query) {
        requireNonNull(query, "query is null");
        try (Snapshot s = current()) {
            return new Execution(s, catalog, periods(), zone(s), config.reportingCurrency()).run(query);
        }
    }

    @Override
    public Optional<UserInfo> user(String emailOrIdOrName) {
        try (Snapshot s = current()) {
            return findUser(s, emailOrIdOrName);
        }
    }

    static Optional<UserInfo> findUser(Snapshot s, String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String k = key.trim();
        UserInfo byId = s.users.get(k);
        if (byId != null) {
            return Optional.of(byId);
        }
        String lower = k.toLowerCase(Locale.ROOT);
        return s.users.values().stream()
                .filter(u -> (u.email() != null && u.email().toLowerCase(Locale.ROOT).equals(lower))
                        || (u.name() != null && u.name().toLowerCase(Locale.ROOT).equals(lower)))
                .findFirst();
    }

    @Override
    public List<UserInfo> users() {
        try (Snapshot s = current()) {
            return List.copyOf(s.users.values());
        }
    }

    @Override
    public List<TeamInfo> teams() {
        try (Snapshot s = current()) {
            return List.copyOf(s.teams.values());
        }
    }

    @Override
    public Map<String, List<String>> dimensionValues() {
        try (Snapshot s = current()) {
            return s.dimensionValues;
        }
    }

    @Override
    public long version() {
        try (Snapshot s = current()) {
            return s.version;
        }
    }

    @Override
    public List<TaskRecord> openTasks() {
        try (Snapshot s = current()) {
            return s.memo("open_tasks", () -> RecordQueries.openTasks(s));
        }
    }

    @Override
    public List<DealRecord> openDealsClosing(LocalDate from, LocalDate to) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        try (Snapshot s = current()) {
            return RecordQueries.openDealsClosing(s, from, to);
        }
    }

    @Override
    public WinScoreChanges winScoreChanges() {
        try (Snapshot s = current()) {
            return s.memo("win_score_changes", () -> RecordQueries.winScoreChanges(s));
        }
    }

    @Override
    public Optional<Set<String>> visibleOwners(UserInfo asker) {
        requireNonNull(asker, "asker is null");
        if (!asker.active()) {
            return Optional.of(Set.of());
        }
        try (Snapshot s = current()) {
            Set<String> visible = OwnerScope.visibleUsers(s, asker);
            return visible == null ? Optional.empty() : Optional.of(Set.copyOf(visible));
        }
    }

    /** The manifest of the version queries currently run on. */
    public VersionManifest manifest() {
        try (Snapshot s = current()) {
            return s.manifest;
        }
    }

    /** Loads the current version now if it changed (normally done lazily before a query). */
    public void refresh() {
        lastCheckNanos = 0;
        current().close();
    }

    private ZoneId zone(Snapshot s) {
        String zone = s.manifest.settings().get("default_zone");
        return zone == null ? config.defaultZone() : ZoneId.of(zone);
    }

    /** The snapshot to run a query on, retained; close it when done. */
    private Snapshot current() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s != null && now - lastCheckNanos < CHECK_INTERVAL_MS * 1_000_000) {
            return s.retain();
        }
        synchronized (loadLock) {
            s = snapshot;
            long published = versions.currentVersion().orElseThrow(() -> new SalescopeException(
                    "no warehouse version has been published in " + storage.root()
                            + " yet: run 'salescope run DIR' (or 'salescope ingest DIR') first"));
            if (s == null || s.version != published) {
                Snapshot loaded = Snapshot.load(storage, versions.manifest(published));
                Snapshot old = snapshot;
                snapshot = loaded;
                if (old != null) {
                    old.close();
                }
                s = loaded;
            }
            lastCheckNanos = System.nanoTime();
            return s.retain();
        }
    }

    @Override
    public void close() {
        synchronized (loadLock) {
            if (snapshot != null) {
                snapshot.close();
                snapshot = null;
            }
        }
    }

    /** The reference date queries resolve periods against. */
    public LocalDate today() {
        return config.referenceDate();
    }
}
