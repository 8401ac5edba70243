package io.salescope.ingest.profile;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A bound column spec: computes one crm-export-v1 field from a foreign record. The base value
 * (a column or the first non-empty of several, a constant, a template, or cases) goes through
 * the spec's steps in a fixed order: null values, replace, split, strip_prefix, lower/upper,
 * map, lookup, prefix/suffix, arithmetic, normalisation for the target type (dates,
 * timestamps, booleans, Salesforce ids), then default or else when nothing is left.
 */
final class ValueExpr implements Serializable {

    enum Kind { COLUMNS, CONSTANT, TEMPLATE, CASES, NONE }

    enum Target { TEXT, DATE, TIMESTAMP, BOOLEAN, NUMBER, ID }

    Kind kind = Kind.NONE;
    int[] columns = new int[0];
    String constant;
    /** Template pieces: literal text, or a field index as {@code Integer}. */
    List<Object> template = List.of();
    List<Condition> caseConditions = List.of();
    List<ValueExpr> caseValues = List.of();

    Set<String> nullValues = Set.of();
    List<String> replacePatterns = List.of();
    List<String> replacements = List.of();
    private transient Pattern[] compiled;
    String split;
    String part;
    String stripPrefix;
    boolean lower;
    boolean upper;
    Map<String, String> map;
    boolean mapOtherwiseSet;
    String mapOtherwise;
    Lookup lookup;
    boolean lookupKeepMissing = true;
    String prefix;
    String suffix;
    BigDecimal multiply;
    BigDecimal divide;
    boolean invert;
    Target target = Target.TEXT;
    Temporal temporal;
    Set<String> trueValues = Set.of();
    Set<String> falseValues = Set.of();
    boolean salesforceIds;
    String defaultValue;
    ValueExpr orElse;

    String eval(Fields f) {
        String v = base(f);
        if (v != null) {
            v = steps(v);
        }
        if (v == null && defaultValue != null) {
            v = defaultValue;
        }
        if (v == null && orElse != null) {
            v = orElse.eval(f);
        }
        return v;
    }

    private String base(Fields f) {
        switch (kind) {
            case COLUMNS -> {
                for (int c : columns) {
                    String v = f.get(c);
                    if (v != null && !nullValues.contains(v.toLowerCase(java.util.Locale.ROOT))) {
                        return v;
                    }
                }
                return null;
            }
            case CONSTANT -> {
                return constant;
            }
            case TEMPLATE -> {
                StringBuilder sb = new StringBuilder();
                boolean any = false;
                for (Object piece : template) {
                    if (piece instanceof Integer i) {
                        String v = f.get(i);
                        if (v != null && !nullValues.contains(v.toLowerCase(java.util.Locale.ROOT))) {
                            sb.append(v);
                            any = true;
                        }
                    } else {
                        sb.append((String) piece);
                    }
                }
                String out = sb.toString().strip().replaceAll("\\s{2,}", " ");
                return any && !out.isEmpty() ? out : null;
            }
            case CASES -> {
                for (int i = 0; i < caseValues.size(); i++) {
                    Condition c = caseConditions.get(i);
                    if (c == null || c.test(f)) {
                        return caseValues.get(i).eval(f);
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private String steps(String value) {
        String v = value;
        if (!nullValues.isEmpty() && nullValues.contains(v.toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
        if (!replacePatterns.isEmpty()) {
            if (compiled == null) {
                Pattern[] p = new Pattern[replacePatterns.size()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = Pattern.compile(replacePatterns.get(i));
                }
                compiled = p;
            }
            for (int i = 0; i < compiled.length; i++) {
                v = compiled[i].matcher(v).replaceAll(replacements.get(i));
            }
        }
        if (split != null) {
            v = part(v);
        }
        if (stripPrefix != null && v.regionMatches(true, 0, stripPrefix, 0, stripPrefix.length())) {
            v = v.substring(stripPrefix.length());
        }
        if (lower) {
            v = v.toLowerCase(java.util.Locale.ROOT);
        }
        if (upper) {
            v = v.toUpperCase(java.util.Locale.ROOT);
        }
        v = v.strip();
        if (v.isEmpty()) {
            return null;
        }
        if (map != null) {
            String mapped = map.get(Lookup.normalize(v));
            if (mapped != null || map.containsKey(Lookup.normalize(v))) {
                v = mapped;
            } else if (mapOtherwiseSet) {
                v = mapOtherwise;
            }
            if (v == null) {
                return null;
            }
        }
        if (lookup != null) {
            String found = lookup.get(v);
            if (found != null) {
                v = found;
            } else if (!lookupKeepMissing) {
                return null;
            }
        }
        if (prefix != null) {
            v = prefix + v;
        }
        if (suffix != null) {
            v = v + suffix;
        }
        if (multiply != null || divide != null || invert) {
            v = arithmetic(v);
        }
        return normalize(v);
    }

    private String part(String v) {
        String[] parts = v.split(Pattern.quote(split), -1);
        List<String> nonEmpty = java.util.Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            return "";
        }
        return switch (part) {
            case "first" -> nonEmpty.get(0);
            case "last" -> nonEmpty.get(nonEmpty.size() - 1);
            case "rest" -> String.join(split, nonEmpty.subList(1, nonEmpty.size()));
            case "but_last" -> String.join(split, nonEmpty.subList(0, nonEmpty.size() - 1));
            default -> {
                int i = Integer.parseInt(part);
                yield i < nonEmpty.size() ? nonEmpty.get(i) : "";
            }
        };
    }

    private String arithmetic(String v) {
        BigDecimal n;
        try {
            n = new BigDecimal(v);
        } catch (NumberFormatException e) {
            return v;
        }
        if (multiply != null) {
            n = n.multiply(multiply);
        }
        if (divide != null) {
            n = n.divide(divide, MathContext.DECIMAL64);
        }
        if (invert) {
            if (n.signum() == 0) {
                return v;
            }
            n = BigDecimal.ONE.divide(n, MathContext.DECIMAL64);
        }
        return n.stripTrailingZeros().toPlainString();
    }

    private String normalize(String v) {
        return switch (target) {
            case DATE -> temporal == null ? v : temporal.date(v);
            case TIMESTAMP -> temporal == null ? v : temporal.timestamp(v);
            case BOOLEAN -> {
                String k = v.toLowerCase(java.util.Locale.ROOT);
                yield trueValues.contains(k) ? "true" : falseValues.contains(k) ? "false" : v;
            }
            case ID -> salesforceIds ? SalesforceIds.to18(v) : v;
            default -> v;
        };
    }
}
