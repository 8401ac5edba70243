package io.salescope.ingest.generate;

import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.core.time.FiscalCalendar;
import io.salescope.ingest.generate.Catalog.Product;
import io.salescope.ingest.generate.DealSimulator.Deal;
import io.salescope.ingest.generate.WinModel.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import static io.salescope.ingest.generate.LocalZone.DAY;
import static io.salescope.ingest.generate.LocalZone.MINUTE;
import static java.util.Objects.requireNonNull;

/**
 * Writes a complete CRM export (format v1) of Kestrel Analytics, a fictional analytics
 * vendor selling in China, EMEA and North America: about three years of history up to the
 * reference date, streamed day by day so memory stays flat at any scale. Everything random
 * comes from seeded streams and nothing depends on hash order or the clock, so the same
 * settings always give the same bytes.
 */
public final class CrmGenerator {

    /** Opportunities at scale 1. */
    static final int DEALS_PER_SCALE = 10_000;
    /** Months of history before the reference date's month. */
    static final int HISTORY_MONTHS = 38;

    /** The planted win probabilities, relative to the export folder; not part of the export. */
    public static final String PLANTED_FILE = ExportFiles.PLANTED_FILE;

    private static final long DEAL_STREAM = 1L << 40;
    private static final double[] QUARTER_SEASON = {0.84, 1.0, 0.92, 1.26};
    private static final double[] MONTH_IN_QUARTER = {0.95, 1.0, 1.08};

    private final GenerateSettings settings;
    private final Progress progress;

