package io.salescope.bot.nlp;

import io.salescope.warehouse.catalog.MetricCatalog;

import java.util.ArrayList;
import java.util.List;

/** What the parser says back when it cannot answer as asked, in English or Chinese. */
final class Messages {

    private static final List<String> POPULAR = List.of("bookings", "win_rate", "open_pipeline", "quota_attainment", "new_opportunities");

    private Messages() {
    }

    static boolean zh(String language) {
        return "zh".equals(language);
    }

    /** Example questions built from this warehouse's own names. */
    static List<String> examples(String language, Vocabulary v) {
        String team = first(v, "team", "DACH");
        String product = first(v, "product", null);
        List<String> out = new ArrayList<>();
        if (zh(language)) {
            out.add("上个季度的成交金额是多少？");
            out.add(team + "本季度的赢单率");
            out.add("今年成交金额前三名的销售");
            out.add("我最近30天打了多少个电话？");
            out.add(product == null ? "下季度预计关闭的在手管道金额" : "下季度预计关闭的" + product + "在手管道金额");
        } else {
            out.add("What were our bookings last quarter?");
            out.add("Win rate for " + team + " this quarter");
            out.add("Top 3 reps by bookings this year");
            out.add("How many calls did I log in the last 30 days?");
            out.add(product == null ? "Open pipeline closing next quarter" : "Open pipeline for " + product + " closing next quarter");
        }
        return out;
    }

    private static String first(Vocabulary v, String dimension, String fallback) {
        if (v == null) {
            return fallback == null ? "" : fallback;
        }
        List<String> values = v.values(dimension);
        if ("team".equals(dimension) && values.size() > 1) {
            return values.get(1);
        }
        return values.isEmpty() ? fallback : values.get(0);
    }

    private static String withExamples(String language, String message, Vocabulary v) {
        StringBuilder sb = new StringBuilder(message);
        sb.append(zh(language) ? "\n可以这样问：" : "\nYou could ask, for example:");
        for (String e : examples(language, v)) {
            sb.append(zh(language) ? "\n• " : "\n• ").append(e);
        }
        return sb.toString();
    }

    static String empty(Vocabulary v) {
        return withExamples("en", "Please ask a question about your sales figures.", v);
    }

    static String tooLong(String language, int max) {
        return zh(language)
                ? "问题太长了（最多 " + max + " 个字符）。请用一句话问一个指标，例如“本季度的成交金额是多少？”"
                : "That is too long for a question (at most " + max + " characters). Ask about one figure in a sentence, e.g. \"What are bookings this quarter?\"";
    }

    static String notText(String language) {
        return zh(language)
                ? "这看起来不是文字。请用中文或英文提问，例如“本季度的成交金额是多少？”"
                : "That does not look like text. Ask in English or Chinese, e.g. \"What are bookings this quarter?\"";
    }

    static String sql(String language, Vocabulary v) {
        return withExamples(language, zh(language)
                ? "我只回答关于销售指标的问题，不执行数据库命令。"
                : "I answer questions about sales figures in plain words; I do not run database commands.", v);
    }

    static String badTime(String language, String problem) {
        return zh(language)
                ? "我没能理解问题中的时间：" + problem + "。请写成例如“2025年第三季度”、“上个月”或“2025年3月到5月”。"
                : "I could not use the time in your question: " + problem + ". Write it like \"Q3 2025\", \"last month\" or \"between March and May 2025\".";
    }

    static String notUnderstood(String language, String question, Vocabulary v) {
        return withExamples(language, zh(language)
                ? "抱歉，我没能看出您想要哪个指标。"
                : "Sorry, I could not tell which figure you are asking for.", v);
    }

    static ParseOutcome whichMetric(String language, List<String> names, MetricCatalog catalog) {
        List<String> options = new ArrayList<>();
        for (String m : POPULAR) {
            catalog.metric(m).ifPresent(metric -> options.add(metric.label().in(language)));
        }
        String about = String.join(zh(language) ? "、" : ", ", names);
        String question = zh(language)
                ? "您想了解" + about + "的哪项指标？例如：" + String.join("、", options) + "。"
                : "What would you like to know about " + about + "? For example: " + String.join(", ", options) + ".";
        return new ParseOutcome.Clarify(language, question, options);
    }

    static ParseOutcome byWhichMetric(String language, MetricCatalog catalog) {
        List<String> options = new ArrayList<>();
        for (String m : POPULAR) {
            catalog.metric(m).ifPresent(metric -> options.add(metric.label().in(language)));
        }
        String question = zh(language) ? "按哪项指标？例如：" + String.join("、", options) + "。" : "By which figure? For example: " + String.join(", ", options) + ".";
        return new ParseOutcome.Clarify(language, question, options);
    }

