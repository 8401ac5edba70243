package io.salescope.ingest.generate;

import io.salescope.ingest.generate.Person.Role;
import io.salescope.ingest.generate.Team.Geo;
import io.salescope.ingest.generate.Vocab.Han;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static java.util.Objects.requireNonNull;

/**
 * Kestrel Analytics' sales organisation: Global Sales at the root, three regions below it
 * (大中华区 with city teams, EMEA with sub-regions, North America) and the people in them.
 * A fixed core of people exists at every scale so demos can rely on their e-mails; larger
 * scales add reps, and sub-teams with their own managers once teams are full.
 */
final class Org {

    /** Reps in the fixed core; larger scales add to them. */
    static final int CORE_REPS = 14;

    private final List<Team> teams;
    private final List<Person> people;
    private final List<Person> reps;
    private final Map<String, Person> byId = new HashMap<>();

    private Org(List<Team> teams, List<Person> people) {
        this.teams = List.copyOf(teams);
        this.people = List.copyOf(people);
        this.reps = people.stream().filter(p -> p.role() == Role.REP).toList();
        people.forEach(p -> byId.put(p.id(), p));
    }

    List<Team> teams() {
        return teams;
    }

    List<Person> people() {
        return people;
    }

    List<Person> reps() {
        return reps;
    }

    Person person(String id) {
        return byId.get(id);
    }

    /** The rep's manager, or null. */
    Person managerOf(Person p) {
        return p.managerId() == null ? null : byId.get(p.managerId());
    }

    /** Who takes over the open deals of a rep who left: an active teammate, else an active rep of the region. */
    Person successorOf(Person rep) {
        for (Person p : reps) {
            if (p != rep && p.active() && p.team() == rep.team() && p.hiredDay() < rep.leftDay()) {
                return p;
            }
        }
        for (Person p : reps) {
            if (p != rep && p.active() && p.region() == rep.region() && p.hiredDay() < rep.leftDay()) {
                return p;
            }
        }
        throw new IllegalStateException("no successor for " + rep.id());
    }

    /** How many reps the organisation has at a scale: sub-linear, so deals per rep grow slowly with scale. */
    static int repsAt(double scale) {
        return Math.max(CORE_REPS, (int) Math.round(30 * StrictMath.pow(scale, 0.7)));
    }

    static Org build(double scale, SplittableRandom r, long simStartDay, long todayDay, long snapshot) {
        return new Builder(scale, r, simStartDay, todayDay, snapshot).build();
    }

    private record TeamSpec(String name, Geo geo) {
    }

    private static Geo geo(String zones, String countries, double[] weights, String city) {
        Han han = null;
        if (city != null) {
            for (Han c : Vocab.CHINESE_CITIES) {
                if (c.text().equals(city)) {
                    han = c;
                }
            }
        }
        return new Geo(List.of(zones.split(",")), List.of(countries.split(",")), weights, han);
    }

    private static final double[] ONE = {1};

    private static final List<TeamSpec> CHINA_TEAMS = List.of(
            new TeamSpec("上海销售部", geo("Asia/Shanghai", "CN", ONE, "上海")),
            new TeamSpec("广州销售部", geo("Asia/Shanghai", "CN", ONE, "广州")),
            new TeamSpec("北京销售部", geo("Asia/Shanghai", "CN", ONE, "北京")),
            new TeamSpec("深圳销售部", geo("Asia/Shanghai", "CN,HK", new double[]{85, 15}, "深圳")),
            new TeamSpec("杭州销售部", geo("Asia/Shanghai", "CN", ONE, "杭州")),
            new TeamSpec("成都销售部", geo("Asia/Shanghai", "CN", ONE, "成都")),
            new TeamSpec("香港办事处", geo("Asia/Hong_Kong", "HK,CN", new double[]{75, 25}, "深圳")),
            new TeamSpec("南京销售部", geo("Asia/Shanghai", "CN", ONE, "南京")),
            new TeamSpec("武汉销售部", geo("Asia/Shanghai", "CN", ONE, "武汉")),
            new TeamSpec("西安销售部", geo("Asia/Shanghai", "CN", ONE, "西安")),
            new TeamSpec("苏州销售部", geo("Asia/Shanghai", "CN", ONE, "苏州")),
            new TeamSpec("天津销售部", geo("Asia/Shanghai", "CN", ONE, "天津")),
            new TeamSpec("重庆销售部", geo("Asia/Shanghai", "CN", ONE, "重庆")),
            new TeamSpec("青岛销售部", geo("Asia/Shanghai", "CN", ONE, "青岛")),
            new TeamSpec("厦门销售部", geo("Asia/Shanghai", "CN", ONE, "厦门")));

