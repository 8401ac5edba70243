package io.salescope.ingest.profile;

import io.salescope.ingest.profile.YamlNode.ListNode;
import io.salescope.ingest.profile.YamlNode.MapNode;
import io.salescope.ingest.profile.YamlNode.Scalar;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A test on a foreign record, for a part's {@code where} and {@code deleted_if} and for
 * {@code cases}: {@code {column: X, in: [..]}}, {@code not_in}, {@code empty: true|false},
 * {@code prefix}, {@code matches} (a regular expression), {@code less_than}, {@code at_least};
 * combined with {@code all: [..]}, {@code any: [..]}, {@code not: ..}. Values compare as
 * trimmed text ignoring case; an empty field is the value "".
 */
public abstract class Condition implements Serializable {

    abstract boolean test(Fields fields);

    /** A copy with column names resolved against a source's header; a missing column is a profile error. */
    abstract Condition bind(ForeignHeader header, ProfileContext where);

    abstract void columns(Consumer<String> sink);

    static Condition parse(YamlNode node, ProfileContext where) {
        if (!(node instanceof MapNode map)) {
            throw where.error(node.line(), "a condition is a mapping such as {column: IsDeleted, in: [\"1\", \"true\"]}");
        }
        if (map.has("all") || map.has("any")) {
            boolean all = map.has("all");
            YamlNode items = map.get(all ? "all" : "any");
            if (!(items instanceof ListNode list) || list.items().isEmpty()) {
                throw where.error(map.lineOf(all ? "all" : "any"), (all ? "all" : "any") + " takes a list of conditions");
            }
            List<Condition> parts = new ArrayList<>();
            list.items().forEach(i -> parts.add(parse(i, where)));
            return new Combined(all, parts);
        }
        if (map.has("not")) {
            return new Not(parse(map.get("not"), where));
        }
        YamlNode column = map.get("column");
        if (!(column instanceof Scalar c) || c.value() == null) {
            throw where.error(map.line(), "a condition needs 'column' (and one of in, not_in, empty, prefix, matches,"
                    + " less_than, at_least), or all/any/not");
        }
        for (String op : List.of("in", "not_in")) {
            if (map.has(op)) {
                return new Test(c.value(), op, strings(map.get(op), where), map.line());
            }
        }
        for (String op : List.of("empty", "prefix", "matches", "less_than", "at_least")) {
            if (map.has(op)) {
                YamlNode v = map.get(op);
                if (!(v instanceof Scalar s) || s.value() == null) {
                    throw where.error(map.lineOf(op), op + " takes one value");
                }
                Test t = new Test(c.value(), op, List.of(s.value()), map.line());
                t.check(where, map.lineOf(op));
                return t;
            }
        }
        throw where.error(map.line(), "the condition on '" + c.value() + "' has no test: use in, not_in, empty, prefix,"
                + " matches, less_than or at_least");
    }

    static List<String> strings(YamlNode node, ProfileContext where) {
        List<String> out = new ArrayList<>();
        if (node instanceof Scalar s) {
            out.add(s.value() == null ? "" : s.value());
        } else if (node instanceof ListNode l) {
            for (YamlNode i : l.items()) {
                if (!(i instanceof Scalar s)) {
                    throw where.error(i.line(), "expected a plain value");
                }
                out.add(s.value() == null ? "" : s.value());
            }
        } else {
            throw where.error(node.line(), "expected a value or a list of values");
        }
        return out;
    }

    private static final class Test extends Condition {
        private final String column;
        private final String op;
        private final List<String> values;
        private final Set<String> set;
        private final int line;
        private int index = -1;
        private transient Pattern pattern;
        private BigDecimal number;

        Test(String column, String op, List<String> values, int line) {
            this.column = column;
            this.op = op;
            this.values = List.copyOf(values);
            this.set = Set.copyOf(values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList());
            this.line = line;
        }

        void check(ProfileContext where, int at) {
            switch (op) {
                case "empty" -> {
                    if (!values.get(0).equalsIgnoreCase("true") && !values.get(0).equalsIgnoreCase("false")) {
                        throw where.error(at, "empty takes true or false");
                    }
                }
                case "matches" -> {
                    try {
                        Pattern.compile(values.get(0));
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw where.error(at, "'" + values.get(0) + "' is not a regular expression: " + e.getDescription());
                    }
                }
                case "less_than", "at_least" -> {
                    try {
                        number = new BigDecimal(values.get(0).strip());
                    } catch (NumberFormatException e) {
                        throw where.error(at, op + " takes a number, not '" + values.get(0) + "'");
                    }
                }
                default -> {
                }
            }
        }

        @Override
        Condition bind(ForeignHeader header, ProfileContext where) {
            Test bound = new Test(column, op, values, line);
            bound.number = number;
            bound.index = header.indexOf(column).orElseThrow(() -> where.error(line, "the condition names column '"
                    + column + "', which " + where.source() + " does not have; its columns are " + header.names()));
            return bound;
        }

        @Override
        void columns(Consumer<String> sink) {
            sink.accept(column);
        }

        @Override
        boolean test(Fields fields) {
            String v = fields.get(index);
            String value = v == null ? "" : v;
            return switch (op) {
                case "in" -> set.contains(value.toLowerCase(Locale.ROOT));
                case "not_in" -> !set.contains(value.toLowerCase(Locale.ROOT));
                case "empty" -> value.isEmpty() == Boolean.parseBoolean(values.get(0).toLowerCase(Locale.ROOT));
                case "prefix" -> value.toLowerCase(Locale.ROOT).startsWith(values.get(0).toLowerCase(Locale.ROOT));
                case "matches" -> {
                    if (pattern == null) {
                        pattern = Pattern.compile(values.get(0));
                    }
                    yield pattern.matcher(value).matches();
                }
                case "less_than", "at_least" -> {
                    BigDecimal n;
                    try {
                        n = new BigDecimal(value);
                    } catch (NumberFormatException e) {
                        yield false;
                    }
                    yield op.equals("less_than") ? n.compareTo(number) < 0 : n.compareTo(number) >= 0;
                }
                default -> throw new IllegalStateException(op);
            };
        }
    }

    private static final class Combined extends Condition {
        private final boolean all;
        private final List<Condition> parts;

        Combined(boolean all, List<Condition> parts) {
            this.all = all;
            this.parts = List.copyOf(parts);
        }

        @Override
        boolean test(Fields fields) {
            for (Condition c : parts) {
                if (c.test(fields) != all) {
                    return !all;
                }
            }
            return all;
        }

        @Override
        Condition bind(ForeignHeader header, ProfileContext where) {
            return new Combined(all, parts.stream().map(p -> p.bind(header, where)).toList());
        }

        @Override
        void columns(Consumer<String> sink) {
            parts.forEach(p -> p.columns(sink));
        }
    }

    private static final class Not extends Condition {
        private final Condition inner;

        Not(Condition inner) {
            this.inner = inner;
        }

        @Override
        boolean test(Fields fields) {
            return !inner.test(fields);
        }

        @Override
        Condition bind(ForeignHeader header, ProfileContext where) {
            return new Not(inner.bind(header, where));
        }

        @Override
        void columns(Consumer<String> sink) {
            inner.columns(sink);
        }
    }
}
