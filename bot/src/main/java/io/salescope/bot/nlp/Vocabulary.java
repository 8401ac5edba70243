package io.salescope.bot.nlp;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.collection.trie.DoubleArrayTrie;
import com.hankcs.hanlp.collection.trie.bintrie.BinTrie;
import com.hankcs.hanlp.corpus.tag.Nature;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Everything the question parser matches: the catalog's metric, dimension and value names
 * (English and Chinese), and the warehouse's own names (reps, teams, regions, products,
 * industries, accounts...), with forgiving variants (plurals, "&"/"and", a rep's first or last
 * name, a unique word of a product's name, an account without "Inc."). Built once per
 * warehouse version; immutable and safe to share between threads.
 *
 * <p>Chinese questions are also segmented with HanLP, whose custom dictionary is this
 * vocabulary's Chinese phrases, so that metric terms and names come out as single words and a
 * short Chinese phrase only counts where it is a word of its own.
 */
public final class Vocabulary {

    /** Dimensions whose values are a few common words; they never widen or narrow a figure silently. */
    static final Set<String> MINOR_DIMENSIONS = Set.of("priority", "lead_status", "forecast_category", "lost_reason");

    private static final Pattern LEGAL_SUFFIX = Pattern.compile(
            "(?:\\s+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|llp|plc|gmbh|ag|ab|as|asa|a s|oy|oyj|sa|sas|srl|spa|bv|nv|kk|pty|pte|aps|se))+$");
    private static final Pattern ZH_LEGAL_SUFFIX = Pattern.compile("(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)$");
    /** Provinces and larger cities, as Chinese company names begin with them ("北京", "深圳"). */
    private static final Set<String> ZH_PLACES = Set.of("北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京",
            "苏州", "成都", "武汉", "西安", "长沙", "郑州", "青岛", "大连", "宁波", "厦门", "福州", "济南", "合肥", "沈阳",
            "哈尔滨", "长春", "昆明", "南宁", "贵阳", "石家庄", "太原", "南昌", "兰州", "海口", "呼和浩特", "乌鲁木齐",
            "拉萨", "银川", "西宁", "无锡", "佛山", "东莞", "珠海", "温州", "常州", "烟台", "泉州", "绍兴", "嘉兴", "金华",
            "徐州", "南通", "扬州", "中山", "惠州", "潍坊", "洛阳", "广东", "浙江", "江苏", "山东", "四川", "湖北", "湖南",
            "河南", "河北", "福建", "安徽", "辽宁", "吉林", "黑龙江", "云南", "贵州", "广西", "江西", "山西", "陕西",
            "甘肃", "海南", "内蒙古", "新疆", "西藏", "宁夏", "青海", "香港", "澳门", "台湾", "中国", "中华");
    /** Lines of business that end Chinese company names ("思远零售", "华为技术"). */
    private static final Set<String> ZH_BUSINESS = Set.of("科技", "技术", "软件", "信息", "信息技术", "网络", "网络科技",
            "数据", "电子", "通信", "传媒", "文化", "文化传媒", "零售", "贸易", "商贸", "实业", "投资", "控股", "物流",
            "医疗", "医药", "生物", "能源", "电气", "机械", "制造", "工业", "食品", "餐饮", "教育", "咨询", "服务",
            "金融", "保险", "证券", "银行", "地产", "置业", "建设", "工程", "汽车", "电器", "系统", "智能", "云计算",
            "互联网", "电商", "物业", "环保", "新能源", "材料", "化工", "纺织", "服饰", "家居", "建材", "农业", "航空",
            "运输", "供应链", "健康", "器械", "半导体", "光电", "精密", "仪器", "酒店", "旅游", "广告", "设计");
    private static final Pattern ZH_TEAM_SUFFIX = Pattern.compile("(?:销售一部|销售二部|销售部|销售团队|销售组|销售中心|事业部|团队|大区|分部|中心|部|组|队|区)$");

    private final MetricCatalog catalog;
    private final Map<String, List<String>> values;
    private final List<UserInfo> users;
    private final List<TeamInfo> teams;
    private final List<String> stages;
    private final Lexicon lexicon;
    private final Segment segment;
    private final Set<String> nameWords;
    private final Set<String> genericPhrases;
    private final Map<String, Set<String>> dimensionPhrases;
    private final Set<String> knownWords;
    private final Map<String, List<Sense>> nameTokens;
    /** Reps whose names the warehouse spells in pinyin ("Chen Hao"), by their syllables run together, either order. */
    private final Map<String, List<String>> pinyinReps;

    private Vocabulary(MetricCatalog catalog, Map<String, List<String>> values, List<UserInfo> users,
                       List<TeamInfo> teams, List<String> stages, Lexicon lexicon, Segment segment,
                       Set<String> nameWords, Set<String> genericPhrases, Map<String, Set<String>> dimensionPhrases,
                       Set<String> knownWords, Map<String, List<Sense>> nameTokens) {
        this.catalog = catalog;
        this.values = values;
        this.users = users;
        this.teams = teams;
        this.stages = stages;
        this.lexicon = lexicon;
        this.segment = segment;
        this.nameWords = nameWords;
        this.genericPhrases = genericPhrases;
        this.dimensionPhrases = dimensionPhrases;
        this.knownWords = knownWords;
        this.nameTokens = nameTokens;
        this.pinyinReps = pinyinReps(values.getOrDefault("rep", List.of()));
    }

    /** The vocabulary of the engine's catalog and its current warehouse version. */
    public static Vocabulary from(MetricEngine engine) {
        requireNonNull(engine, "engine is null");
        return of(engine.catalog(), engine.dimensionValues(), engine.users(), engine.teams());
    }

    /**
     * A vocabulary from a catalog and the warehouse's names.
     *
     * @param dimensionValues dimension name → values as users see them ({@code stage} in stage order)
     */
    public static Vocabulary of(MetricCatalog catalog, Map<String, List<String>> dimensionValues,
                                List<UserInfo> users, List<TeamInfo> teams) {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(dimensionValues, "dimensionValues is null");
        requireNonNull(users, "users is null");
        requireNonNull(teams, "teams is null");
        return new Builder(catalog, dimensionValues, users, teams).build();
    }

    public MetricCatalog catalog() {
        return catalog;
    }

    /** The values of a dimension as the warehouse spells them (rep and team names included). */
    public List<String> values(String dimension) {
        return values.getOrDefault(dimension, List.of());
    }

    /** Stage names in pipeline order. */
    public List<String> stages() {
        return stages;
    }

    private static Map<String, List<String>> pinyinReps(List<String> reps) {
        Map<String, List<String>> out = new HashMap<>();
        for (String rep : reps) {
            String norm = rep.strip().toLowerCase(Locale.ROOT);
            if (!norm.matches("[a-z]+(?: [a-z]+){1,2}")) {
                continue;
            }
            List<String> parts = List.of(norm.split(" "));
            List<String> reversed = new ArrayList<>(parts);
            java.util.Collections.reverse(reversed);
            for (String key : Set.of(String.join("", parts), String.join("", reversed))) {
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(rep);
            }
        }
        return out;
    }

    /**
     * The rep a name written in Chinese characters stands for when the warehouse spells that
     * rep in pinyin ("陈浩" for "Chen Hao", "罗晓东" for "Xiaodong Luo"), if exactly one rep sounds so.
     */
    public Optional<String> repWrittenInPinyin(String han) {
        if (pinyinReps.isEmpty() || !han.chars().allMatch(c -> NormalizedText.isCjk((char) c))) {
            return Optional.empty();
        }
        StringBuilder key = new StringBuilder();
        for (com.hankcs.hanlp.dictionary.py.Pinyin p : HanLP.convertToPinyinList(han)) {
            String syllable = p.getPinyinWithoutTone();
            if (syllable == null || syllable.equals("none")) {
                return Optional.empty();
            }
            key.append(syllable.replace("v", "u"));
        }
        List<String> reps = pinyinReps.getOrDefault(key.toString(), List.of());
        boolean known = lexicon.findAll(han).stream().anyMatch(m -> m.start() == 0 && m.end() == han.length());
        return reps.size() == 1 && !known ? Optional.of(reps.get(0)) : Optional.empty();
    }

    public List<UserInfo> users() {
        return users;
    }

    public List<TeamInfo> teams() {
        return teams;
    }

    /** A user by exact name (any case). */
    public Optional<UserInfo> user(String name) {
        return users.stream().filter(u -> u.name() != null && u.name().equalsIgnoreCase(name)).findFirst();
    }

    /** A team by exact name (any case). */
    public Optional<TeamInfo> team(String name) {
        return teams.stream().filter(t -> t.name() != null && t.name().equalsIgnoreCase(name)).findFirst();
    }

    /** How many phrases the parser knows. */
    public int size() {
        return lexicon.size();
    }

    /** The words HanLP makes of a text, with this vocabulary's phrases as single words. */
    public List<String> segment(String text) {
        return segment.seg(text).stream().map(t -> t.word).toList();
    }

    /** A word that is part of someone's or something's name ("june" for a rep called June). */
    boolean isNameWord(String word) {
        return nameWords.contains(word);
    }

    /** A value spelled like an ordinary word or a metric term, or of a minor dimension. */
    boolean isWeak(Sense sense) {
        if (sense.kind() != Sense.Kind.VALUE || sense.caseSensitive()) {
            return false;
        }
        String surface = NormalizedText.normalizeSurface(sense.surface());
        return MINOR_DIMENSIONS.contains(sense.key()) || CommonWords.EN.contains(surface) || genericPhrases.contains(surface);
    }

    /** A (normalised, Latin) word of any phrase this vocabulary knows, or an ordinary English word. */
    boolean isKnownWord(String word) {
        return knownWords.contains(word);
    }

    /**
     * Names spelled almost like {@code word} ("Meghan" for Megan Price): one edit away, two for
     * longer words. For "did you mean" questions; never used to answer directly.
     */
    List<Sense> similar(String word) {
        String w = NormalizedText.normalizeSurface(word);
        List<Sense> out = new ArrayList<>();
        if (w.length() < 4) {
            return out;
        }
        int max = w.length() >= 7 ? 2 : 1;
        Set<String> seen = new HashSet<>();
        nameTokens.forEach((token, senses) -> {
            if (Math.abs(token.length() - w.length()) <= max && editDistance(token, w) <= max) {
                for (Sense s : senses) {
                    if (seen.add(s.identity())) {
                        out.add(s);
                    }
                }
            }
        });
        return out;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** One of the catalog's words for the dimension (normalised), e.g. "rep" for rep. */
    boolean isDimensionPhrase(String dimension, String phrase) {
        return dimensionPhrases.getOrDefault(dimension, Set.of()).contains(phrase);
    }

    String dimensionLabel(String dimension, String language) {
        MetricCatalog.Dimension d = catalog.dimensions().get(dimension);
        return d == null || d.label() == null ? dimension.replace('_', ' ') : d.label().in(language);
    }

    /**
     * The phrases of a question, longest first and without overlaps, in order of position.
     * Positions in {@code blocked} (time phrases) are not read.
     */
    List<Lexicon.Match> scan(NormalizedText text, BitSet blocked) {
        String norm = text.normBlanked(blocked);
        List<Lexicon.Match> candidates = new ArrayList<>();
        BitSet bounds = null;
        for (Lexicon.Match m : lexicon.findAll(norm)) {
            List<Sense> senses = new ArrayList<>(m.senses().size());
            for (Sense s : m.senses()) {
                if (!s.caseSensitive() || text.source.substring(m.start(), m.end()).equals(s.surface())) {
                    senses.add(s);
                }
            }
            if (senses.isEmpty()) {
                continue;
            }
            boolean bareSurname = m.length() == 1 && senses.stream().allMatch(x -> x.kind() == Sense.Kind.VALUE
                    && x.quality() == Sense.Quality.PARTIAL && "rep".equals(x.key()));
            if (bareSurname && (m.end() >= norm.length() || norm.charAt(m.end()) != '的')) {
                continue;
            }
            if (m.length() <= 2 && NormalizedText.isCjk(norm.charAt(m.start()))) {
                if (bounds == null) {
                    bounds = wordBoundaries(text.lower);
                }
                if (!bounds.get(m.start()) || !bounds.get(m.end())) {
                    // not a word of its own: a name or metric inside another word is not meant; a dimension
                    // word may still be ("每个人" is 每个/人 to HanLP), and only counts after 按/各/每 anyway
                    senses.removeIf(x -> x.kind() != Sense.Kind.DIMENSION);
                    if (senses.isEmpty()) {
                        continue;
                    }
                }
            }
            candidates.add(new Lexicon.Match(m.start(), m.end(), List.copyOf(senses)));
        }
        candidates.sort(Comparator.comparingInt(Lexicon.Match::length).reversed()
                .thenComparing(m -> m.senses().stream().map(Sense::quality).min(Comparator.naturalOrder()).orElseThrow())
                .thenComparingInt(Lexicon.Match::start));
        BitSet taken = new BitSet();
        List<Lexicon.Match> chosen = new ArrayList<>();
        for (Lexicon.Match m : candidates) {
            if (taken.get(m.start(), m.end()).isEmpty()) {
                taken.set(m.start(), m.end());
                chosen.add(m);
            }
        }
        chosen.sort(Comparator.comparingInt(Lexicon.Match::start));
        return chosen;
    }

    /** Where HanLP's words start and end (every position of non-Chinese text counts). */
    BitSet wordBoundaries(String text) {
        BitSet out = new BitSet(text.length() + 1);
        out.set(0);
        out.set(text.length());
        for (Term t : segment.seg(text)) {
            out.set(t.offset);
            out.set(t.offset + t.length());
        }
        for (int i = 0; i < text.length(); i++) {
            if (!NormalizedText.isCjk(text.charAt(i))) {
                out.set(i);
                out.set(i + 1);
            }
        }
        return out;
    }

    private static final class Builder {
        private final MetricCatalog catalog;
        private final Map<String, List<String>> dimensionValues;
        private final List<UserInfo> users;
        private final List<TeamInfo> teams;
        private final Lexicon.Builder lexicon = new Lexicon.Builder();
        private final Map<String, LinkedHashSet<String>> values = new LinkedHashMap<>();
        private final Set<String> generic = new HashSet<>();
        private final Set<String> nameWords = new HashSet<>();
        private final Map<String, Set<String>> dimensionPhrases = new HashMap<>();

        Builder(MetricCatalog catalog, Map<String, List<String>> dimensionValues, List<UserInfo> users, List<TeamInfo> teams) {
            this.catalog = catalog;
            this.dimensionValues = dimensionValues;
            this.users = List.copyOf(users);
            this.teams = List.copyOf(teams);
        }

        Vocabulary build() {
            collectValues();
            addMetricsAndDimensions();
            Set<String> genericPhrases = new HashSet<>(lexicon.phrases().keySet());
            for (String phrase : genericPhrases) {
                if (!NormalizedText.containsCjk(phrase)) {
                    generic.addAll(List.of(phrase.split(" ")));
                }
            }
            generic.addAll(CommonWords.EN);
            generic.addAll(TimeWords.EN);
            values.forEach((dimension, vs) -> {
                for (String v : vs) {
                    addValue(dimension, v);
                }
            });
            addValueSynonyms();
            addUsers();
            addTeamParts();
            addProductParts();
            Map<String, List<String>> frozen = new LinkedHashMap<>();
            values.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
            List<String> stages = frozen.getOrDefault("stage", List.of());
            Lexicon built = lexicon.build();
            Set<String> known = new HashSet<>(CommonWords.EN);
            known.addAll(TimeWords.EN);
            Map<String, List<Sense>> tokens = new HashMap<>();
            lexicon.phrases().forEach((phrase, senses) -> {
                if (NormalizedText.containsCjk(phrase)) {
                    return;
                }
                boolean onlyNames = senses.values().stream().allMatch(sense -> sense.kind() == Sense.Kind.VALUE
                        && Set.of("rep", "team", "product", "account").contains(sense.key()));
                if (!onlyNames) {
                    known.addAll(List.of(phrase.split(" ")));
                }
                for (Sense sense : senses.values()) {
                    boolean name = sense.kind() == Sense.Kind.VALUE && Set.of("rep", "team", "product", "account").contains(sense.key())
                            && !sense.caseSensitive();
                    if (name) {
                        for (String t : phrase.split(" ")) {
                            if (t.length() >= 4 && !CommonWords.EN.contains(t)) {
                                tokens.computeIfAbsent(t, k -> new ArrayList<>()).add(sense);
                            }
                        }
                    }
                }
            });
            return new Vocabulary(catalog, java.util.Collections.unmodifiableMap(frozen), users, teams, stages, built,
                    segmenter(Lexicon.cjkPhrases(lexicon.phrases())), Set.copyOf(nameWords), Set.copyOf(genericPhrases),
                    Map.copyOf(dimensionPhrases), Set.copyOf(known), Map.copyOf(tokens));
        }

        private void collectValues() {
            dimensionValues.forEach((dimension, list) -> {
                if (dimension == null || list == null || MetricCatalog.TIME_DIMENSIONS.contains(dimension)) {
                    return;
                }
                for (String v : list) {
                    addKnownValue(dimension, v);
                }
            });
            for (UserInfo u : users) {
                addKnownValue("rep", u.name());
                addKnownValue("region", u.region());
            }
            for (TeamInfo t : teams) {
                addKnownValue("team", t.name());
                addKnownValue("region", t.region());
            }
        }

        private void addKnownValue(String dimension, String value) {
            if (value != null && !value.isBlank()) {
                values.computeIfAbsent(dimension, k -> new LinkedHashSet<>()).add(value.strip());
            }
        }

        private void addMetricsAndDimensions() {
            for (MetricCatalog.Metric m : catalog.metrics()) {
                for (String s : m.synonyms().all()) {
                    lexicon.add(s, Sense.metric(m.name(), s));
                }
                lexicon.add(m.name().replace('_', ' '), Sense.metric(m.name(), m.name()));
                if (m.label() != null) {
                    lexicon.add(m.label().en(), Sense.metric(m.name(), m.label().en()));
                    lexicon.add(m.label().zh(), Sense.metric(m.name(), m.label().zh()));
                }
            }
            catalog.dimensions().forEach((name, d) -> {
                List<String> words = new ArrayList<>(d.synonyms() == null ? List.of() : d.synonyms().all());
                // "各产品" would hide "产品线" in "各产品线"; the parser reads 各/每/按 before a dimension word anyway
                Set<String> plain = new HashSet<>(words);
                words.removeIf(w -> w.length() > 1 && "各每按".indexOf(w.charAt(0)) >= 0 && plain.contains(w.substring(1)));
                if (d.label() != null) {
                    words.add(d.label().en());
                    words.add(d.label().zh());
                }
                words.add(name.replace('_', ' '));
                for (String w : words) {
                    if (w != null) {
                        lexicon.add(w, Sense.dimension(name, w));
                        dimensionPhrases.computeIfAbsent(name, k -> new HashSet<>()).add(NormalizedText.normalizeSurface(w));
                    }
                }
            });
        }

        private void addValue(String dimension, String value) {
            Sense.Quality exact = Sense.Quality.EXACT;
            switch (dimension) {
                case "rep" -> lexicon.add(value, Sense.value(dimension, value, exact, value));
                case "account" -> {
                    lexicon.add(value, Sense.value(dimension, value, exact, value));
                    String norm = NormalizedText.normalizeSurface(value);
                    String stripped = LEGAL_SUFFIX.matcher(norm).replaceAll("");
                    if (!stripped.equals(norm) && isDistinctive(stripped)) {
                        lexicon.add(stripped, Sense.value(dimension, value, Sense.Quality.SYNONYM, value));
                    }
                    // "Northwind" for "Northwind Retail Inc.": the first word of a name is usually its brand
                    String[] words = stripped.split(" ");
                    if (words.length > 1 && !NormalizedText.containsCjk(words[0]) && words[0].length() >= 4
                            && !generic.contains(words[0]) && !words[0].chars().allMatch(Character::isDigit)) {
                        lexicon.add(words[0], Sense.value(dimension, value, Sense.Quality.PARTIAL, value));
                    }
                    String zh = ZH_LEGAL_SUFFIX.matcher(norm).replaceAll("");
                    if (!zh.equals(norm) && zh.length() >= 3) {
                        lexicon.add(zh, Sense.value(dimension, value, Sense.Quality.SYNONYM, value));
                    }
                    if (NormalizedText.containsCjk(zh)) {
                        addChineseShortNames(zh, value);
                    }
                }
                case "country" -> {
                    boolean code = value.length() == 2 && value.chars().allMatch(c -> c >= 'A' && c <= 'Z');
                    if (code) {
                        lexicon.add(value, new Sense(Sense.Kind.VALUE, dimension, value, exact, true, value));
                        Locale country = new Locale("", value);
                        for (Locale in : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                            String name = country.getDisplayCountry(in);
                            if (!name.isBlank() && !name.equalsIgnoreCase(value)) {
                                for (String v : variants(name)) {
                                    lexicon.add(v, Sense.value(dimension, value, Sense.Quality.SYNONYM, name));
                                }
                            }
                        }
                    } else {
                        for (String v : variants(value)) {
                            lexicon.add(v, Sense.value(dimension, value, exact, value));
                        }
                    }
                }
                default -> {
                    for (String v : variants(value)) {
                        lexicon.add(v, Sense.value(dimension, value, exact, value));
                    }
                }
            }
            if (!"account".equals(dimension)) {
                for (String w : NormalizedText.normalizeSurface(value).split(" ")) {
                    nameWords.add(w);
                }
            }
        }

        /**
         * The short names a Chinese company goes by: without its place ("思远零售" for
         * "北京思远零售有限公司"), and its brand without the line of business ("思远"; a partial
         * match, which gives way to any other reading of the same words).
         */
        private void addChineseShortNames(String zh, String account) {
            String place = ZH_PLACES.stream().filter(zh::startsWith).max(Comparator.comparingInt(String::length)).orElse("");
            String rest = zh.substring(place.length());
            if (!place.isEmpty() && rest.length() >= 3) {
                lexicon.add(rest, Sense.value("account", account, Sense.Quality.SYNONYM, account));
            }
            String business = ZH_BUSINESS.stream().filter(b -> rest.endsWith(b) && rest.length() - b.length() >= 2)
                    .max(Comparator.comparingInt(String::length)).orElse("");
            if (!business.isEmpty()) {
                String brand = rest.substring(0, rest.length() - business.length());
                lexicon.add(brand, Sense.value("account", account, Sense.Quality.PARTIAL, account));
            }
        }

        /** Catalog synonyms of values, for the values this warehouse has (spelled as it spells them). */
        private void addValueSynonyms() {
            catalog.valueSynonyms().forEach((dimension, byValue) -> {
                Map<String, String> known = new HashMap<>();
                for (String v : values.getOrDefault(dimension, new LinkedHashSet<>())) {
                    known.put(NormalizedText.normalizeSurface(v), v);
                }
                byValue.forEach((key, synonyms) -> {
                    String target = known.get(NormalizedText.normalizeSurface(key));
                    if (target == null) {
                        for (String s : synonyms.all()) {
                            target = known.get(NormalizedText.normalizeSurface(s));
                            if (target != null) {
                                break;
                            }
                        }
                    }
                    if (target == null) {
                        return;
                    }
                    List<String> all = new ArrayList<>(synonyms.all());
                    all.add(key);
                    for (String s : all) {
                        for (String v : variants(s)) {
                            lexicon.add(v, Sense.value(dimension, target, Sense.Quality.SYNONYM, s));
                        }
                    }
                });
            });
        }

        private void addUsers() {
            Map<String, List<String>> partNames = new LinkedHashMap<>();
            Set<String> surnames = new LinkedHashSet<>();
            for (UserInfo u : users) {
                String name = u.name();
                if (name == null || name.isBlank()) {
                    continue;
                }
                if (u.email() != null && u.email().contains("@")) {
                    String local = u.email().substring(0, u.email().indexOf('@'));
                    lexicon.add(local, Sense.value("rep", name, Sense.Quality.EXACT, name));
                    lexicon.add(u.email(), Sense.value("rep", name, Sense.Quality.EXACT, name));
                }
                String norm = NormalizedText.normalizeSurface(name);
                if (NormalizedText.containsCjk(norm) && norm.length() >= 2 && norm.length() <= 3 && !norm.contains(" ")) {
                    // 王磊 is 王总, 王经理, 小王 or 老王 to colleagues, and "王" in "王的业绩"
                    String surname = norm.substring(0, 1);
                    for (String form : List.of(surname, surname + "总", surname + "经理", "小" + surname, "老" + surname)) {
                        partNames.computeIfAbsent(form, k -> new ArrayList<>()).add(name);
                    }
                    surnames.add(surname);
                }
                String[] words = norm.split(" ");
                if (words.length > 1) {
                    for (String w : words) {
                        boolean usable = w.length() >= 2 && !NormalizedText.containsCjk(w) && !CommonWords.EN.contains(w);
                        if (usable) {
                            partNames.computeIfAbsent(w, k -> new ArrayList<>()).add(name);
                        }
                    }
                }
            }
            // "陈" may also be Chen Yu, whose name is written in pinyin
            for (String surname : surnames) {
                String pinyin = HanLP.convertToPinyinList(surname).get(0).getPinyinWithoutTone();
                for (UserInfo u : users) {
                    if (u.name() == null || NormalizedText.containsCjk(u.name())) {
                        continue;
                    }
                    String[] words = NormalizedText.normalizeSurface(u.name()).split(" ");
                    if (words.length > 1 && (words[0].equals(pinyin) || words[words.length - 1].equals(pinyin))) {
                        partNames.get(surname).add(u.name());
                    }
                }
            }
            partNames.forEach((word, names) -> {
                for (String name : names) {
                    lexicon.add(word, Sense.value("rep", name, Sense.Quality.PARTIAL, name));
                }
            });
        }

        /** A distinctive word of a team's name, or a Chinese team name without 销售部/团队/区. */
        private void addTeamParts() {
            for (String team : values.getOrDefault("team", new LinkedHashSet<>())) {
                String norm = NormalizedText.normalizeSurface(team);
                if (NormalizedText.containsCjk(norm)) {
                    String core = ZH_TEAM_SUFFIX.matcher(norm).replaceAll("");
                    if (!core.equals(norm) && core.length() >= 2) {
                        lexicon.add(core, Sense.value("team", team, Sense.Quality.PARTIAL, team));
                    }
                    continue;
                }
                for (String part : subPhrases(norm)) {
                    lexicon.add(part, Sense.value("team", team, Sense.Quality.PARTIAL, team));
                }
                // "US" for "US & Canada": an acronym counts even when it is also a common word, if written in capitals
                String[] words = team.split("[^\\p{L}\\p{N}]+");
                if (words.length > 1) {
                    for (String w : words) {
                        if (w.length() >= 2 && w.length() <= 4 && w.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                            lexicon.add(w, new Sense(Sense.Kind.VALUE, "team", team, Sense.Quality.PARTIAL, true, w));
                        }
                    }
                }
            }
        }

        private void addProductParts() {
            for (String product : values.getOrDefault("product", new LinkedHashSet<>())) {
                String norm = NormalizedText.normalizeSurface(product);
                if (NormalizedText.containsCjk(norm)) {
                    continue;
                }
                for (String part : subPhrases(norm)) {
                    for (String v : variants(part)) {
                        lexicon.add(v, Sense.value("product", product, Sense.Quality.PARTIAL, product));
                    }
                }
            }
        }

        /** Runs of words of a multi-word name, shorter than the name, with a distinctive word in them. */
        private List<String> subPhrases(String norm) {
            String[] words = norm.split(" ");
            List<String> out = new ArrayList<>();
            if (words.length < 2) {
                return out;
            }
            for (int from = 0; from < words.length; from++) {
                for (int to = from + 1; to <= words.length; to++) {
                    if (to - from == words.length) {
                        continue;
                    }
                    String phrase = String.join(" ", java.util.Arrays.copyOfRange(words, from, to));
                    if (isDistinctive(phrase)) {
                        out.add(phrase);
                    }
                }
            }
            return out;
        }

        private boolean isDistinctive(String phrase) {
            for (String w : phrase.split(" ")) {
                if (w.length() >= 3 && !generic.contains(w) && !w.chars().allMatch(Character::isDigit)) {
                    return true;
                }
            }
            return false;
        }

        private static Segment segmenter(Set<String> phrases) {
            TreeMap<String, CoreDictionary.Attribute> words = new TreeMap<>();
            for (String p : phrases) {
                words.put(p, new CoreDictionary.Attribute(Nature.nz, 1000));
            }
            words.putIfAbsent("销售", new CoreDictionary.Attribute(Nature.nz, 1000));
            DynamicCustomDictionary dictionary = new DynamicCustomDictionary(
                    new DoubleArrayTrie<CoreDictionary.Attribute>(words), new BinTrie<CoreDictionary.Attribute>(), null);
            Segment segment = HanLP.newSegment()
                    .enableCustomDictionary(dictionary)
                    .enableOffset(true)
                    .enableNameRecognize(false)
                    .enablePlaceRecognize(false)
                    .enableOrganizationRecognize(false)
                    .enableTranslatedNameRecognize(false)
                    .enableJapaneseNameRecognize(false);
            segment.seg("今年的成交金额");
            return segment;
        }
    }

    /**
     * A phrase as written and the forms people also write it in: "&" for "and" and back,
     * plural and singular.
     */
    static List<String> variants(String surface) {
        String s = NormalizedText.normalizeSurface(surface);
        Set<String> out = new LinkedHashSet<>();
        out.add(s);
        if (s.contains("&")) {
            out.add(s.replace("&", " and ").replaceAll("\\s+", " "));
        }
        if (s.contains(" and ")) {
            out.add(s.replace(" and ", " & "));
        }
        if (!s.isEmpty() && !NormalizedText.containsCjk(s) && Character.isLetter(s.charAt(s.length() - 1))) {
            for (String form : List.copyOf(out)) {
                if (form.endsWith("ies") && form.length() > 4) {
                    out.add(form.substring(0, form.length() - 3) + "y");
                } else if (form.endsWith("s") && !form.endsWith("ss") && form.length() >= 5) {
                    out.add(form.substring(0, form.length() - 1));
                } else if (form.endsWith("y") && form.length() > 2 && "aeiou".indexOf(form.charAt(form.length() - 2)) < 0) {
                    out.add(form.substring(0, form.length() - 1) + "ies");
                } else if (form.endsWith("x") || form.endsWith("ch") || form.endsWith("sh")) {
                    out.add(form + "es");
                } else if (!form.endsWith("s")) {
                    out.add(form + "s");
                }
            }
        }
        return List.copyOf(out);
    }
}
