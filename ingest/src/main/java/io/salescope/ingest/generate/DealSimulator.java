package io.salescope.ingest.generate;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Granularity;
import io.salescope.core.time.Period;
import io.salescope.ingest.generate.Accounts.Account;
import io.salescope.ingest.generate.Accounts.Contact;
import io.salescope.ingest.generate.Catalog.Product;
import io.salescope.ingest.generate.Catalog.Stage;
import io.salescope.ingest.generate.WinModel.Type;

import java.time.LocalDate;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import static io.salescope.ingest.generate.LocalZone.DAY;
import static io.salescope.ingest.generate.LocalZone.HOUR;
import static io.salescope.ingest.generate.LocalZone.MINUTE;
import static java.util.Objects.requireNonNull;

/**
 * Lives one deal from creation to close (or to the snapshot) and writes what the CRM would
 * hold about it: its opportunity row, stage-history rows, activities, tasks and, when it came
 * from a lead, the converted lead. The whole life is simulated, future included; rows dated
 * at or after the snapshot are left out, so open deals show exactly their state at the
 * snapshot. See {@link WinModel} for how the outcome is decided.
 */
final class DealSimulator {

    /** Inputs drawn by the day loop: when, by whom, for which account and what. */
    record Deal(long number, long created, Person rep, int account, Type type, Product product, String source,
                boolean fromLead) {
    }

    static final String[] ACTIVITY_TYPES = {"call", "email", "meeting", "demo", "note", "other"};
    private static final int CALL = 0;
    private static final int EMAIL = 1;
    private static final int MEETING = 2;
    private static final int DEMO = 3;
    private static final int NOTE = 4;
    private static final int OTHER = 5;

    /** Activities per day in each open stage, by type, before scaling by the deal's engagement. */
    private static final double[][] RATES = {
        {},
        {0.042, 0.056, 0.017, 0.006, 0.011, 0.004},
        {0.035, 0.056, 0.036, 0.034, 0.011, 0.004},
        {0.035, 0.064, 0.045, 0.014, 0.011, 0.004},
        {0.059, 0.084, 0.062, 0.008, 0.014, 0.006}};

    private static final double[] SEGMENT_SIZE = {0.9, 2.1, 4.8};
    private static final double[] CYCLE_DAYS = {38, 72, 125};
    private static final double[] STAGE_SHARE = {0, 0.30, 0.30, 0.22, 0.18};

    private static final byte CREATE = 0;
    private static final byte STAGE = 1;
    private static final byte AMOUNT = 2;
    private static final byte PUSH = 3;
    private static final byte CLOSE = 4;

    private final Org org;
    private final Accounts accounts;
    private final Rates rates;
    private final FiscalCalendar calendar;
    private final Quotas quotas;
    private final Leads leads;
    private final Sinks out;
    private final PriorityQueue<Long> wins;
    private final long simStart;
    private final long snapshot;
    private long activityNo;
    private long taskNo;

    private long[] evTime = new long[32];
    private byte[] evKind = new byte[32];
    private long[] evValue = new long[32];
    private int ev;

    /** The files the simulation streams to; {@code planted} is null without {@code --plant}. */
    record Sinks(CsvSink opportunities, CsvSink history, CsvSink activities, CsvSink tasks, CsvSink planted) {
        Sinks {
            requireNonNull(opportunities, "opportunities is null");
            requireNonNull(history, "history is null");
            requireNonNull(activities, "activities is null");
            requireNonNull(tasks, "tasks is null");
        }
    }