    private static final List<TeamSpec> EMEA_TEAMS = List.of(
            new TeamSpec("UK & Ireland", geo("Europe/London,Europe/Dublin", "GB,IE", new double[]{80, 20}, null)),
            new TeamSpec("Central Europe", geo("Europe/Berlin,Europe/Vienna,Europe/Zurich", "DE,AT,CH", new double[]{60, 20, 20}, null)),
            new TeamSpec("Nordics", geo("Europe/Stockholm,Europe/Oslo,Europe/Copenhagen,Europe/Helsinki", "SE,NO,DK,FI",
                    new double[]{35, 25, 20, 20}, null)),
            new TeamSpec("France & Benelux", geo("Europe/Paris,Europe/Brussels,Europe/Amsterdam", "FR,BE,NL,LU",
                    new double[]{50, 20, 25, 5}, null)),
            new TeamSpec("Southern Europe", geo("Europe/Madrid,Europe/Rome,Europe/Lisbon", "ES,IT,PT", new double[]{45, 40, 15}, null)),
            new TeamSpec("Middle East", geo("Asia/Dubai,Asia/Riyadh", "AE,SA,QA", new double[]{55, 35, 10}, null)));

    private static final Geo NORTH_AMERICA_GEO = geo(
            "America/New_York,America/Chicago,America/Denver,America/Los_Angeles,America/Toronto", "US,CA",
            new double[]{85, 15}, null);

    private static final List<TeamSpec> NORTH_AMERICA_TEAMS = List.of(
            new TeamSpec("US East", geo("America/New_York", "US", ONE, null)),
            new TeamSpec("US West", geo("America/Los_Angeles,America/Denver", "US", ONE, null)),
            new TeamSpec("US Central", geo("America/Chicago", "US", ONE, null)),
            new TeamSpec("Canada", geo("America/Toronto,America/Vancouver", "CA", ONE, null)),
            new TeamSpec("US Public Sector", geo("America/New_York,America/Chicago", "US", ONE, null)));

