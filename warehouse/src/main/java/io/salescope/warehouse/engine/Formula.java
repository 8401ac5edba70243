package io.salescope.warehouse.engine;

import java.util.Map;

/**
 * Evaluates a catalog formula such as {@code p / (q - b)} over named component values:
 * numbers, names, + - * / and parentheses. A missing component, or a division by zero or
 * by a negative number (a quota already met), yields null: the figure has no value.
 */
final class Formula {

    private final String text;
    private int pos;
    private Map<String, Double> values;

    private Formula(String text) {
        this.text = text;
    }

    /** Checks the expression's syntax and names; throws naming the problem. */
    static void validate(String expression, java.util.Set<String> names) {
        Map<String, Double> ones = new java.util.HashMap<>();
        names.forEach(n -> ones.put(n, 1.0));
        evaluate(expression, ones);
    }

    static Double evaluate(String expression, Map<String, Double> values) {
        Formula f = new Formula(expression);
        f.values = values;
        Double result = f.sum();
        f.skipSpaces();
        if (f.pos != f.text.length()) {
            throw new IllegalArgumentException("unexpected '" + f.text.substring(f.pos) + "' in formula: " + expression);
        }
        return result;
    }

    private Double sum() {
        Double left = product();
        while (true) {
            skipSpaces();
            if (peek('+') || peek('-')) {
                char op = text.charAt(pos++);
                Double right = product();
                left = left == null || right == null ? null : op == '+' ? left + right : left - right;
            } else {
                return left;
            }
        }
    }

    private Double product() {
        Double left = atom();
        while (true) {
            skipSpaces();
            if (peek('*') || peek('/')) {
                char op = text.charAt(pos++);
                Double right = atom();
                if (left == null || right == null) {
                    left = null;
                } else if (op == '*') {
                    left = left * right;
                } else {
                    left = right <= 0 ? null : left / right;
                }
            } else {
                return left;
            }
        }
    }

    private Double atom() {
        skipSpaces();
        if (peek('(')) {
            pos++;
            Double inner = sum();
            skipSpaces();
            if (!peek(')')) {
                throw new IllegalArgumentException("missing ')' in formula: " + text);
            }
            pos++;
            return inner;
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '.')) {
            pos++;
        }
        String token = text.substring(start, pos);
        if (token.isEmpty()) {
            throw new IllegalArgumentException("expected a name or number at position " + start + " in formula: " + text);
        }
        if (Character.isDigit(token.charAt(0))) {
            return Double.parseDouble(token);
        }
        if (!values.containsKey(token)) {
            throw new IllegalArgumentException("formula names '" + token + "', which is not a component: " + text);
        }
        return values.get(token);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
