package io.salescope.bot.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every phrase the parser knows, in a character trie over the normalised view, so that all
 * phrases starting at any position are found in one walk. Immutable once built.
 */
final class Lexicon {

    /** A phrase found in a question: [start, end) in the normalised view, with its meanings. */
    record Match(int start, int end, List<Sense> senses) {
        int length() {
            return end - start;
        }
    }

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>(4);
        List<Sense> senses;
    }

    private final Node root;
    private final int size;

    private Lexicon(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    int size() {
        return size;
    }

    /** All known phrases starting and ending on word boundaries, in order of start. */
    List<Match> findAll(String norm) {
        List<Match> out = new ArrayList<>();
        int n = norm.length();
        for (int i = 0; i < n; i++) {
            char first = norm.charAt(i);
            if (first == ' ' || (i > 0 && NormalizedText.isWordChar(norm.charAt(i - 1)) && NormalizedText.isWordChar(first))) {
                continue;
            }
            Node node = root;
            int j = i;
            while (j < n) {
                char c = norm.charAt(j);
                if (c == ' ') {
                    Node space = node.next.get(' ');
                    int k = j;
                    while (k < n && norm.charAt(k) == ' ') {
                        k++;
                    }
                    if (space != null) {
                        node = space;
                        j = k;
                        continue;
                    }
                    // "线索 转化率": people put spaces between Chinese words the lexicon writes together.
                    boolean betweenCjk = j > i && NormalizedText.isCjk(norm.charAt(j - 1)) && k < n && NormalizedText.isCjk(norm.charAt(k));
                    if (betweenCjk) {
                        j = k;
                        continue;
                    }
                    break;
                }
                Node next = node.next.get(c);
                if (next == null) {
                    break;
                }
                node = next;
                j++;
                if (node.senses != null && (j == n || !(NormalizedText.isWordChar(norm.charAt(j - 1)) && NormalizedText.isWordChar(norm.charAt(j))))) {
                    out.add(new Match(i, j, node.senses));
                }
            }
        }
        return out;
    }

    /** Every known normalised phrase that contains Chinese characters (for the segmenter's dictionary). */
    static Set<String> cjkPhrases(Map<String, ?> phrases) {
        Set<String> out = new java.util.TreeSet<>();
        for (String p : phrases.keySet()) {
            if (NormalizedText.containsCjk(p)) {
                out.add(p);
            }
        }
        return out;
    }

    static final class Builder {
        private final Map<String, LinkedHashMap<String, Sense>> phrases = new LinkedHashMap<>();

        /** Adds a phrase; of two senses with the same identity the better quality stays. */
        Builder add(String surface, Sense sense) {
            String key = NormalizedText.normalizeSurface(surface);
            if (key.isEmpty()) {
                return this;
            }
            LinkedHashMap<String, Sense> senses = phrases.computeIfAbsent(key, k -> new LinkedHashMap<>());
            Sense old = senses.get(sense.identity());
            if (old == null || sense.quality().compareTo(old.quality()) < 0
                    || (sense.quality() == old.quality() && old.caseSensitive() && !sense.caseSensitive())) {
                senses.put(sense.identity(), sense);
            }
            return this;
        }

        Map<String, LinkedHashMap<String, Sense>> phrases() {
            return phrases;
        }

        Lexicon build() {
            Node root = new Node();
            for (Map.Entry<String, LinkedHashMap<String, Sense>> e : phrases.entrySet()) {
                Node node = root;
                for (char c : e.getKey().toCharArray()) {
                    node = node.next.computeIfAbsent(c, k -> new Node());
                }
                node.senses = List.copyOf(e.getValue().values());
            }
            return new Lexicon(root, phrases.size());
        }
    }
}