    private static final String[] CHINESE_ORDINALS = {"二", "三", "四", "五", "六", "七", "八", "九", "十"};
    private static final String[] ROMAN = {"II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

    /** The n-th team name of a list, cycling with 二部/II suffixes when the list runs out. */
    private static TeamSpec nth(List<TeamSpec> specs, int n) {
        TeamSpec base = specs.get(n % specs.size());
        int round = n / specs.size();
        if (round == 0) {
            return base;
        }
        String suffix = round - 1 < ROMAN.length ? ROMAN[round - 1] : String.valueOf(round + 1);
        String ordinal = round - 1 < CHINESE_ORDINALS.length ? CHINESE_ORDINALS[round - 1] : String.valueOf(round + 1);
        String name = base.name().endsWith("销售部")
                ? base.name().replace("销售部", "销售" + ordinal + "部")
                : base.name().endsWith("办事处") ? base.name() + (round + 1) : base.name() + " " + suffix;
        return new TeamSpec(name, base.geo());
    }

    private static final class Builder {
        private final double scale;
        private final SplittableRandom r;
        private final long simStartDay;
        private final long todayDay;
        private final long snapshot;
        private final List<Team> teams = new ArrayList<>();
        private final List<Person> people = new ArrayList<>();
        private final Set<String> usedNames = new HashSet<>();
        private final Set<String> usedEmails = new HashSet<>();
        private final Set<String> usedSlack = new HashSet<>();

        Builder(double scale, SplittableRandom r, long simStartDay, long todayDay, long snapshot) {
            this.scale = scale;
            this.r = requireNonNull(r, "r is null");
            this.simStartDay = simStartDay;
            this.todayDay = todayDay;
            this.snapshot = snapshot;
        }

        Org build() {
            Team root = team("Global Sales", null, null, geo("Europe/London", "GB", ONE, null));
            Team china = team("大中华区", Region.CHINA, root, geo("Asia/Shanghai", "CN", ONE, "上海"));
            Team shanghai = team(CHINA_TEAMS.get(0), Region.CHINA, china);
            Team guangzhou = team(CHINA_TEAMS.get(1), Region.CHINA, china);
            Team emea = team("EMEA", Region.EMEA, root, EMEA_TEAMS.get(0).geo());
            Team uk = team(EMEA_TEAMS.get(0), Region.EMEA, emea);
            Team central = team(EMEA_TEAMS.get(1), Region.EMEA, emea);
            Team northAmerica = team("North America", Region.NORTH_AMERICA, root, NORTH_AMERICA_GEO);

            long longAgo = simStartDay - 900;
            Person exec = core("Catherine Hale", "catherine.hale", root, null, Role.EXECUTIVE, "Europe/London", "en", false, longAgo);
            core("Tobias Keller", "tobias.keller", null, exec, Role.ADMIN, "Europe/Zurich", "en", false, longAgo);
            Person chinaHead = core("林海涛", "lin.haitao", china, exec, Role.MANAGER, "Asia/Shanghai", "zh", true, longAgo);
            Person shanghaiHead = core("周静怡", "zhou.jingyi", shanghai, chinaHead, Role.MANAGER, "Asia/Shanghai", "zh", true, longAgo);
            Person emeaHead = core("Sophie Laurent", "sophie.laurent", emea, exec, Role.MANAGER, "Europe/Paris", "en", false, longAgo);
            Person ukHead = core("James Whitaker", "james.whitaker", uk, emeaHead, Role.MANAGER, "Europe/London", "en", false, longAgo);
            Person naHead = core("Daniel Reyes", "daniel.reyes", northAmerica, exec, Role.MANAGER, "America/Chicago", "en", false, longAgo);

            core("陈思远", "chen.siyuan", shanghai, shanghaiHead, Role.REP, "Asia/Shanghai", "zh", true, simStartDay - 420);
            core("刘洋", "liu.yang", shanghai, shanghaiHead, Role.REP, "Asia/Shanghai", "zh", true, simStartDay - 260);
            core("孙悦", "sun.yue", shanghai, shanghaiHead, Role.REP, "Asia/Shanghai", "zh", true, todayDay - 45);
            core("黄志强", "huang.zhiqiang", guangzhou, chinaHead, Role.REP, "Asia/Shanghai", "zh", true, simStartDay - 610);
            core("郑晓燕", "zheng.xiaoyan", guangzhou, chinaHead, Role.REP, "Asia/Shanghai", "en", true, simStartDay - 150);
            core("Oliver Grant", "oliver.grant", uk, ukHead, Role.REP, "Europe/London", "en", false, simStartDay - 380);
            core("Emily Clarke", "emily.clarke", uk, ukHead, Role.REP, "Europe/Dublin", "en", false, simStartDay - 120);
            core("Lukas Becker", "lukas.becker", central, emeaHead, Role.REP, "Europe/Berlin", "en", false, simStartDay - 700);
            core("Anna Hofer", "anna.hofer", central, emeaHead, Role.REP, "Europe/Vienna", "en", false, simStartDay - 330);
            core("Julia Brandt", "julia.brandt", central, emeaHead, Role.REP, "Europe/Zurich", "en", false, simStartDay - 90);
            core("Ryan Mitchell", "ryan.mitchell", northAmerica, naHead, Role.REP, "America/New_York", "en", false, simStartDay - 520);
            core("Jessica Turner", "jessica.turner", northAmerica, naHead, Role.REP, "America/Chicago", "en", false, simStartDay - 300);
            Person leaver = core("Kevin Park", "kevin.park", northAmerica, naHead, Role.REP, "America/Los_Angeles", "en", false,
                    simStartDay - 450);
            people.set(leaver.index(), withLeft(leaver, todayDay - 240));
            core("Ashley Morgan", "ashley.morgan", northAmerica, naHead, Role.REP, "America/Toronto", "en", false, simStartDay - 200);

            int total = repsAt(scale);
            int chinaReps = Math.max(5, (int) Math.round(total * 0.40));
            int emeaReps = Math.max(5, (int) Math.round(total * 0.32));
            int naReps = Math.max(4, total - chinaReps - emeaReps);
            int cap = (int) Math.min(12, Math.max(6, Math.round(6 * StrictMath.pow(scale, 0.15))));

            grow(Region.CHINA, china, chinaHead, new ArrayList<>(List.of(shanghai, guangzhou)), CHINA_TEAMS, chinaReps - 5, cap);
            grow(Region.EMEA, emea, emeaHead, new ArrayList<>(List.of(uk, central)), EMEA_TEAMS, emeaReps - 5, cap);
            grow(Region.NORTH_AMERICA, northAmerica, naHead, new ArrayList<>(List.of(northAmerica)), NORTH_AMERICA_TEAMS,
                    naReps - 4, cap);
            return new Org(teams, people);
        }

        /** Adds reps to the least-filled team of a region, opening a new sub-team when all are full. */
        private void grow(Region region, Team parent, Person head, List<Team> slots, List<TeamSpec> specs, int extra, int cap) {
            int[] size = new int[64];
            List<Person> heads = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                Team t = slots.get(i);
                size[i] = (int) people.stream().filter(p -> p.team() == t && p.role() == Role.REP).count();
                Person m = people.stream().filter(p -> p.team() == t && p.role() == Role.MANAGER).findFirst().orElse(head);
                heads.add(m);
            }
            int nextSpec = slots.size() - (region == Region.NORTH_AMERICA ? 1 : 0);
            for (int n = 0; n < extra; n++) {
                int best = -1;
                for (int i = 0; i < slots.size(); i++) {
                    if (size[i] < cap && (best < 0 || size[i] < size[best])) {
                        best = i;
                    }
                }
                if (best < 0) {
                    Team t = team(nth(specs, nextSpec++), region, parent);
                    Person m = generated(t, head, Role.MANAGER, region, simStartDay - 400 - r.nextInt(900));
                    slots.add(t);
                    heads.add(m);
                    if (size.length <= slots.size()) {
                        size = java.util.Arrays.copyOf(size, size.length * 2);
                    }
                    best = slots.size() - 1;
                }
                Team t = slots.get(best);
                long hired = Rand.chance(r, 0.7)
                        ? simStartDay - 30 - r.nextInt(1500)
                        : simStartDay + r.nextLong(Math.max(1, todayDay - 100 - simStartDay));
                Person rep = generated(t, heads.get(best), Role.REP, region, hired);
                // Some attrition at larger scales, never a team's first rep, so no team is left empty.
                if (size[best] > 0 && Rand.chance(r, 0.04)) {
                    long earliest = Math.max(hired + 200, simStartDay + 120);
                    if (earliest < todayDay - 30) {
                        people.set(rep.index(), withLeft(rep, earliest + r.nextLong(todayDay - 30 - earliest)));
                    }
                }
                size[best]++;
            }
        }

        private Team team(String name, Region region, Team parent, Geo geo) {
            Team t = new Team(teams.size(), Ids.of("KT", teams.size() + 1, 2), name, region,
                    parent == null ? null : parent.id(), geo);
            teams.add(t);
            return t;
        }

        private Team team(TeamSpec spec, Region region, Team parent) {
            return team(spec.name(), region, parent, spec.geo());
        }

        private Person core(String name, String emailLocal, Team team, Person manager, Role role, String zone,
                            String locale, boolean chinese, long hiredDay) {
            return add(name, emailLocal, team, manager, role, zone, locale, chinese, hiredDay);
        }

        private Person generated(Team team, Person manager, Role role, Region region, long hiredDay) {
            String zone = Rand.pick(r, team.geo().zones());
            if (region == Region.CHINA) {
                for (int attempt = 0; ; attempt++) {
                    Han surname = Rand.pick(r, Vocab.CHINESE_SURNAMES);
                    Han given = Rand.pick(r, Vocab.CHINESE_GIVEN);
                    String name = surname.text() + given.text();
                    String email = surname.pinyin() + "." + given.pinyin() + (attempt > 400 ? attempt : "");
                    if (!usedNames.contains(name) && !usedEmails.contains(email)) {
                        return add(name, email, team, manager, role, zone, Rand.chance(r, 0.9) ? "zh" : "en", true, hiredDay);
                    }
                    if (attempt > 2000) {
                        throw new IllegalStateException("ran out of unique Chinese names");
                    }
                }
            }
            for (int attempt = 0; ; attempt++) {
                String first = Rand.pick(r, Vocab.WESTERN_FIRST);
                String last = Rand.pick(r, Vocab.WESTERN_LAST);
                String name = first + " " + last;
                String email = emailPart(first) + "." + emailPart(last) + (attempt > 400 ? attempt : "");
                if (!usedNames.contains(name) && !usedEmails.contains(email)) {
                    return add(name, email, team, manager, role, zone, "en", false, hiredDay);
                }
                if (attempt > 2000) {
                    throw new IllegalStateException("ran out of unique names");
                }
            }
        }

        private Person add(String name, String emailLocal, Team team, Person manager, Role role, String zone,
                           String locale, boolean chinese, long hiredDay) {
            if (!usedNames.add(name) || !usedEmails.add(emailLocal)) {
                throw new IllegalStateException("duplicate person " + name);
            }
            LocalZone localZone = new LocalZone(zone);
            String slack = null;
            if (Rand.chance(r, 0.75)) {
                do {
                    StringBuilder sb = new StringBuilder("U0");
                    for (int i = 0; i < 9; i++) {
                        sb.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(r.nextInt(36)));
                    }
                    slack = sb.toString();
                } while (!usedSlack.add(slack));
            }
            double skill = Math.max(-1.3, Math.min(1.3, 0.5 * r.nextGaussian()));
            double capacity = Rand.logNormal(r, 1.0, 0.25);
            long cutoff = Math.min(snapshot, localZone.startOfDay(todayDay));
            Person p = new Person(people.size(), Ids.of("KU", people.size() + 1, 4), name,
                    emailLocal + "@" + Vocab.DOMAIN, team, manager == null ? null : manager.id(), role, localZone, locale,
                    chinese, slack, team == null ? null : team.region(), skill, capacity, hiredDay, Long.MAX_VALUE, cutoff);
            people.add(p);
            return p;
        }

        private static Person withLeft(Person p, long leftDay) {
            return new Person(p.index(), p.id(), p.name(), p.email(), p.team(), p.managerId(), p.role(), p.zone(),
                    p.locale(), p.chinese(), p.slackId(), p.region(), p.skill(), p.capacity(), p.hiredDay(), leftDay, p.cutoff());
        }

        private static String emailPart(String name) {
            return Accounts.ascii(name);
        }
    }
}
