package io.salescope.warehouse.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL statement assembled from trusted text (ours and the catalog's) with every value
 * bound as a parameter, appended in order so placeholders and parameters line up.
 */
final class Sql {

    private static final Pattern NAMED = Pattern.compile(":(from|to|now|zone)\\b");

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Sql append(String sql, Object... values) {
        text.append(sql);
        params.addAll(List.of(values));
        return this;
    }

    /** Appends "(?, ?, ...)" bound to {@code values}; "(NULL)" when empty, which matches nothing. */
    Sql list(Collection<?> values) {
        if (values.isEmpty()) {
            text.append("(NULL)");
            return this;
        }
        text.append('(');
        boolean first = true;
        for (Object v : values) {
            text.append(first ? "?" : ", ?");
            params.add(v);
            first = false;
        }
        text.append(')');
        return this;
    }

    /**
     * Appends a catalog fragment, replacing {@code :from}, {@code :to}, {@code :now} and
     * {@code :zone} with placeholders bound to {@code named}.
     */
    Sql fragment(String fragment, Map<String, Object> named) {
        Matcher m = NAMED.matcher(fragment);
        int last = 0;
        while (m.find()) {
            text.append(fragment, last, m.start());
            String name = m.group(1);
            if (!named.containsKey(name) || named.get(name) == null) {
                throw new IllegalStateException("catalog fragment needs :" + name + " but none applies: " + fragment);
            }
            switch (name) {
                case "from", "to" -> text.append("CAST(? AS DATE)");
                case "now" -> text.append("CAST(? AS TIMESTAMPTZ)");
                default -> text.append('?');
            }
            params.add(named.get(name));
            last = m.end();
        }
        text.append(fragment.substring(last));
        return this;
    }

    String text() {
        return text.toString();
    }

    List<Object> params() {
        return List.copyOf(params);
    }
}
