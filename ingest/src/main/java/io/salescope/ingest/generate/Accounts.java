package io.salescope.ingest.generate;

import io.salescope.core.contract.Tables;
import io.salescope.ingest.generate.Vocab.Han;
import io.salescope.ingest.generate.Vocab.Industry;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static io.salescope.ingest.generate.LocalZone.DAY;

/**
 * The customer and prospect accounts with their contacts, plus the little state the deal
 * simulation keeps per account (who is already a customer, when it was last touched). Held
 * in memory: even at scale 100 that is about 100,000 accounts.
 */
final class Accounts {

    static final String[] SEGMENTS = {"SMB", "Mid-Market", "Enterprise"};

    record Account(int index, String id, String name, String shortName, String domain, String industry, int segment,
                   Region region, String country, Person owner, String priority, long created) {
        boolean chineseName() {
            return shortName != null;
        }
    }

    record Contact(String id, String firstName, String lastName, String email, String phone, String title, long created,
                   long modified) {
    }

    private final List<Account> accounts;
    private final List<Contact> contacts;
    private final int[] firstContact;
    private final long[] lastTouch;
    private final long[] customerSince;
    private final int[] lastProduct;
    private final int[][] byRegion;
    private final long[][] byRegionCreated;
    private final int[][] byOwner;
    private final long[][] byOwnerCreated;
    private final int[][] customers;
    private final int[] customerCount;

