package io.salescope.bot.nlp;

import java.util.Map;
import java.util.Set;

/** Words of English time phrases; none of them is ever read as part of a name on its own. */
final class TimeWords {

    static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("jan", 1), Map.entry("february", 2), Map.entry("feb", 2),
            Map.entry("march", 3), Map.entry("mar", 3), Map.entry("april", 4), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("jun", 6), Map.entry("july", 7),
            Map.entry("jul", 7), Map.entry("august", 8), Map.entry("aug", 8), Map.entry("september", 9),
            Map.entry("sept", 9), Map.entry("sep", 9), Map.entry("october", 10), Map.entry("oct", 10),
            Map.entry("november", 11), Map.entry("nov", 11), Map.entry("december", 12), Map.entry("dec", 12));

    static final Set<String> EN = Set.of(
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec", "today", "yesterday", "tomorrow", "week", "weeks", "month", "months", "quarter", "quarters",
            "year", "years", "day", "days", "ytd", "qtd", "mtd", "wtd", "fy", "q1", "q2", "q3", "q4", "h1", "h2",
            "this", "last", "next", "previous", "prior", "past", "current", "now", "ever", "since", "fiscal", "half",
            "first", "second", "third", "fourth", "so", "far", "date", "period", "time");

    private TimeWords() {
    }
}
