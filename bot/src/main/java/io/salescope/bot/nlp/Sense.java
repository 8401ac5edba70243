package io.salescope.bot.nlp;

import static java.util.Objects.requireNonNull;

/**
 * One meaning of a phrase: a metric, a dimension word, or a value of a dimension.
 *
 * @param key the metric name or the dimension name
 * @param value the dimension value as the warehouse spells it (VALUE senses only)
 * @param quality how directly the phrase names the value
 * @param caseSensitive the phrase only counts when written exactly so (country codes: "DE", not "de")
 * @param surface the phrase as written in the catalog or the warehouse
 */
record Sense(Kind kind, String key, String value, Quality quality, boolean caseSensitive, String surface) {

    enum Kind { METRIC, DIMENSION, VALUE }

    /** Better first. */
    enum Quality { EXACT, SYNONYM, PARTIAL }

    Sense {
        requireNonNull(kind, "kind is null");
        requireNonNull(key, "key is null");
        requireNonNull(quality, "quality is null");
        requireNonNull(surface, "surface is null");
    }

    static Sense metric(String name, String surface) {
        return new Sense(Kind.METRIC, name, null, Quality.SYNONYM, false, surface);
    }

    static Sense dimension(String name, String surface) {
        return new Sense(Kind.DIMENSION, name, null, Quality.SYNONYM, false, surface);
    }

    static Sense value(String dimension, String value, Quality quality, String surface) {
        return new Sense(Kind.VALUE, dimension, value, quality, false, surface);
    }

    /** What the sense points at, ignoring how it was written. */
    String identity() {
        return kind + ":" + key + ":" + (value == null ? "" : value.toLowerCase(java.util.Locale.ROOT));
    }
}