    private Accounts(List<Account> accounts, List<Contact> contacts, int[] firstContact, int ownerSlots) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.firstContact = firstContact;
        int n = accounts.size();
        lastTouch = new long[n];
        customerSince = new long[n];
        lastProduct = new int[n];
        Arrays.fill(customerSince, Long.MAX_VALUE);
        Arrays.fill(lastProduct, -1);
        Region[] regions = Region.values();
        byRegion = new int[regions.length][];
        byRegionCreated = new long[regions.length][];
        customers = new int[regions.length][16];
        customerCount = new int[regions.length];
        for (Region region : regions) {
            byRegion[region.ordinal()] = accounts.stream().filter(a -> a.region() == region).mapToInt(Account::index).toArray();
            byRegionCreated[region.ordinal()] = Arrays.stream(byRegion[region.ordinal()]).mapToLong(i -> accounts.get(i).created()).toArray();
        }
        int[] owned = new int[ownerSlots];
        accounts.forEach(a -> owned[a.owner().index()]++);
        byOwner = new int[ownerSlots][];
        byOwnerCreated = new long[ownerSlots][];
        for (int p = 0; p < ownerSlots; p++) {
            byOwner[p] = new int[owned[p]];
            byOwnerCreated[p] = new long[owned[p]];
            owned[p] = 0;
        }
        for (Account a : accounts) {
            int p = a.owner().index();
            byOwner[p][owned[p]] = a.index();
            byOwnerCreated[p][owned[p]++] = a.created();
        }
    }

    List<Account> all() {
        return accounts;
    }

    Account get(int index) {
        return accounts.get(index);
    }

    int contactCount() {
        return contacts.size();
    }

    /** A contact of the account that existed at {@code time}, or null (one in seven times none is named). */
    Contact contactAt(SplittableRandom r, int account, long time) {
        int from = firstContact[account];
        int to = firstContact[account + 1];
        int existing = 0;
        while (from + existing < to && contacts.get(from + existing).created() <= time) {
            existing++;
        }
        if (existing == 0 || r.nextInt(7) == 0) {
            return null;
        }
        return contacts.get(from + r.nextInt(existing));
    }

    void touch(int account, long time) {
        if (time > lastTouch[account]) {
            lastTouch[account] = time;
        }
    }

    boolean isCustomer(int account, long time) {
        return customerSince[account] <= time;
    }

    int lastProduct(int account) {
        return lastProduct[account];
    }

    /** Records a won deal: the account becomes (or stays) a customer of the product. */
    void won(int account, int product, long time) {
        if (customerSince[account] == Long.MAX_VALUE) {
            int region = accounts.get(account).region().ordinal();
            if (customerCount[region] == customers[region].length) {
                customers[region] = Arrays.copyOf(customers[region], customers[region].length * 2);
            }
            customers[region][customerCount[region]++] = account;
        }
        customerSince[account] = Math.min(customerSince[account], time);
        lastProduct[account] = product;
    }

    /** A customer account of the region, or -1 when it has none yet. */
    int pickCustomer(SplittableRandom r, Region region) {
        int n = customerCount[region.ordinal()];
        return n == 0 ? -1 : customers[region.ordinal()][r.nextInt(n)];
    }

    /** An account of the rep (usually) or of the rep's region that existed at {@code time}; -1 if none. */
    int pickFor(SplittableRandom r, Person rep, long time) {
        int own = existing(byOwnerCreated[rep.index()], time);
        if (own > 0 && Rand.chance(r, 0.6)) {
            return byOwner[rep.index()][r.nextInt(own)];
        }
        int region = rep.region().ordinal();
        int all = existing(byRegionCreated[region], time);
        return all == 0 ? -1 : byRegion[region][r.nextInt(all)];
    }

    /** A recently created account of the region, as a converted lead's new logo usually is; -1 if none. */
    int pickRecent(SplittableRandom r, Region region, long time) {
        int all = existing(byRegionCreated[region.ordinal()], time);
        if (all == 0) {
            return -1;
        }
        int back = Math.min(all - 1, (int) (-StrictMath.log(1 - r.nextDouble()) * 12));
        return byRegion[region.ordinal()][all - 1 - back];
    }

    private static int existing(long[] created, long time) {
        int lo = 0;
        int hi = created.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (created[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static Accounts build(Org org, double scale, SplittableRandom r, long simStartDay, long todayDay) {
        List<Person> reps = org.reps();
        double[] weights = reps.stream().mapToDouble(Person::capacity).toArray();
        int n = Math.max(80, (int) Math.round(1000 * scale));
        Set<String> names = new HashSet<>();
        record Draft(String name, String shortName, String domain, String industry, int segment, Region region,
                     String country, Person owner, String priority, long created) {
        }
        List<Draft> drafts = new ArrayList<>(n);
        double[] industryWeights = Vocab.INDUSTRIES.stream().mapToDouble(Industry::weight).toArray();
        long window = todayDay - simStartDay;
        for (int i = 0; i < n; i++) {
            Person rep = reps.get(Rand.weighted(r, weights));
            long createdDay = Rand.chance(r, 0.65)
                    ? simStartDay - 30 - r.nextInt(8 * 365)
                    : simStartDay + (long) (window * StrictMath.pow(r.nextDouble(), 0.75));
            Person owner = rep;
            if (!rep.active() && (createdDay >= rep.leftDay() - 30 || Rand.chance(r, 0.5))) {
                owner = org.successorOf(rep);
            }
            long created = owner.zone().at(createdDay, (8 * 60 + r.nextInt(10 * 60)) * LocalZone.MINUTE + r.nextInt(60_000));
            created = Math.min(created, owner.cutoff() - LocalZone.HOUR - r.nextInt(3_600_000));
            Team.Geo geo = rep.team().geo();
            String country = geo.countries().get(Rand.weighted(r, geo.countryWeights()));
            int segment = Rand.weighted(r, new double[]{45, 35, 20});
            Industry industry = Vocab.INDUSTRIES.get(Rand.weighted(r, industryWeights));
            boolean chinese = rep.region() == Region.CHINA && ("CN".equals(country) || Rand.chance(r, 0.4));
            CompanyName company = null;
            for (int attempt = 0; company == null; attempt++) {
                CompanyName candidate = companyName(r, chinese, geo, country, industry, rep.region() == Region.EMEA);
                if (names.add(candidate.name())) {
                    company = candidate;
                } else if (attempt > 60) {
                    String unique = candidate.name() + " " + (names.size() + 1);
                    names.add(unique);
                    company = new CompanyName(unique, candidate.shortName(), candidate.domain());
                }
            }
            String priority = switch (segment) {
                case 2 -> pickPriority(r, 50, 35, 10);
                case 1 -> pickPriority(r, 25, 45, 25);
                default -> pickPriority(r, 10, 40, 45);
            };
            String industryName = Rand.chance(r, 0.03) ? null : industry.name();
            drafts.add(new Draft(company.name(), company.shortName(), company.domain(), industryName, segment, rep.region(),
                    country, owner, priority, created));
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> drafts.get(i).created()).thenComparingInt(i -> i));
        List<Account> accounts = new ArrayList<>(n);
        for (int i : order) {
            Draft d = drafts.get(i);
            accounts.add(new Account(accounts.size(), Ids.of("KA", accounts.size() + 1, 6), d.name(),
                    d.shortName(), d.domain(), d.industry(), d.segment(), d.region(), d.country(), d.owner(), d.priority(),
                    d.created()));
        }

        List<Contact> contacts = new ArrayList<>();
        int[] firstContact = new int[n + 1];
        for (Account a : accounts) {
            firstContact[a.index()] = contacts.size();
            int count = switch (a.segment()) {
                case 2 -> 3 + r.nextInt(5);
                case 1 -> 2 + r.nextInt(4);
                default -> 1 + r.nextInt(3);
            };
            long cutoff = a.owner().cutoff();
            long[] created = new long[count];
            for (int c = 0; c < count; c++) {
                long span = Math.max(1, cutoff - a.created() - DAY);
                created[c] = c == 0
                        ? a.created() + r.nextLong(Math.min(span, 2 * DAY))
                        : a.created() + (long) (span * StrictMath.pow(r.nextDouble(), 1.6));
            }
            Arrays.sort(created);
            Set<String> emails = new HashSet<>();
            for (int c = 0; c < count; c++) {
                boolean chineseContact = a.chineseName() || ("HK".equals(a.country()) && Rand.chance(r, 0.5));
                String first;
                String last;
                String local;
                String title;
                if (chineseContact) {
                    Han surname = Rand.pick(r, Vocab.CHINESE_SURNAMES);
                    Han given = Rand.pick(r, Vocab.CHINESE_GIVEN);
                    first = given.text();
                    last = surname.text();
                    local = given.pinyin() + "." + surname.pinyin();
                    title = Rand.chance(r, 0.55) ? Rand.pick(r, Vocab.TITLES_ZH) : Rand.pick(r, Vocab.TITLES_EN);
                } else {
                    first = Rand.pick(r, Vocab.WESTERN_FIRST);
                    last = Rand.pick(r, Vocab.WESTERN_LAST);
                    local = ascii(first) + "." + ascii(last);
                    title = Rand.pick(r, Vocab.TITLES_EN);
                }
                if (!emails.add(local)) {
                    local = local + (c + 1);
                }
                String email = Rand.chance(r, 0.08) ? null : local + "@" + a.domain();
                String phone = Rand.chance(r, 0.2) ? null : phone(r, a.country());
                long modified = created[c] + (long) ((cutoff - 1 - created[c]) * r.nextDouble());
                contacts.add(new Contact(Ids.of("KC", contacts.size() + 1, 7), first, last, email, phone,
                        Rand.chance(r, 0.05) ? null : title, created[c], modified));
            }
        }
        firstContact[n] = contacts.size();

        Accounts book = new Accounts(accounts, contacts, firstContact, org.people().size());
        long simStart = simStartDay * DAY;
        for (Account a : accounts) {
            if (a.created() < simStart - 60 * DAY && Rand.chance(r, 0.35)) {
                long since = a.created() + (long) ((simStart - a.created()) * r.nextDouble() * 0.8);
                book.won(a.index(), a.segment() == 2 ? 2 : a.segment() == 1 ? 1 : 0, since);
            }
        }
        return book;
    }

    /** A company's name; {@code shortName} (the name without its legal form) is set for Chinese names only. */
    record CompanyName(String name, String shortName, String domain) {
    }

    static CompanyName companyName(SplittableRandom r, boolean chinese, Team.Geo geo, String country, Industry industry,
                                   boolean european) {
        if (chinese) {
            Han city = geo.city() != null && Rand.chance(r, 0.6) ? geo.city() : Rand.pick(r, Vocab.CHINESE_CITIES);
            Han a = Rand.pick(r, Vocab.BRAND_SYLLABLES);
            Han b = Rand.pick(r, Vocab.BRAND_SYLLABLES);
            while (b.text().equals(a.text())) {
                b = Rand.pick(r, Vocab.BRAND_SYLLABLES);
            }
            String shortName = city.text() + a.text() + b.text() + Rand.pick(r, industry.chinese());
            return new CompanyName(shortName + Rand.pick(r, Vocab.CHINESE_COMPANY_TYPES), shortName,
                    a.pinyin() + b.pinyin() + "-" + city.pinyin() + ".example");
        }
        String prefix = european && Rand.chance(r, 0.3) ? Rand.pick(r, Vocab.EUROPEAN_PREFIXES) : Rand.pick(r, Vocab.WESTERN_PREFIXES);
        String noun = Rand.pick(r, industry.nouns());
        String place = Rand.chance(r, 0.6) ? " " + Rand.pick(r, Vocab.PLACE_WORDS) : "";
        String name = prefix + place + " " + noun;
        if (!industry.publicBody()) {
            name += Rand.pick(r, Vocab.legalSuffixes(country));
        }
        if (Rand.chance(r, 0.02)) {
            name += " (\"" + prefix.charAt(0) + noun.charAt(0) + "\")";
        }
        return new CompanyName(name, null, ascii(prefix + place) + ascii(noun) + ".example");
    }

    private static String pickPriority(SplittableRandom r, double high, double medium, double low) {
        return switch (Rand.weighted(r, new double[]{high, medium, low, 5})) {
            case 0 -> "high";
            case 1 -> "medium";
            case 2 -> "low";
            default -> null;
        };
    }

    private static String phone(SplittableRandom r, String country) {
        StringBuilder sb = new StringBuilder(Vocab.phonePrefix(country));
        switch (country) {
            case "US", "CA" -> sb.append('-').append(200 + r.nextInt(800)).append("-555-01").append(10 + r.nextInt(90));
            case "CN" -> sb.append(" 1").append(3 + r.nextInt(7)).append(r.nextInt(10)).append(' ')
                    .append(1000 + r.nextInt(9000)).append(' ').append(1000 + r.nextInt(9000));
            default -> sb.append(' ').append(10 + r.nextInt(90)).append(' ').append(100 + r.nextInt(900)).append(' ')
                    .append(1000 + r.nextInt(9000));
        }
        return sb.toString();
    }

    /** Lower-case ASCII letters of a name, for e-mail addresses and domains ("Nørgaard" -> "norgaard"). */
    static String ascii(String text) {
        String decomposed = Normalizer.isNormalized(text, Normalizer.Form.NFD) ? text : Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = Character.toLowerCase(decomposed.charAt(i));
            if (c == 'ø') {
                c = 'o';
            }
            if (c >= 'a' && c <= 'z') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    void write(ExportFiles files, SplittableRandom r) {
        try (CsvSink out = files.open(Tables.ACCOUNTS)) {
            for (Account a : accounts) {
                LocalZone zone = a.owner().zone();
                long cutoff = a.owner().cutoff();
                long modified = Math.max(a.created(), lastTouch[a.index()]) + r.nextLong(3 * DAY);
                modified = Math.min(modified, cutoff - 1 - r.nextInt(3_600_000));
                modified = Math.max(modified, a.created());
                out.raw().append(a.id());
                out.text(a.name()).text(a.industry()).text(SEGMENTS[a.segment()]).text(a.region().label()).text(a.country())
                        .text(a.owner().id()).text(a.priority());
                Stamps.append(out.raw(), a.created(), zone, r, 0.25);
                Stamps.append(out.raw(), modified, zone, r, 0);
                out.end();
            }
        }
        try (CsvSink out = files.open(Tables.CONTACTS)) {
            for (Account a : accounts) {
                for (int c = firstContact[a.index()]; c < firstContact[a.index() + 1]; c++) {
                    Contact k = contacts.get(c);
                    out.raw().append(k.id());
                    out.raw().append(a.id());
                    out.text(k.firstName()).text(k.lastName()).text(k.email()).text(k.phone()).text(k.title())
                            .text(a.owner().id());
                    Stamps.append(out.raw(), k.created(), a.owner().zone(), r, 0.1);
                    Stamps.append(out.raw(), k.modified(), a.owner().zone(), r, 0);
                    out.end();
                }
            }
        }
    }
}
