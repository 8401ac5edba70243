package io.salescope.bot.nlp;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import io.salescope.warehouse.query.UserInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Finds the person a chat command names, as forgivingly as the question parser reads rep
 * names: the full name in any case and without accents, the email or its local part
 * ("erik.nilsson"), a first or last name ("Erik", "Nilsson"), a Chinese name, its given name
 * ("志远"), the ways colleagues say it (许总, 小许, 老许, 许经理) and its pinyin ("Xu Zhiyuan").
 * A name several people share comes back with all of them (the caller asks which); names
 * spelled almost right come back as suggestions. Immutable and thread-safe.
 */
public final class PeopleNames {

    /** Who a name may be: {@code people} (one = found, several = ambiguous), else {@code suggestions}. */
    public record Match(List<UserInfo> people, List<UserInfo> suggestions) {
        public Match {
            people = List.copyOf(people);
            suggestions = List.copyOf(suggestions);
        }
    }

    private final Map<String, List<UserInfo>> byKey;

    private PeopleNames(Map<String, List<UserInfo>> byKey) {
        this.byKey = byKey;
    }

    public static PeopleNames of(List<UserInfo> users) {
        requireNonNull(users, "users is null");
        Map<String, LinkedHashSet<UserInfo>> keys = new LinkedHashMap<>();
        for (UserInfo u : users) {
            for (String k : keys(u)) {
                keys.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(u);
            }
        }
        Map<String, List<UserInfo>> out = new HashMap<>();
        keys.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return new PeopleNames(out);
    }

    /** Who {@code text} names. */
    public Match find(String text) {
        String k = key(text);
        if (k.isEmpty()) {
            return new Match(List.of(), List.of());
        }
        List<UserInfo> exact = byKey.get(k);
        if (exact != null) {
            // The full name or email of one person beats a first name others share.
            List<UserInfo> full = exact.stream().filter(u -> key(u.name()).equals(k) || key(u.email()).equals(k)).toList();
            return new Match(full.size() == 1 ? full : exact, List.of());
        }
        Set<UserInfo> near = new LinkedHashSet<>();
        int max = k.length() >= 7 ? 2 : 1;
        if (k.length() >= 3) {
            byKey.forEach((key, people) -> {
                if (Math.abs(key.length() - k.length()) <= max && Vocabulary.editDistance(key, k) <= max) {
                    near.addAll(people);
                }
            });
        }
        return new Match(List.of(), new ArrayList<>(near));
    }

    private static Set<String> keys(UserInfo u) {
        Set<String> out = new LinkedHashSet<>();
        out.add(u.userId().toLowerCase(java.util.Locale.ROOT));
        if (u.email() != null) {
            out.add(key(u.email()));
            String local = u.email().contains("@") ? u.email().substring(0, u.email().indexOf('@')) : u.email();
            out.add(key(local));
        }
        if (u.name() == null || u.name().isBlank()) {
            return out;
        }
        String name = key(u.name());
        out.add(name);
        if (NormalizedText.containsCjk(name) && !name.contains(" ") && name.length() >= 2 && name.length() <= 4) {
            String surname = name.substring(0, 1);
            String given = name.substring(1);
            out.add(given);
            out.add(surname + "总");
            out.add(surname + "经理");
            out.add("小" + surname);
            out.add("老" + surname);
            List<String> syllables = HanLP.convertToPinyinList(name).stream().map(Pinyin::getPinyinWithoutTone).toList();
            if (syllables.stream().allMatch(s -> s != null && !s.equals("none"))) {
                String fam = syllables.get(0);
                String giv = String.join("", syllables.subList(1, syllables.size()));
                out.add(fam + " " + giv);
                out.add(giv + " " + fam);
                out.add(fam + giv);
            }
        } else {
            String[] words = name.split(" ");
            if (words.length > 1) {
                for (String w : words) {
                    if (w.length() >= 2) {
                        out.add(w);
                    }
                }
            }
        }
        return out;
    }

    private static String key(String s) {
        return s == null ? "" : NormalizedText.normalizeSurface(s);
    }
}