    DealSimulator(Org org, Accounts accounts, Rates rates, FiscalCalendar calendar, Quotas quotas, Leads leads, Sinks out,
                  PriorityQueue<Long> wins, long simStart, long snapshot) {
        this.org = requireNonNull(org, "org is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.rates = requireNonNull(rates, "rates is null");
        this.calendar = requireNonNull(calendar, "calendar is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.out = requireNonNull(out, "out is null");
        this.wins = requireNonNull(wins, "wins is null");
        this.simStart = simStart;
        this.snapshot = snapshot;
    }

    /** A won deal as a queue entry: close second, account and product packed in one long, ordered by time. */
    static long winKey(long closeMillis, int account, int product) {
        return (closeMillis / 1000) << 28 | (long) account << 4 | product;
    }

    static long winTime(long key) {
        return (key >>> 28) * 1000;
    }

    static int winAccount(long key) {
        return (int) (key >>> 4 & 0xFFFFFF);
    }

    static int winProduct(long key) {
        return (int) (key & 0xF);
    }

    /** One deal's simulated life: who, what, the latent chance, and when each stage is entered. */
    private static final class Life {
        Deal deal;
        Account account;
        Person rep;
        Person successor;
        long leftAt;
        String currency;
        LocalZone zone;
        String id;
        long amount;
        int[] early;
        double p;
        int start;
        int last;
        boolean won;
        double cycleDays;
        long close;
        long firstExpected;
        String[] forecast;
        int[] probability;
        Person owner;
        long cutoff;

        Person actorAt(long time) {
            return time >= leftAt ? successor : rep;
        }
    }

    /** What the export shows of a deal at the snapshot. */
    private record Shown(boolean closed, int stage, int maxReached, long lastChange) {
    }

    void simulate(Deal d, SplittableRandom r) {
        Life life = plan(d, r);
        Shown shown = writeHistoryAndDeal(life, r);
        if (out.planted() != null) {
            double truth = shown.closed() ? life.p : WinModel.remaining(life.p, life.start, shown.maxReached());
            out.planted().raw().append(life.id);
            out.planted().micros(Math.round(truth * 1e6));
            out.planted().end();
        }
        writeActivities(life, r);
        writeTasks(life, shown, r);
        if (d.fromLead()) {
            addConvertedLead(life, r);
        }
    }

    /**
     * Draws the deal's amount, its first two weeks' engagement and so its chance {@code p},
     * the outcome, and the timeline of events (stage changes, regressions, amount changes,
     * close-date pushes, the close) into the event arrays.
     */
    private Life plan(Deal d, SplittableRandom r) {
        Life life = new Life();
        life.deal = d;
        life.account = accounts.get(d.account());
        life.rep = d.rep();
        life.successor = life.rep.active() ? null : org.successorOf(life.rep);
        life.leftAt = life.rep.leftMillis();
        life.currency = life.rep.region().currency();
        life.zone = life.rep.zone();
        life.id = Ids.of("KOP", d.number(), 7);
        long t0 = d.created();
        int segment = life.account.segment();
        Product product = d.product();

        double noise = r.nextGaussian();
        double usd = product.listPriceUsd() * SEGMENT_SIZE[segment] * typeSize(d.type()) * StrictMath.exp(0.45 * noise);
        life.amount = roundAmount(r, usd / rates.usdPer(life.currency, Math.floorDiv(t0, DAY)), life.currency);

        double engagement = StrictMath.exp(0.55 * r.nextGaussian() - 0.15);
        life.early = new int[6];
        life.early[CALL] = Rand.poisson(r, 1.0 * engagement);
        life.early[EMAIL] = Rand.poisson(r, 1.4 * engagement);
        life.early[MEETING] = Rand.poisson(r, 0.5 * engagement);
        life.early[DEMO] = Rand.poisson(r, (d.type() == Type.NEW_BUSINESS ? 0.35 : 0.15) * engagement);
        life.p = WinModel.chance(life.rep.skill(), segment, d.type(), d.source(), product.family(), noise,
                life.early[MEETING] + life.early[DEMO], life.early[CALL] + life.early[EMAIL]);

        life.start = startStage(r, d.type());
        life.won = Rand.chance(r, life.p);
        life.last = life.won ? 4 : WinModel.lostAt(r, life.p, life.start);

        life.cycleDays = CYCLE_DAYS[segment] * typeCycle(d.type());
        long[] enter = new long[6];
        long t = t0;
        for (int k = life.start; k <= life.last; k++) {
            enter[k] = t;
            double days = Rand.logNormal(r, life.cycleDays * STAGE_SHARE[k], 0.6);
            if (k == life.start) {
                days = Math.max(days, WinModel.EARLY_DAYS + 1 + 3 * r.nextDouble());
            }
            t += (long) (Math.max(0.5, days) * DAY);
        }
        long natural = t;
        long close = pullToQuarterEnd(r, natural,
                Math.max(enter[life.last] + DAY, t0 + (WinModel.EARLY_DAYS + 1) * DAY), life.zone);
        boolean pulled = close != natural;
        enter[life.last + 1] = close;

        ev = 0;
        event(t0, CREATE, life.start);
        for (int k = life.start + 1; k <= life.last; k++) {
            event(enter[k], STAGE, k);
        }
        for (int k = life.start + 1; k <= life.last; k++) {
            long len = enter[k + 1] - enter[k];
            if (len >= 4 * DAY && Rand.chance(r, 0.10)) {
                long back = enter[k] + (long) (len * Rand.uniform(r, 0.3, 0.55));
                event(back, STAGE, k - 1);
                event(back + (long) (len * Rand.uniform(r, 0.15, 0.35)), STAGE, k);
            }
        }
        long closeAmount = life.amount;
        if (life.start <= 3 && life.last >= 3 && Rand.chance(r, 0.22)) {
            long len = enter[4] - enter[3];
            closeAmount = roundAmount(r, life.amount / 100.0 * Rand.logNormal(r, 1.0, 0.15), life.currency);
            event(enter[3] + (long) (len * Rand.uniform(r, 0.2, 0.8)), AMOUNT, closeAmount);
        }
        if (life.won && pulled && Rand.chance(r, 0.5)) {
            closeAmount = roundAmount(r, closeAmount / 100.0 * Rand.uniform(r, 0.88, 0.97), life.currency);
        }
        life.firstExpected = snapCloseDate(r,
                life.zone.localDay(t0) + Math.max(7, Math.round(life.cycleDays * Rand.logNormal(r, 0.85, 0.35))));
        planPushes(r, life, t0, close);
        event(close, CLOSE, closeAmount);
        sortEvents(r);
        life.close = evTime[ev - 1];

        life.forecast = new String[5];
        life.probability = new int[5];
        for (int k = 1; k <= 4; k++) {
            Stage s = Catalog.OPEN[k];
            life.forecast[k] = s.forecastCategory();
            life.probability[k] = s.probability();
            if (k == 1 && Rand.chance(r, 0.06)) {
                life.forecast[k] = "omitted";
            } else if (k == 2 && life.p > 0.6 && Rand.chance(r, 0.3)) {
                life.forecast[k] = "best_case";
            } else if (k == 3 && life.p > 0.55 && Rand.chance(r, 0.5)) {
                life.forecast[k] = "commit";
            } else if (k == 4 && life.p < 0.3 && Rand.chance(r, 0.35)) {
                life.forecast[k] = "best_case";
            }
            if (Rand.chance(r, 0.12)) {
                int step = (Rand.chance(r, 0.5) ? 5 : -5) * (1 + r.nextInt(2));
                life.probability[k] = Math.max(5, Math.min(95, life.probability[k] + step));
            }
        }
        Person rep = life.rep;
        Person successor = life.successor;
        life.owner = successor != null && life.leftAt <= Math.min(life.close, rep.cutoff()) ? successor : rep;
        life.cutoff = successor == null ? rep.cutoff() : Math.min(rep.cutoff(), successor.cutoff());
        return life;
    }

    /**
     * Close-date pushes: whenever the deal is still open as its expected close date comes,
     * the rep moves the date out (usually a few days before, sometimes late).
     */
    private void planPushes(SplittableRandom r, Life life, long t0, long close) {
        long expected = life.firstExpected;
        long lastPush = t0;
        for (int n = 0; n < 10; n++) {
            long due = life.zone.at(expected, 18 * HOUR);
            if (due >= close) {
                return;
            }
            long pushAt = Rand.chance(r, 0.85)
                    ? due - (long) (4 * DAY * r.nextDouble())
                    : due + DAY + (long) (24 * DAY * r.nextDouble());
            pushAt = Math.max(pushAt, lastPush + HOUR);
            if (pushAt >= close) {
                return;
            }
            long next = Math.max(expected + 7, snapCloseDate(r, life.zone.localDay(pushAt) + 10 + r.nextInt(50)));
            event(pushAt, PUSH, next);
            expected = next;
            lastPush = pushAt;
        }
    }

    /** Writes the history rows before the snapshot and the deal's row as they stand then; books a visible win. */
    private Shown writeHistoryAndDeal(Life life, SplittableRandom r) {
        Deal d = life.deal;
        int stage = life.start;
        int maxReached = life.start;
        long currentAmount = life.amount;
        long expectedDay = life.firstExpected;
        boolean closed = false;
        long closeDay = -1;
        long lastVisible = d.created();
        String createdText = Stamps.format(d.created(), life.zone, r, 0);
        String closedText = null;
        CsvSink history = out.history();
        for (int i = 0; i < ev; i++) {
            long time = evTime[i];
            if (time >= life.cutoff) {
                break;
            }
            Person actor = life.actorAt(time);
            String changedBy = actor.id();
            switch (evKind[i]) {
                case STAGE -> {
                    stage = (int) evValue[i];
                    maxReached = Math.max(maxReached, stage);
                }
                case AMOUNT -> currentAmount = evValue[i];
                case PUSH -> expectedDay = evValue[i];
                case CLOSE -> {
                    closed = true;
                    currentAmount = evValue[i];
                    closeDay = actor.zone().localDay(time);
                }
                default -> {
                }
            }
            if ((evKind[i] == STAGE || evKind[i] == PUSH || evKind[i] == AMOUNT) && Rand.chance(r, 0.12)) {
                Person manager = org.managerOf(actor);
                changedBy = manager == null ? changedBy : manager.id();
            }
            history.raw().append(life.id);
            if (i == 0) {
                history.raw().append(createdText);
            } else if (closed) {
                closedText = Stamps.format(time, actor.zone(), r, 0);
                history.raw().append(closedText);
            } else {
                Stamps.append(history.raw(), time, actor.zone(), r, 0);
            }
            Stage shown = closed ? (life.won ? Catalog.WON : Catalog.LOST) : Catalog.OPEN[stage];
            history.text(shown.name()).money(currentAmount).text(life.currency).date(closed ? closeDay : expectedDay)
                    .text(closed ? shown.forecastCategory() : life.forecast[stage])
                    .number(closed ? shown.probability() : life.probability[stage]).text(changedBy);
            history.end();
            lastVisible = time;
        }
        accounts.touch(life.account.index(), lastVisible);

        Person owner = life.owner;
        CsvSink opp = out.opportunities();
        opp.raw().append(life.id);
        opp.text(life.account.id()).text(owner.id()).text(dealName(r, life.account, d.product(), d.type(), owner))
                .text(d.product().id()).money(currentAmount).text(life.currency);
        if (closed) {
            Stage shown = life.won ? Catalog.WON : Catalog.LOST;
            opp.text(shown.name()).number(shown.probability()).text(shown.forecastCategory());
        } else {
            opp.text(Catalog.OPEN[stage].name()).number(life.probability[stage]).text(life.forecast[stage]);
        }
        opp.text(d.type().csv()).text(d.source());
        opp.raw().append(createdText);
        opp.date(closed ? closeDay : expectedDay);
        if (closed) {
            opp.raw().append(closedText);
            opp.text(life.won ? null : lostReason(r, life.last, owner));
        } else {
            opp.empty().empty();
        }
        if (closed && Rand.chance(r, 0.7)) {
            opp.raw().append(closedText);
        } else {
            long edited = Rand.chance(r, 0.3) ? lastVisible + (long) (8 * DAY * r.nextDouble()) : lastVisible;
            long modified = Math.max(lastVisible, Math.min(edited, life.cutoff - 1 - r.nextInt(60_000)));
            Stamps.append(opp.raw(), modified, owner.zone(), r, 0);
        }
        opp.end();

        if (life.won) {
            wins.add(winKey(life.close, life.account.index(), d.product().index()));
            if (closed) {
                quotas.book(owner, closeDay, currentAmount);
            }
        }
        return new Shown(closed, stage, maxReached, lastVisible);
    }

    /**
     * The first two weeks' activities exactly as counted into {@code p}, then activities at
     * rates that rise with the stage and with {@code p} (never with the outcome itself), so
     * they tell a model about the deal without leaking its fate.
     */
    private void writeActivities(Life life, SplittableRandom r) {
        long t0 = life.deal.created();
        Person manager = org.managerOf(life.rep);
        long earlyEnd = t0 + WinModel.EARLY_DAYS * DAY;
        for (int type = CALL; type <= DEMO; type++) {
            for (int n = 0; n < life.early[type]; n++) {
                long time = place(r, t0, earlyEnd, life.zone);
                dealActivity(r, type, time, life.actorAt(time), manager, life.account, life.id);
            }
        }
        double intensity = 0.45 + 1.1 * life.p;
        int stage = life.start;
        long from = t0;
        for (int i = 1; i < ev; i++) {
            long to = Math.min(evTime[i], snapshot);
            long a = Math.max(from, earlyEnd);
            if (to > a) {
                double days = (double) (to - a) / DAY;
                for (int type = CALL; type <= OTHER; type++) {
                    double rate = RATES[stage][type] * days * (type >= NOTE ? 1 : intensity);
                    for (int n = Rand.poisson(r, rate); n > 0; n--) {
                        long time = place(r, a, to, life.zone);
                        dealActivity(r, type, time, life.actorAt(time), manager, life.account, life.id);
                    }
                }
            }
            if (evKind[i] == STAGE) {
                stage = (int) evValue[i];
            }
            from = evTime[i];
        }
    }

    /** Follow-up tasks after some stage changes, and a next step on many deals still open at the snapshot. */
    private void writeTasks(Life life, Shown shown, SplittableRandom r) {
        long dealEnd = shown.closed() ? life.close : Long.MAX_VALUE;
        for (int i = 1; i < ev; i++) {
            if (evKind[i] == STAGE && Rand.chance(r, 0.22)) {
                long created = evTime[i] + (long) (DAY * r.nextDouble());
                long due = created + DAY + (long) (9 * DAY * r.nextDouble());
                Person actor = life.actorAt(created);
                task(r, actor, taskSubject(r, actor), created, due, life.account.id(), life.id, dealEnd, life.won);
            }
        }
        if (!shown.closed() && Rand.chance(r, 0.6)) {
            long after = Math.max(shown.lastChange(), life.cutoff - 12 * DAY);
            long created = after + (long) ((life.cutoff - after) * r.nextDouble());
            long due = created + DAY + (long) (15 * DAY * r.nextDouble());
            task(r, life.owner, taskSubject(r, life.owner), created, due, life.account.id(), life.id, dealEnd, life.won);
        }
    }

    /** The lead the deal was converted from, created days to weeks before it. */
    private void addConvertedLead(Life life, SplittableRandom r) {
        long t0 = life.deal.created();
        long created = t0 - 2 * DAY - (long) ((Leads.MAX_LEAD_TIME - 2 * DAY) * r.nextDouble());
        if (created < simStart) {
            created = simStart + (long) ((t0 - simStart) * 0.9 * r.nextDouble());
        }
        long modified = Math.min(t0 + (Rand.chance(r, 0.3) ? (long) (2 * DAY * r.nextDouble()) : 0), life.rep.cutoff() - 1);
        leads.add(new Leads.Pending(created, leads.nextSeq(), life.rep.id(), life.zone, life.deal.source(), "converted", t0,
                life.account.id(), life.id, life.account.name(), life.account.country(), modified));
    }

    /** An activity logged against an account but no deal: prospecting e-mails, calls, notes. */
    void looseActivity(SplittableRandom r, Person rep, int account, long time) {
        int type = Rand.weighted(r, new double[]{30, 42, 5, 0, 14, 9});
        writeActivity(r, type, time, rep, accounts.get(account), null);
    }

    /** A task on no deal: admin work, account planning. */
    void looseTask(SplittableRandom r, Person rep, int account, long created) {
        String subject = rep.zh() ? Rand.pick(r, Vocab.ADMIN_TASKS_ZH) : Rand.pick(r, Vocab.ADMIN_TASKS_EN);
        long due = created + DAY + (long) (13 * DAY * r.nextDouble());
        task(r, rep, subject, created, due, account < 0 ? null : accounts.get(account).id(), null, Long.MAX_VALUE, false);
    }

    private void dealActivity(SplittableRandom r, int type, long time, Person actor, Person manager, Account acct, String oppId) {
        if ((type == MEETING || type == DEMO) && manager != null && Rand.chance(r, 0.04)) {
            actor = manager;
        }
        writeActivity(r, type, time, actor, acct, oppId);
    }

    private void writeActivity(SplittableRandom r, int type, long time, Person actor, Account acct, String oppId) {
        if (time >= actor.cutoff()) {
            return;
        }
        CsvSink a = out.activities();
        Ids.append(a.raw(), "KACT", ++activityNo, 9);
        a.text(ACTIVITY_TYPES[type]).text(actor.id());
        Stamps.append(a.raw(), time, actor.zone(), r, 0);
        a.text(acct.id());
        Contact contact = type == NOTE ? null : accounts.contactAt(r, acct.index(), time);
        a.text(contact == null ? null : contact.id()).text(oppId);
        switch (type) {
            case CALL -> a.number(Rand.pick(r, new int[]{5, 10, 15, 20, 30, 45}));
            case MEETING -> a.number(Rand.pick(r, new int[]{30, 45, 60, 60, 90}));
            case DEMO -> a.number(Rand.pick(r, new int[]{45, 60, 60, 90, 120}));
            case OTHER -> {
                if (Rand.chance(r, 0.3)) {
                    a.number(Rand.chance(r, 0.5) ? 15 : 30);
                } else {
                    a.empty();
                }
            }
            default -> a.empty();
        }
        if (type == CALL) {
            a.text(Rand.chance(r, 0.7) ? "outbound" : "inbound");
        } else if (type == EMAIL) {
            a.text(Rand.chance(r, 0.6) ? "outbound" : "inbound");
        } else {
            a.empty();
        }
        if (type == CALL) {
            a.text(Rand.pick(r, Vocab.CALL_OUTCOMES));
        } else if ((type == MEETING || type == DEMO) && Rand.chance(r, 0.4)) {
            a.text(Rand.pick(r, Vocab.MEETING_OUTCOMES));
        } else {
            a.empty();
        }
        double blank = type == EMAIL ? 0.4 : type == CALL ? 0.35 : 0.08;
        if (Rand.chance(r, blank)) {
            a.empty();
        } else {
            String[] subjects = (actor.zh() ? Vocab.SUBJECTS_ZH : Vocab.SUBJECTS_EN)[type];
            a.text(subjects[r.nextInt(subjects.length)]);
        }
        a.end();
        accounts.touch(acct.index(), time);
    }

    /**
     * A task and its fate: done or dropped when its deal ends first, mostly done when its due
     * date has passed (some are left open: overdue, recent ones more often), open when due after the snapshot.
     */
    private void task(SplittableRandom r, Person owner, String subject, long created, long due, String accountId,
                      String oppId, long dealEnd, boolean dealWon) {
        long cutoff = owner.cutoff();
        if (created >= cutoff || created >= dealEnd) {
            return;
        }
        LocalZone zone = owner.zone();
        due = Math.max(created + HOUR, zone.at(zone.localDay(due), (9 * 60 + r.nextInt(9 * 60)) * MINUTE));
        String status;
        long completed = -1;
        long modified;
        if (dealEnd < cutoff && dealEnd < due) {
            due = dealEnd;
            if (dealWon || Rand.chance(r, 0.3)) {
                status = "completed";
                completed = created + (long) ((dealEnd - created) * r.nextDouble());
                modified = completed;
            } else {
                status = "cancelled";
                modified = dealEnd;
            }
        } else if (due < cutoff) {
            // Recent tasks are often still open; old ones have mostly been closed or cleaned up.
            double stillOpen = due > cutoff - 30 * DAY ? 0.25 : due > cutoff - 90 * DAY ? 0.06 : 0.012;
            double x = r.nextDouble();
            if (x < 0.94 - stillOpen) {
                status = "completed";
                completed = created + (long) ((Math.min(due + 3 * DAY, cutoff - 1) - created) * r.nextDouble());
                modified = completed;
            } else if (x < 1 - stillOpen) {
                status = "cancelled";
                modified = created + (long) ((Math.min(due + 5 * DAY, cutoff - 1) - created) * r.nextDouble());
            } else {
                status = "open";
                modified = created;
            }
        } else {
            status = "open";
            modified = created + (long) ((cutoff - 1 - created) * 0.3 * r.nextDouble());
        }
        CsvSink t = out.tasks();
        Ids.append(t.raw(), "KTSK", ++taskNo, 8);
        t.text(owner.id()).text(subject);
        Stamps.append(t.raw(), due, zone, r, 0.3);
        t.text(status);
        t.text(switch (Rand.weighted(r, new double[]{20, 55, 20, 5})) {
            case 0 -> "high";
            case 1 -> "normal";
            case 2 -> "low";
            default -> null;
        });
        Person manager = org.managerOf(owner);
        t.text(manager != null && Rand.chance(r, 0.15) ? manager.id() : owner.id());
        Stamps.append(t.raw(), created, zone, r, 0);
        if (completed >= 0) {
            Stamps.append(t.raw(), completed, zone, r, 0);
        } else {
            t.empty();
        }
        t.text(accountId).text(oppId);
        Stamps.append(t.raw(), modified, zone, r, 0);
        t.end();
    }

    private static String taskSubject(SplittableRandom r, Person owner) {
        return owner.zh() ? Rand.pick(r, Vocab.TASKS_ZH) : Rand.pick(r, Vocab.TASKS_EN);
    }

    private static String dealName(SplittableRandom r, Account acct, Product product, Type type, Person owner) {
        if (acct.chineseName() && owner.zh()) {
            return acct.shortName() + "-" + product.name() + switch (type) {
                case RENEWAL -> "续约";
                case EXPANSION -> "扩容";
                case NEW_BUSINESS -> "项目";
            };
        }
        String name = acct.name() + " - " + product.name() + switch (type) {
            case RENEWAL -> " (Renewal)";
            case EXPANSION -> " (Expansion)";
            case NEW_BUSINESS -> "";
        };
        return Rand.chance(r, 0.01) ? name + " \"Phase 2\"" : name;
    }

    private static String lostReason(SplittableRandom r, int stage, Person owner) {
        if (Rand.chance(r, 0.04)) {
            return null;
        }
        if (owner.zh() && Rand.chance(r, 0.5)) {
            return Rand.pick(r, Vocab.LOST_ZH);
        }
        return Rand.pick(r, stage == 1 ? Vocab.LOST_EN_EARLY : stage == 2 ? Vocab.LOST_EN_MID : Vocab.LOST_EN_LATE);
    }

    private static int startStage(SplittableRandom r, Type type) {
        double x = r.nextDouble();
        return switch (type) {
            case NEW_BUSINESS -> 1;
            case EXPANSION -> x < 0.3 ? 2 : 1;
            case RENEWAL -> x < 0.5 ? 3 : x < 0.7 ? 2 : 1;
        };
    }

    private static double typeSize(Type type) {
        return switch (type) {
            case NEW_BUSINESS -> 1.0;
            case EXPANSION -> 0.55;
            case RENEWAL -> 0.95;
        };
    }

    private static double typeCycle(Type type) {
        return switch (type) {
            case NEW_BUSINESS -> 1.0;
            case EXPANSION -> 0.75;
            case RENEWAL -> 0.6;
        };
    }

    /** An amount in cents, rounded as people type them: mostly to hundreds (thousands in CNY), sometimes exact. */
    static long roundAmount(SplittableRandom r, double amount, String currency) {
        double x = r.nextDouble();
        boolean cny = "CNY".equals(currency);
        long unit = x < 0.6 ? (cny ? 1000 : 100) : x < 0.85 ? (cny ? 100 : 10) : 0;
        if (unit == 0) {
            return Math.max(100, Math.round(amount * 100));
        }
        return Math.max(unit, Math.round(amount / unit) * unit) * 100;
    }

    /**
     * Quarter-end pressure: a close that falls just after a quarter starts is often pulled
     * into the last days of the quarter before, one late in a quarter pushed to its last
     * days, the more so at the fiscal year's end. It applies to won and lost deals alike
     * (lost deals are cleaned out at quarter end), so the timing of a close tells nothing
     * about its outcome.
     */
    private long pullToQuarterEnd(SplittableRandom r, long close, long earliest, LocalZone zone) {
        LocalDate day = LocalDate.ofEpochDay(zone.localDay(close));
        Period quarter = calendar.unitContaining(Granularity.QUARTER, day);
        long d = day.toEpochDay();
        long from = quarter.from().toEpochDay();
        long to = quarter.to().toEpochDay();
        // The fiscal year's end pulls hardest.
        boolean yearEndBefore = calendar.fiscalQuarterOf(day) == 1;
        boolean yearEndAhead = calendar.fiscalQuarterOf(day) == 4;
        long target = -1;
        if (d - from <= 20 && Rand.chance(r, yearEndBefore ? 0.55 : 0.40)) {
            target = from - 1 - r.nextInt(4);
        } else if (to - d >= 3 && to - d <= 25 && Rand.chance(r, yearEndAhead ? 0.5 : 0.35)) {
            target = to - r.nextInt(3);
        }
        if (target < 0) {
            return close;
        }
        long moved = zone.at(target, (9 * 60 + r.nextInt(9 * 60)) * MINUTE + r.nextInt(60_000));
        return moved > earliest ? moved : close;
    }

    /** Reps like round dates: many expected close dates are a month's or a quarter's last day. */
    private long snapCloseDate(SplittableRandom r, long epochDay) {
        double x = r.nextDouble();
        if (x < 0.55) {
            LocalDate d = LocalDate.ofEpochDay(epochDay);
            return x < 0.4
                    ? d.withDayOfMonth(d.lengthOfMonth()).toEpochDay()
                    : calendar.unitContaining(Granularity.QUARTER, d).to().toEpochDay();
        }
        return epochDay;
    }

    /** A time in [from, to), moved into the person's working hours (mostly on weekdays) when that stays inside. */
    static long place(SplittableRandom r, long from, long to, LocalZone zone) {
        long t = from + (long) ((to - from) * r.nextDouble());
        long day = zone.localDay(t);
        int weekday = (int) Math.floorMod(day + 3, 7);
        if (weekday >= 5 && Rand.chance(r, 0.85)) {
            day += weekday == 5 ? -1 : 1;
        }
        long placed = zone.at(day, (8 * 60 + 30 + r.nextInt(10 * 60)) * MINUTE + r.nextInt(60_000));
        return placed >= from && placed < to ? placed : t;
    }

    private void event(long time, byte kind, long value) {
        if (ev == evTime.length) {
            evTime = java.util.Arrays.copyOf(evTime, ev * 2);
            evKind = java.util.Arrays.copyOf(evKind, ev * 2);
            evValue = java.util.Arrays.copyOf(evValue, ev * 2);
        }
        evTime[ev] = time;
        evKind[ev] = kind;
        evValue[ev] = value;
        ev++;
    }

    /** Sorts the events by time (stable) and spreads equal times apart, since history is keyed by (deal, changed_at). */
    private void sortEvents(SplittableRandom r) {
        for (int i = 1; i < ev; i++) {
            long time = evTime[i];
            byte kind = evKind[i];
            long value = evValue[i];
            int j = i - 1;
            while (j >= 0 && evTime[j] > time) {
                evTime[j + 1] = evTime[j];
                evKind[j + 1] = evKind[j];
                evValue[j + 1] = evValue[j];
                j--;
            }
            evTime[j + 1] = time;
            evKind[j + 1] = kind;
            evValue[j + 1] = value;
        }
        // Distinct whole seconds: a timestamp written without its fraction is cut to the second.
        for (int i = 1; i < ev; i++) {
            if (evTime[i] / 1000 <= evTime[i - 1] / 1000) {
                evTime[i] = (evTime[i - 1] / 1000 + 1) * 1000 + r.nextInt(60_000);
            }
        }
    }
}