    public CrmGenerator(GenerateSettings settings, Progress progress) {
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public GenerationSummary generate() {
        long started = System.nanoTime();
        ExportFiles files = prepareFolder();
        World world = buildWorld();
        simulateDays(files, world);
        try (Progress.Step step = progress.step("accounts, quotas, reference", -1)) {
            writeTeams(files, world.org());
            writeUsers(files, world.org());
            world.accounts().write(files, Rand.stream(settings.seed(), 6));
            writeProducts(files);
            writeStages(files);
            writeRates(files, world.rates());
            world.quotas().write(files, world.org(), Rand.stream(settings.seed(), 7));
            step.done(-1);
        }
        return new GenerationSummary(settings.out(), files.counts(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** What the days are simulated in: the organisation, its accounts, rates, quota ledger and calendar. */
    private record World(Org org, Accounts accounts, Rates rates, Quotas quotas, FiscalCalendar calendar, long simStartDay,
                         long todayDay, long snapshot) {
    }

    private ExportFiles prepareFolder() {
        Path out = settings.out();
        try {
            Files.createDirectories(out);
            if (!settings.plant()) {
                Files.deleteIfExists(out.resolve(PLANTED_FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + out + ": " + e.getMessage(), e);
        }
        return new ExportFiles(out);
    }

    private World buildWorld() {
        long seed = settings.seed();
        FiscalCalendar calendar = new FiscalCalendar(settings.fiscalYearStartMonth());
        long todayDay = settings.today().toEpochDay();
        long snapshot = todayDay * DAY;
        long simStartDay = settings.today().withDayOfMonth(1).minusMonths(HISTORY_MONTHS).toEpochDay();
        try (Progress.Step step = progress.step("organisation and accounts", -1)) {
            Org org = Org.build(settings.scale(), Rand.stream(seed, 1), simStartDay, todayDay, snapshot);
            Rates rates = new Rates(Rand.stream(seed, 2), simStartDay, HISTORY_MONTHS + 1, settings.reportingCurrency());
            Accounts accounts = Accounts.build(org, settings.scale(), Rand.stream(seed, 3), simStartDay, todayDay);
            step.done(accounts.all().size());
            Quotas quotas = new Quotas(calendar, simStartDay, todayDay, org.people().size());
            return new World(org, accounts, rates, quotas, calendar, simStartDay, todayDay, snapshot);
        }
    }

    /**
     * Day by day: new deals (each simulated to its end at once, on its own random stream),
     * activities and tasks on no deal, leads that never converted. Wins become customers
     * (for expansions and renewals) once their close has passed.
     */
    private void simulateDays(ExportFiles files, World world) {
        long seed = settings.seed();
        long simStartDay = world.simStartDay();
        double[] dayWeight = new double[(int) (world.todayDay() - simStartDay)];
        double totalWeight = 0;
        for (int i = 0; i < dayWeight.length; i++) {
            dayWeight[i] = dayWeight(world.calendar(), simStartDay, simStartDay + i);
            totalWeight += dayWeight[i];
        }
        double expectedDeals = DEALS_PER_SCALE * settings.scale();
        Accounts accounts = world.accounts();
        try (CsvSink opportunities = files.open(Tables.OPPORTUNITIES);
             CsvSink history = files.open(Tables.OPPORTUNITY_HISTORY);
             CsvSink activities = files.open(Tables.ACTIVITIES);
             CsvSink tasks = files.open(Tables.TASKS);
             CsvSink planted = settings.plant() ? files.openPlanted() : null;
             Leads leads = new Leads(files.open(Tables.LEADS), Rand.stream(seed, 4));
             Progress.Step step = progress.step("opportunities", Math.round(expectedDeals))) {
            PriorityQueue<Long> wins = new PriorityQueue<>();
            DealSimulator sim = new DealSimulator(world.org(), accounts, world.rates(), world.calendar(), world.quotas(), leads,
                    new DealSimulator.Sinks(opportunities, history, activities, tasks, planted), wins, simStartDay * DAY,
                    world.snapshot());
            SplittableRandom r = Rand.stream(seed, 5);
            List<Person> reps = world.org().reps();
            double[] cumulative = new double[reps.size()];
            Person[] active = new Person[reps.size()];
            long number = 0;
            for (long day = simStartDay; day < world.todayDay(); day++) {
                long dayStart = day * DAY;
                while (!wins.isEmpty() && DealSimulator.winTime(wins.peek()) < dayStart) {
                    long key = wins.poll();
                    accounts.won(DealSimulator.winAccount(key), DealSimulator.winProduct(key), DealSimulator.winTime(key));
                }
                int n = 0;
                for (Person rep : reps) {
                    if (rep.employedOn(day)) {
                        double ramp = Math.min(1, 0.25 + (day - rep.hiredDay()) / 90.0);
                        active[n] = rep;
                        cumulative[n] = (n == 0 ? 0 : cumulative[n - 1]) + rep.capacity() * ramp;
                        n++;
                    }
                }
                double lambda = expectedDeals * dayWeight[(int) (day - simStartDay)] / totalWeight;
                int deals = Rand.poisson(r, lambda);
                long[] created = new long[deals];
                Person[] owners = new Person[deals];
                Integer[] order = new Integer[deals];
                for (int i = 0; i < deals; i++) {
                    owners[i] = active[Rand.cumulative(r, cumulative, n)];
                    created[i] = workingTime(r, owners[i], day);
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Long.compare(created[a], created[b]));
                for (int i : order) {
                    number++;
                    SplittableRandom dr = Rand.stream(seed, DEAL_STREAM + number);
                    Deal deal = draw(dr, number, created[i], owners[i], accounts, day);
                    if (deal != null) {
                        sim.simulate(deal, dr);
                    }
                }
                for (int i = Rand.poisson(r, 1.5 * lambda); i > 0; i--) {
                    Person rep = active[Rand.cumulative(r, cumulative, n)];
                    long time = workingTime(r, rep, day);
                    int account = accounts.pickFor(r, rep, time);
                    if (account >= 0) {
                        sim.looseActivity(r, rep, account, time);
                    }
                }
                for (int i = Rand.poisson(r, 0.2 * lambda); i > 0; i--) {
                    Person rep = active[Rand.cumulative(r, cumulative, n)];
                    long time = workingTime(r, rep, day);
                    sim.looseTask(r, rep, Rand.chance(r, 0.5) ? accounts.pickFor(r, rep, time) : -1, time);
                }
                for (int i = Rand.poisson(r, 1.2 * lambda); i > 0; i--) {
                    looseLead(r, leads, active[Rand.cumulative(r, cumulative, n)], day, world.todayDay());
                }
                leads.flushBefore(dayStart - Leads.MAX_LEAD_TIME - DAY);
                step.advance(deals);
            }
            step.done(opportunities.rows());
        }
    }

    /** The deal's type, account, product and source; null if the rep's region has no account yet. */
    private static Deal draw(SplittableRandom r, long number, long created, Person rep, Accounts accounts, long day) {
        double x = r.nextDouble();
        Type type = x < 0.62 ? Type.NEW_BUSINESS : x < 0.86 ? Type.EXPANSION : Type.RENEWAL;
        int account = -1;
        if (type != Type.NEW_BUSINESS) {
            account = accounts.pickCustomer(r, rep.region());
            if (account < 0 || accounts.get(account).created() > created) {
                type = Type.NEW_BUSINESS;
                account = -1;
            }
        }
        String source;
        boolean fromLead = false;
        Product product;
        if (type == Type.NEW_BUSINESS) {
            source = Rand.chance(r, 0.05) ? null : Vocab.SOURCES[Rand.weighted(r, Vocab.NEW_BUSINESS_SOURCE_WEIGHTS)];
            fromLead = source != null && Rand.chance(r, "Outbound".equals(source) ? 0.2 : 0.7);
            account = fromLead && Rand.chance(r, 0.5)
                    ? accounts.pickRecent(r, rep.region(), created) : accounts.pickFor(r, rep, created);
            if (account < 0) {
                return null;
            }
            product = Catalog.PRODUCTS.get(Rand.weighted(r, switch (accounts.get(account).segment()) {
                case 0 -> new double[]{45, 30, 3, 5, 7, 2, 2, 4, 2};
                case 1 -> new double[]{12, 45, 15, 5, 5, 4, 6, 4, 4};
                default -> new double[]{2, 22, 45, 5, 3, 6, 8, 3, 6};
            }));
        } else {
            Person owner = accounts.get(account).owner();
            if (owner.role() == Person.Role.REP && owner.employedOn(day) && Rand.chance(r, 0.7)) {
                rep = owner;
            }
            if (type == Type.EXPANSION) {
                source = Rand.chance(r, 0.6) ? null : Rand.pick(r, new String[]{"Outbound", "Webinar", "Partner", "Referral"});
                product = Catalog.PRODUCTS.get(Rand.weighted(r, new double[]{0, 12, 13, 20, 15, 20, 6, 6, 8}));
            } else {
                source = Rand.chance(r, 0.85) ? null : "Partner";
                int last = accounts.lastProduct(account);
                product = Catalog.PRODUCTS.get(last >= 0 && Catalog.PRODUCTS.get(last).family() != Catalog.Family.SERVICES
                        ? last : Math.min(2, accounts.get(account).segment()));
            }
        }
        return new Deal(number, created, rep, account, type, product, source, fromLead);
    }

    /** A lead that never became a deal: its status depends on how long ago it came in. */
    private static void looseLead(SplittableRandom r, Leads leads, Person rep, long day, long todayDay) {
        long created = workingTime(r, rep, day);
        long age = todayDay - day;
        String status = switch (age < 14 ? Rand.weighted(r, new double[]{70, 20, 10})
                : age < 60 ? Rand.weighted(r, new double[]{30, 20, 50})
                : Rand.weighted(r, new double[]{12, 10, 78})) {
            case 0 -> "open";
            case 1 -> "qualified";
            default -> "disqualified";
        };
        Team.Geo geo = rep.team().geo();
        String country = geo.countries().get(Rand.weighted(r, geo.countryWeights()));
        boolean chinese = rep.region() == Region.CHINA && ("CN".equals(country) || Rand.chance(r, 0.4));
        Vocab.Industry industry = Rand.pick(r, Vocab.INDUSTRIES);
        String company = Accounts.companyName(r, chinese, geo, country, industry, rep.region() == Region.EMEA).name();
        long modified = created + (long) (Math.min(age, 60) * DAY * r.nextDouble());
        modified = Math.max(created, Math.min(modified, rep.cutoff() - 1 - r.nextInt(60_000)));
        String source = Rand.chance(r, 0.03) ? null : Vocab.SOURCES[Rand.weighted(r, Vocab.NEW_BUSINESS_SOURCE_WEIGHTS)];
        leads.add(new Leads.Pending(created, leads.nextSeq(), Rand.chance(r, 0.85) ? rep.id() : null, rep.zone(), source,
                status, -1, null, null, company, country, modified));
    }

    /** A time during the person's working day, never at or after their snapshot cutoff. */
    private static long workingTime(SplittableRandom r, Person p, long day) {
        long t = p.zone().at(day, (8 * 60 + r.nextInt(11 * 60)) * MINUTE + r.nextInt(60_000));
        return t < p.cutoff() ? t : p.cutoff() - 1 - r.nextInt(6 * 3_600_000);
    }

    /** Relative volume of new deals on a day: growth, weekdays, fiscal-quarter seasonality, year-end lull. */
    static double dayWeight(FiscalCalendar calendar, long simStartDay, long day) {
        double years = (day - simStartDay) / 365.25;
        double w = StrictMath.exp(StrictMath.log(1.32) * years);
        int weekday = (int) Math.floorMod(day + 3, 7);
        w *= weekday == 5 ? 0.08 : weekday == 6 ? 0.05 : 1;
        LocalDate date = LocalDate.ofEpochDay(day);
        w *= QUARTER_SEASON[calendar.fiscalQuarterOf(date) - 1];
        w *= MONTH_IN_QUARTER[Math.floorMod(date.getMonthValue() - calendar.startMonth(), 3)];
        if (date.getMonthValue() == 12 && date.getDayOfMonth() >= 20) {
            w *= 0.4;
        }
        return w;
    }

    private static void writeTeams(ExportFiles files, Org org) {
        try (CsvSink csv = files.open(Tables.TEAMS)) {
            for (Team t : org.teams()) {
                csv.text(t.id()).text(t.name()).text(t.region() == null ? null : t.region().label()).text(t.parentId());
                csv.end();
            }
        }
    }

    private static void writeUsers(ExportFiles files, Org org) {
        try (CsvSink csv = files.open(Tables.USERS)) {
            for (Person p : org.people()) {
                csv.text(p.id()).text(p.name()).text(p.email()).text(p.team() == null ? null : p.team().id()).text(p.managerId())
                        .text(p.role().csv()).text(p.zone().id()).text(p.locale()).text(p.active() ? "true" : "false")
                        .text(p.slackId());
                csv.end();
            }
        }
    }

    private static void writeProducts(ExportFiles files) {
        try (CsvSink csv = files.open(Tables.PRODUCTS)) {
            for (Product p : Catalog.PRODUCTS) {
                csv.text(p.id()).text(p.name()).text(p.familyName());
                csv.raw().append(p.listPriceUsd()).append(".00");
                csv.text("USD");
                csv.end();
            }
        }
    }

    private static void writeStages(ExportFiles files) {
        try (CsvSink csv = files.open(Tables.STAGES)) {
            for (Catalog.Stage s : Catalog.STAGES) {
                csv.text(s.name()).number(s.position()).number(s.probability()).text(s.category()).text(s.forecastCategory());
                csv.end();
            }
        }
    }

    private static void writeRates(ExportFiles files, Rates rates) {
        try (CsvSink csv = files.open(Tables.EXCHANGE_RATES)) {
            for (String currency : Rates.CURRENCIES) {
                if (currency.equals(rates.reporting())) {
                    continue;
                }
                for (int m = 0; m < rates.months(); m++) {
                    csv.text(currency).micros(Math.round(rates.reportingPer(currency, m) * 1e6)).date(rates.monthStartDay(m));
                    if (m + 1 < rates.months()) {
                        csv.date(rates.monthStartDay(m + 1));
                    } else {
                        csv.empty();
                    }
                    csv.end();
                }
            }
        }
    }
}