    static ParseOutcome cannotBreakDown(String language, MetricCatalog.Metric metric, String dimension, Vocabulary v) {
        List<String> options = new ArrayList<>();
        for (String d : metric.dimensions()) {
            options.add(v.dimensionLabel(d, language));
        }
        String label = metric.label().in(language);
        String question = zh(language)
                ? label + "不能按" + v.dimensionLabel(dimension, language) + "拆分。要按以下哪个维度拆分？"
                : label + " cannot be broken down by " + v.dimensionLabel(dimension, language) + ". Break it down by one of these instead?";
        return new ParseOutcome.Clarify(language, question, options);
    }

    static ParseOutcome cannotFilter(String language, MetricCatalog.Metric metric, Sense value, Vocabulary v) {
        List<String> dims = new ArrayList<>();
        for (String d : metric.dimensions()) {
            dims.add(v.dimensionLabel(d, language));
        }
        String label = metric.label().in(language);
        String what = v.dimensionLabel(value.key(), language) + (zh(language) ? "“" + value.value() + "”" : " \"" + value.value() + "\"");
        String message = zh(language)
                ? label + "不能按" + what + "筛选；它可以按这些维度筛选：" + String.join("、", dims) + "。"
                : label + " cannot be narrowed to " + what + "; it can be narrowed by " + String.join(", ", dims) + ".";
        return new ParseOutcome.NotUnderstood(language, message);
    }

    static String cannotExclude(String language, String said) {
        return zh(language)
                ? "我还不能在指标中排除“" + said + "”。可以分别查询全部和“" + said + "”的数字，再相减。"
                : "I cannot leave \"" + said + "\" out of a figure yet. Ask for the total and for \"" + said + "\" separately and subtract.";
    }

    static String cannotThreshold(String language) {
        return zh(language)
                ? "我还不能按金额或数值区间筛选（例如“超过5万的商机”）。可以按销售、团队、产品、行业等维度查询。"
                : "I cannot filter by an amount or a threshold yet (such as \"deals over $50k\"). I can narrow figures by rep, team, product, industry and the like.";
    }

    static String cannotShare(String language) {
        return zh(language)
                ? "我还不能直接算占比（某部分占总数的比例）。可以分别问这部分和总数，例如“中国区今年的成交金额”和“今年的成交金额”，或按维度拆分查看。"
                : "I cannot compute a share of a total yet. Ask for the part and the total separately (e.g. \"Europe's bookings this year\" and \"bookings this year\"), or for a breakdown by region or team.";
    }

    static String cannotRankDeals(String language) {
        return zh(language)
                ? "我可以按指标给销售、团队、产品、行业等排名，但还不能列出单个商机。"
                : "I can rank reps, teams, products, industries and the like by a metric, but I cannot list single deals yet.";
    }

    static String unknownName(String language, String name, Vocabulary v) {
        return withExamples(language, zh(language)
                ? "我在数据中没有找到“" + name + "”（销售、团队、产品或客户）。请检查名称。"
                : "I could not find \"" + name + "\" among the reps, teams, products or accounts. Please check the name.", v);
    }

    static String unknownValue(String language, String name, String dimension, List<String> known, Vocabulary v) {
        List<String> some = known.size() > 8 ? known.subList(0, 8) : known;
        String list = String.join(zh(language) ? "、" : ", ", some) + (known.size() > some.size() ? (zh(language) ? "等" : "…") : "");
        return zh(language)
                ? "我在数据中没有找到" + dimension + "“" + name + "”。" + (known.isEmpty() ? "" : "已有的" + dimension + "：" + list + "。")
                : "I could not find the " + dimension + " \"" + name + "\"." + (known.isEmpty() ? "" : " Known: " + list + ".");
    }

    static ParseOutcome didYouMean(String language, String name, List<Sense> similar, Vocabulary v) {
        List<String> options = new ArrayList<>();
        for (Sense s : similar) {
            String label = v.dimensionLabel(s.key(), language);
            options.add(zh(language) ? s.value() + "（" + label + "）" : s.value() + " (" + label + ")");
        }
        String question = zh(language) ? "我没有找到“" + name + "”。您是指：" : "I could not find \"" + name + "\". Did you mean:";
        return new ParseOutcome.Clarify(language, question, options);
    }

    static ParseOutcome whichOne(String language, String said, List<Sense> senses, Vocabulary v) {
        List<String> options = new ArrayList<>();
        for (Sense s : senses) {
            String label = v.dimensionLabel(s.key(), language);
            options.add(zh(language) ? s.value() + "（" + label + "）" : s.value() + " (" + label + ")");
        }
        String question = zh(language)
                ? "“" + said + "”指的是哪一个？"
                : "Which one do you mean by \"" + said + "\"?";
        return new ParseOutcome.Clarify(language, question, options);
    }
}
