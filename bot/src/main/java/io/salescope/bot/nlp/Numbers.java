package io.salescope.bot.nlp;

import java.util.Map;

/** Small whole numbers written as digits, English words or Chinese numerals. */
final class Numbers {

    /** An English number: digits or words up to ninety-nine, plus "hundred". */
    static final String EN = "(?:\\d{1,4}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\\b)?"
            + "|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
            + "|one|two|three|four|five|six|seven|eight|nine|ten|a hundred|hundred)";

    /** A Chinese number: digits or numerals (一, 两, 十二, 三十...). */
    static final String ZH = "(?:\\d{1,4}|[零〇一二两三四五六七八九十百]{1,4})";

    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30),
            Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70),
            Map.entry("eighty", 80), Map.entry("ninety", 90), Map.entry("hundred", 100),
            Map.entry("a hundred", 100));

    private Numbers() {
    }

    /** The value of a number in any of the supported forms, or null. */
    static Integer parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return s.length() > 6 ? null : Integer.parseInt(s);
        }
        Integer word = WORDS.get(s);
        if (word != null) {
            return word;
        }
        String[] parts = s.split("[- ]");
        if (parts.length == 2 && WORDS.containsKey(parts[0]) && WORDS.containsKey(parts[1])) {
            return WORDS.get(parts[0]) + WORDS.get(parts[1]);
        }
        return chinese(s);
    }

    private static Integer chinese(String s) {
        int total = 0;
        int current = 0;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int digit = "零〇一二三四五六七八九".indexOf(c);
            if (c == '两') {
                digit = 2;
            } else if (digit >= 2) {
                digit -= 1;
            } else if (digit == 1) {
                digit = 0;
            }
            if (digit >= 0) {
                current = digit;
                any = true;
            } else if (c == '十') {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
                any = true;
            } else if (c == '百') {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
                any = true;
            } else if (Character.isDigit(c)) {
                current = current * 10 + (c - '0');
                any = true;
            } else {
                return null;
            }
        }
        return any ? total + current : null;
    }
}
