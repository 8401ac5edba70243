package io.salescope.bot.nlp;

import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryException;
import io.salescope.warehouse.query.QueryResult;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Says an engine result in the question's language: the figure (money in whole units of the
 * reporting currency, ratios as percentages with one decimal, counts, days), the period in
 * words and dates, who it covers, the comparison, a compact table for breakdowns, the reason
 * when there is no value (never "0%"), and the metric's definition from the catalog.
 * Stateless and thread-safe.
 */
public final class AnswerRenderer {

    private static final int MAX_CHOICES = 12;

    private final MetricCatalog catalog;
    private final String currency;

    public AnswerRenderer(MetricCatalog catalog, String currency) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.currency = requireNonNull(currency, "currency is null");
    }

    public Answer render(QueryResult result, ParseOutcome.Understood understood) {
        requireNonNull(result, "result is null");
        requireNonNull(understood, "understood is null");
        String lang = understood.language();
        boolean zh = Messages.zh(lang);
        MetricQuery query = understood.query();
        MetricCatalog.Metric metric = catalog.metric(result.metric()).orElse(null);
        String label = label(metric, result.metric(), query, lang);
        String scope = scope(result, query, lang);
        String period = result.period() == null ? (zh ? "截至目前" : "as of now") : PeriodText.describe(result.period(), lang);
        StringBuilder text = new StringBuilder();
        Answer.Kind kind;
        if (!query.groupBy().isEmpty()) {
            kind = Answer.Kind.BREAKDOWN;
            text.append(breakdownHeading(label, scope, period, query, lang)).append('\n');
            if (result.rows().isEmpty()) {
                text.append(zh ? "  没有数据。" : "  No rows.").append('\n');
            }
            boolean ranked = query.limit() != null || query.order() != MetricQuery.Order.LABEL;
            int rank = 1;
            for (QueryResult.Row row : result.rows()) {
                text.append("  ");
                if (ranked) {
                    text.append(rank++).append(". ");
                }
                text.append(row.label()).append(zh ? "：" : ": ");
                if (row.value() == null) {
                    text.append(zh ? "无数值" : "no value");
                    if (row.noValueReason() != null) {
                        text.append(zh ? "（" + row.noValueReason() + "）" : " (" + row.noValueReason() + ")");
                    }
                } else {
                    text.append(format(row.value(), result.unit(), result.metric(), lang));
                }
                text.append('\n');
            }
        } else if (result.value() == null) {
            kind = Answer.Kind.NO_VALUE;
            String reason = zh ? result.noValueReasonZh() : result.noValueReason();
            if (reason == null || reason.isBlank()) {
                reason = zh ? "该期间没有可计算的数据" : "there is nothing to compute it from in this period";
            }
            text.append(heading(label, scope, period, lang))
                    .append(zh ? "：无数值——" + reason + "。" : ": no value — " + reason + ".").append('\n');
        } else {
            kind = Answer.Kind.FIGURE;
            text.append(heading(label, scope, period, lang)).append(zh ? "：" : ": ")
                    .append(format(result.value(), result.unit(), result.metric(), lang))
                    .append(note(result, lang)).append(zh ? "。" : ".").append('\n');
        }
        interval(result, lang, text);
        comparison(result, lang, text);
        if (metric != null && metric.definition() != null) {
            text.append(zh ? "口径：" : "Definition: ").append(metric.definition().in(lang)).append('\n');
        }
        return new Answer(kind, lang, text.toString().stripTrailing(), List.of());
    }

    /** A clear "no" when the asker may not see what they asked about. */
    public Answer renderRefusal(PermissionException e, String language) {
        requireNonNull(e, "exception is null");
        boolean zh = Messages.zh(language);
        String reason = zh ? (e.messageZh() != null ? e.messageZh() : e.getMessage()) : e.getMessage();
        String text = zh
                ? "抱歉，您无权查看这项数据。" + (reason == null ? "" : reason)
                : "Sorry, you may not see that figure. " + (reason == null ? "" : reason);
        return new Answer(Answer.Kind.REFUSAL, zh ? "zh" : "en", text.strip(), List.of());
    }

    /** A query the engine could not run as asked (an unknown value, a bad period), with what would be valid. */
    public Answer renderError(QueryException e, String language) {
        requireNonNull(e, "exception is null");
        boolean zh = Messages.zh(language);
        StringBuilder text = new StringBuilder(zh ? "无法回答这个问题：" : "I could not answer that: ");
        text.append(e.getMessage() == null ? "" : e.getMessage().strip());
        List<String> choices = e.validChoices();
        if (!choices.isEmpty()) {
            List<String> shown = choices.size() > MAX_CHOICES ? choices.subList(0, MAX_CHOICES) : choices;
            text.append(zh ? "\n可选：" : "\nValid choices: ").append(String.join(zh ? "、" : ", ", shown));
            if (choices.size() > shown.size()) {
                int more = choices.size() - shown.size();
                text.append(zh ? " 等（另有 " + more + " 个）" : " (and " + more + " more)");
            }
        }
        text.append(zh ? "\n请换个说法再问一次。" : "\nPlease rephrase and ask again.");
        return new Answer(Answer.Kind.ERROR, zh ? "zh" : "en", text.toString(), choices.size() > MAX_CHOICES ? List.of() : choices);
    }

    public Answer render(ParseOutcome.Clarify clarify) {
        requireNonNull(clarify, "clarify is null");
        StringBuilder text = new StringBuilder(clarify.question());
        for (String o : clarify.options()) {
            text.append("\n• ").append(o);
        }
        return new Answer(Answer.Kind.CLARIFICATION, clarify.language(), text.toString(), clarify.options());
    }

    public Answer render(ParseOutcome.NotUnderstood notUnderstood) {
        requireNonNull(notUnderstood, "notUnderstood is null");
        return new Answer(Answer.Kind.NOT_UNDERSTOOD, notUnderstood.language(), notUnderstood.message(), List.of());
    }

    // ---------------------------------------------------------------- parts

    private String label(MetricCatalog.Metric metric, String name, MetricQuery query, String lang) {
        String label = metric == null || metric.label() == null ? name : metric.label().in(lang);
        String stage = query.options().get("stage");
        String from = query.options().get("from_stage");
        if (stage != null) {
            label += from != null ? (Messages.zh(lang) ? "（" + from + " → " + stage + "）" : " (" + from + " → " + stage + ")")
                    : (Messages.zh(lang) ? "（到达 " + stage + "）" : " (reaching " + stage + ")");
        }
        return label;
    }

    /** Who and what the figure covers: the engine's scope, then the other filters of the query. */
    private String scope(QueryResult result, MetricQuery query, String lang) {
        boolean zh = Messages.zh(lang);
        List<String> parts = new ArrayList<>();
        QueryResult.Scope scope = result.scope();
        String described = scope == null ? null : zh ? scope.descriptionZh() : scope.description();
        boolean ownerDescribed = described != null && !described.isBlank();
        if (ownerDescribed) {
            parts.add(described.strip());
        }
        for (Map.Entry<String, List<String>> f : query.filters().entrySet()) {
            boolean owner = MetricCatalog.OWNER_DIMENSIONS.contains(f.getKey());
            if (owner && ownerDescribed) {
                continue;
            }
            String dim = dimensionLabel(f.getKey(), lang);
            parts.add(dim + " " + String.join(zh ? "、" : ", ", f.getValue()));
        }
        return String.join(zh ? "，" : "; ", parts);
    }

    private String dimensionLabel(String dimension, String lang) {
        MetricCatalog.Dimension d = catalog.dimensions().get(dimension);
        return d == null || d.label() == null ? dimension.replace('_', ' ') : d.label().in(lang);
    }

    private static String heading(String label, String scope, String period, String lang) {
        if (Messages.zh(lang)) {
            return (scope.isEmpty() ? "" : scope + "，") + period + "的" + label;
        }
        return label + (scope.isEmpty() ? "" : " for " + scope) + ", " + period;
    }

    private String breakdownHeading(String label, String scope, String period, MetricQuery query, String lang) {
        boolean zh = Messages.zh(lang);
        String dim = dimensionLabel(query.groupBy().get(0), lang);
        boolean asc = query.order() == MetricQuery.Order.ASC;
        String by;
        if (query.limit() != null) {
            by = zh ? (asc ? "倒数" : "前") + query.limit() + "名（按" + dim + "）" : (asc ? "bottom " : "top ") + query.limit() + " by " + dim;
        } else if (query.order() == MetricQuery.Order.LABEL) {
            by = zh ? "按" + dim : "by " + dim;
        } else {
            by = zh ? "按" + dim + (asc ? "从低到高" : "从高到低") : "by " + dim + (asc ? ", lowest first" : ", highest first");
        }
        if (zh) {
            return (scope.isEmpty() ? "" : scope + "，") + period + "的" + label + "，" + by + "：";
        }
        return label + ", " + by + (scope.isEmpty() ? "" : ", for " + scope) + ", " + period + ":";
    }

    private String note(QueryResult result, String lang) {
        if ("quota_gap".equals(result.metric()) && result.value() != null && result.value() < 0) {
            String over = money(-result.value());
            return Messages.zh(lang) ? "（已超额完成 " + over + "）" : " (quota exceeded by " + over + ")";
        }
        return "";
    }

    private void interval(QueryResult result, String lang, StringBuilder text) {
        Object low = result.details().get("low");
        Object high = result.details().get("high");
        if (low instanceof Number l && high instanceof Number h) {
            String range = format(l.doubleValue(), result.unit(), result.metric(), lang) + " – " + format(h.doubleValue(), result.unit(), result.metric(), lang);
            text.append(Messages.zh(lang) ? "80% 区间：" + range + "。" : "80% interval: " + range + ".").append('\n');
        }
    }

    private void comparison(QueryResult result, String lang, StringBuilder text) {
        QueryResult.Comparison c = result.comparison();
        if (c == null) {
            return;
        }
        boolean zh = Messages.zh(lang);
        boolean yearAgo = c.kind() != null && c.kind().toUpperCase(Locale.ROOT).contains("YEAR");
        String which = zh ? (yearAgo ? "同比" : "环比") : (yearAgo ? "a year earlier" : "the previous period");
        String period = c.period() == null ? "" : PeriodText.describe(c.period(), lang);
        if (zh) {
            text.append(which).append("（").append(period).append("）：");
        } else {
            text.append("Compared with ").append(which).append(period.isEmpty() ? "" : ", " + period).append(": ");
        }
        if (c.value() == null) {
            text.append(zh ? "无数值。" : "no value.");
        } else {
            text.append(format(c.value(), result.unit(), result.metric(), lang));
            if (c.change() != null) {
                text.append(zh ? "，变化 " : "; change ").append(change(c.change(), result.unit(), result.metric(), lang));
                if (c.changeRatio() != null && !"ratio".equals(result.unit())) {
                    text.append(zh ? "（" : " (").append(signed(percent(c.changeRatio()))).append("%").append(zh ? "）" : ")");
                }
            }
            text.append(zh ? "。" : ".");
        }
        text.append('\n');
    }

    // ---------------------------------------------------------------- numbers

    /** A figure in its unit: "USD 4,496,778", "62.5%", "1,234", "84.3 days", "USD 1,234/day". */
    String format(double value, String unit, String metric, String lang) {
        boolean zh = Messages.zh(lang);
        return switch (unit) {
            case "money" -> money(value);
            case "ratio" -> percent(value) + "%" + ("pipeline_coverage".equals(metric) ? " (" + twoDecimals(value) + "×)" : "");
            case "count" -> whole(value);
            case "days" -> oneDecimal(value) + (zh ? " 天" : " days");
            case "money_per_day" -> money(value) + (zh ? "/天" : "/day");
            default -> new BigDecimal(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
        };
    }

    private String change(double delta, String unit, String metric, String lang) {
        if ("ratio".equals(unit)) {
            return signed(percent(delta)) + (Messages.zh(lang) ? " 个百分点" : " pp");
        }
        String sign = delta < 0 ? "-" : "+";
        return sign + format(Math.abs(delta), unit, metric, lang);
    }

    private String money(double value) {
        return currency + " " + whole(value);
    }

    private static String whole(double value) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(value);
    }

    private static String oneDecimal(double value) {
        return new BigDecimal(Double.toString(value)).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static String twoDecimals(double value) {
        return new BigDecimal(Double.toString(value)).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String percent(double fraction) {
        return new BigDecimal(Double.toString(fraction)).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static String signed(String number) {
        return number.startsWith("-") ? number : "+" + number;
    }
}
