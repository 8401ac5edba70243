package io.salescope.bot.nlp;

import java.util.Set;

/**
 * Ordinary English words. A word of a name that is one of these never matches the name on its
 * own ("Hub" may stand for "Integration Hub", "Sales" never stands for "Worldwide Sales"), and
 * a warehouse value spelled like one ("open", "other", "high") only counts where its dimension
 * makes sense.
 */
final class CommonWords {

    static final Set<String> EN = Set.of(
            "a", "about", "above", "across", "after", "again", "against", "all", "also", "am", "among", "an", "and",
            "any", "are", "around", "as", "at", "average", "back", "be", "been", "before", "being", "below", "best",
            "better", "between", "big", "biggest", "both", "bottom", "break", "breakdown", "broken", "but", "by",
            "can", "change", "close", "closed", "closing", "compare", "compared", "count", "could", "current",
            "currently", "data", "day", "days", "deal", "deals", "did", "do", "does", "doing", "done", "down",
            "during", "each", "east", "else", "end", "every", "few", "fewest", "figure", "figures", "first", "for",
            "from", "get", "give", "go", "going", "good", "great", "group", "had", "has", "have", "he", "her",
            "here", "high", "higher", "highest", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
            "just", "last", "least", "less", "like", "list", "looking", "low", "lower", "lowest", "main", "make",
            "many", "me", "mine", "month", "months", "more", "most", "much", "my", "name", "new", "next", "no",
            "north", "not", "now", "number", "of", "off", "on", "one", "only", "open", "or", "other", "our", "out",
            "over", "own", "past", "per", "please", "previous", "quarter", "quarters", "rank", "ranked", "rate",
            "ratio", "recent", "right", "same", "see", "show", "since", "so", "some", "south", "split", "still",
            "such", "tell", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
            "those", "through", "to", "today", "top", "total", "under", "until", "up", "us", "value", "versus", "vs",
            "was", "we", "week", "weeks", "well", "were", "west", "what", "when", "where", "which", "while", "who",
            "whole", "why", "will", "with", "within", "worst", "would", "year", "years", "yet", "you", "your", "add",
            "plus", "pro", "basic", "standard", "premium", "team", "teams", "sales", "global", "worldwide",
            "international", "inc", "corp", "ltd", "llc", "co", "company", "office", "task", "tasks", "lead",
            "leads", "source", "stage", "type", "won", "lost", "win", "lose", "pipeline", "commit", "omitted",
            "normal", "unknown", "none", "general", "direct", "inbound", "outbound", "online", "web", "partner",
            "partners", "services", "service", "support", "solutions", "solution", "systems", "system", "actual",
            "actuals", "overall", "gross", "net", "entire", "combined", "cumulative", "aggregate", "thanks", "thank",
            "hello", "hi", "hey", "everyone", "everybody", "anyone", "someone", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "weekday", "weekend", "kindly", "quick", "quickly", "exact",
            "exactly", "approximately", "roughly", "regarding", "dollars", "dollar", "usd", "eur", "euro", "euros",
            "rmb", "yuan", "percent", "percentage", "numbers", "stats", "statistics", "report", "summary",
            "dashboard", "update", "status", "overview", "performance", "results", "result", "kpi", "kpis", "metric",
            "metrics", "sale", "trend", "trends", "growth", "changes", "comparison", "inside", "outside",
            "everything", "anything", "nothing", "something");

    private CommonWords() {
    }
}
