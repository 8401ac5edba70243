package io.salescope.bot.cli;

import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.json.Json;
import io.salescope.core.time.PeriodNames;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.QueryException;
import io.salescope.warehouse.query.QueryResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code salescope query}: run one structured metric query and print the figure and its SQL. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Answer a structured metric query, e.g. --metric win_rate --period 2026-Q3 --by team --as EMAIL.")
public final class QueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--metric", required = true, description = "Metric name (see 'salescope metrics').")
    String metric;

    @Option(names = "--as", required = true, paramLabel = "EMAIL", description = "Who is asking; decides what may be seen.")
    String asker;

    @Option(names = "--period", description = "2026-Q3, 2026-03, 2026, 2026-W14, 2026-01-01..2026-03-31, this_quarter, ytd, last_30_days...")
    String period;

    @Option(names = "--by", paramLabel = "DIMENSION", description = "Break the figure down by a dimension (rep, team, region, product...).")
    String by;

    @Option(names = "--filter", paramLabel = "DIM=VALUE", description = "Only records whose dimension has this value; repeatable.")
    Map<String, String> filters = new java.util.LinkedHashMap<>();

    @Option(names = "--top", paramLabel = "N", description = "The N largest rows.")
    Integer top;

    @Option(names = "--bottom", paramLabel = "N", description = "The N smallest rows.")
    Integer bottom;

    @Option(names = "--compare", paramLabel = "previous|year", description = "Also compute the previous period or the same period a year earlier.")
    String compare;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Metric option, e.g. stage=Trial, from_stage=Demo.")
    Map<String, String> options = new java.util.LinkedHashMap<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        MetricQuery.Builder b = MetricQuery.builder(metric, asker).period(period);
        filters.forEach((k, v) -> b.filter(k, v));
        options.forEach(b::option);
        if (by != null) {
            b.groupBy(by);
        }
        if (top != null && bottom != null) {
            throw new QueryException("give --top or --bottom, not both");
        }
        if (top != null) {
            b.top(top);
        }
        if (bottom != null) {
            b.bottom(bottom);
        }
        if (compare != null) {
            b.compareTo(switch (compare.toLowerCase(Locale.ROOT)) {
                case "previous", "previous_period", "qoq", "mom" -> MetricQuery.Comparison.PREVIOUS_PERIOD;
                case "year", "year_ago", "yoy" -> MetricQuery.Comparison.YEAR_AGO;
                default -> throw new QueryException("--compare takes previous or year, not '" + compare + "'",
                        List.of("previous", "year"));
            });
        }
        try (DuckDbMetricEngine engine = DuckDbMetricEngine.open(ConfigProvider.of(spec))) {
            QueryResult r = engine.execute(b.build());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.writeString(r));
                return 0;
            }
            int fiscal = engine.config().fiscalYearStartMonth();
            out.println(r.metric() + " for " + r.scope().description()
                    + (r.period() == null ? "" : ", " + PeriodNames.nameWithDates(r.period(), "en", fiscal)));
            if (r.rows().isEmpty()) {
                out.println("  " + (r.value() == null ? "no value: " + r.noValueReason() : format(r.value(), r.unit())));
            } else {
                int width = r.rows().stream().mapToInt(x -> columns(x.label())).max().orElse(5) + 2;
                for (QueryResult.Row row : r.rows()) {
                    out.println("  " + row.label() + " ".repeat(width - columns(row.label())) + " "
                            + (row.value() == null ? "no value" : format(row.value(), r.unit())));
                }
            }
            if (r.comparison() != null) {
                out.println("  vs " + PeriodNames.name(r.comparison().period(), "en", fiscal) + ": "
                        + (r.comparison().value() == null ? "no value" : format(r.comparison().value(), r.unit())));
            }
            out.println();
            for (int i = 0; i < r.sql().size(); i++) {
                out.println("SQL: " + r.sql().get(i));
                out.println("parameters: " + r.parameters().get(i));
            }
            return 0;
        }
    }

    static String format(double v, String unit) {
        return switch (unit) {
            case "ratio" -> String.format(Locale.ROOT, "%.1f%% (%s)", v * 100, v);
            case "count" -> String.format(Locale.ROOT, "%,.0f", v);
            case "days" -> String.format(Locale.ROOT, "%.1f days", v);
            case "money_per_day" -> String.format(Locale.ROOT, "%,.0f per day (%s)", v, v);
            default -> String.format(Locale.ROOT, "%,.0f (%s)", v, v);
        };
    }

    /** Terminal columns a label takes: Chinese, Japanese and Korean characters are two wide. */
    static int columns(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            boolean wide = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                    || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60);
            n += wide ? 2 : 1;
            i += Character.charCount(cp);
        }
        return n;
    }
}
