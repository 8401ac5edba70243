package io.salescope.forecasting.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The factors a deal's score is explained by, each a group of snapshot features that means
 * one thing to a seller, and how each reads in English and Chinese given the deal's values
 * ("3 meetings in the last 14 days" / "近14天有3次会议").
 */
public final class DealFactors {

    /** Factor name → the features it covers. */
    public static final Map<String, List<String>> GROUPS = groups();

    /** Contributions smaller than this (log-odds) are not worth a sentence. */
    static final double MIN_EFFECT = 0.02;

    private DealFactors() {
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("stage", List.of("stage_position", "stage_probability"));
        g.put("days_in_stage", List.of("days_in_stage"));
        g.put("age", List.of("age_days"));
        g.put("amount", List.of("log_amount"));
        g.put("close_date", List.of("days_to_close"));
        g.put("pushes", List.of("close_pushes"));
        g.put("regressions", List.of("stage_regressions"));
        g.put("rep", List.of("rep_win_rate", "rep_closed"));
        g.put("account", List.of("account_win_rate", "account_closed"));
        g.put("meetings_14d", List.of("meetings_14d"));
        g.put("activities_14d", List.of("activities_14d"));
        g.put("activities_30d", List.of("activities_30d"));
        g.put("recency", List.of("days_since_activity"));
        g.put("early_meetings", List.of("early_meetings"));
        g.put("early_touches", List.of("early_touches"));
        g.put("quarter_end", List.of("days_to_quarter_end"));
        g.put("product", List.of("product", "product_family"));
        g.put("segment", List.of("segment"));
        g.put("industry", List.of("industry"));
        g.put("lead_source", List.of("lead_source"));
        g.put("deal_type", List.of("deal_type"));
        return java.util.Collections.unmodifiableMap(g);
    }

    /** Top three raising and top three lowering factors, as sentences. */
    public record Explanation(List<String> positiveEn, List<String> negativeEn, List<String> positiveZh,
                              List<String> negativeZh) {
    }

    public static Explanation explain(Map<String, Double> contributions, Map<String, Object> deal, String currency) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(contributions.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        List<String> posEn = new ArrayList<>();
        List<String> negEn = new ArrayList<>();
        List<String> posZh = new ArrayList<>();
        List<String> negZh = new ArrayList<>();
        for (Map.Entry<String, Double> e : sorted) {
            if (Math.abs(e.getValue()) < MIN_EFFECT) {
                continue;
            }
            boolean up = e.getValue() > 0;
            if ((up ? posEn : negEn).size() >= 3) {
                continue;
            }
            (up ? posEn : negEn).add(text(e.getKey(), deal, currency, "en"));
            (up ? posZh : negZh).add(text(e.getKey(), deal, currency, "zh"));
        }
        return new Explanation(posEn, negEn, posZh, negZh);
    }

    /** The stage-fallback explanation: the stage's default probability is all there is. */
    public static Explanation fallback(String stage, double stageProbability, long won, long lost, long minWon, long minLost) {
        String pct = percent(stageProbability);
        return new Explanation(
                List.of("stage " + stage + ": the stage model gives " + pct),
                List.of("too few closed deals to train a model (" + won + " won, " + lost + " lost; needs "
                        + minWon + " and " + minLost + ")"),
                List.of("处于" + stage + "阶段：阶段默认赢单率" + pct),
                List.of("已结商机太少，无法训练模型（赢" + won + "单、输" + lost + "单；需要各" + minWon + "单和" + minLost + "单）"));
    }

    static String text(String factor, Map<String, Object> d, String currency, String lang) {
        boolean zh = "zh".equals(lang);
        switch (factor) {
            case "stage":
                return zh ? "处于" + str(d, "stage") + "阶段" : "in stage " + str(d, "stage");
            case "days_in_stage": {
                long n = num(d, "days_in_stage");
                return zh ? "在当前阶段已" + n + "天" : n + " " + plural(n, "day") + " in the current stage";
            }
            case "age": {
                long n = num(d, "age_days");
                return zh ? "商机已创建" + n + "天" : "opened " + n + " " + plural(n, "day") + " ago";
            }
            case "amount": {
                double amount = d.get("amount") instanceof Number a ? a.doubleValue() : Double.NaN;
                String money = Double.isNaN(amount) ? (zh ? "未知" : "unknown")
                        : String.format(Locale.ROOT, "%,.0f %s", amount, currency);
                return zh ? "金额" + money : "amount " + money;
            }
            case "close_date": {
                long n = num(d, "days_to_close");
                if (n >= 0) {
                    return zh ? "预计" + n + "天后成交" : "expected to close in " + n + " " + plural(n, "day");
                }
                return zh ? "预计成交日期已过" + (-n) + "天" : "expected close date passed " + (-n) + " " + plural(-n, "day") + " ago";
            }
            case "pushes": {
                long n = num(d, "close_pushes");
                return n == 0 ? (zh ? "预计成交日期从未推迟" : "close date never pushed")
                        : zh ? "预计成交日期已推迟" + zhTimes(n) : "close date pushed " + enTimes(n);
            }
            case "regressions": {
                long n = num(d, "stage_regressions");
                return n == 0 ? (zh ? "阶段从未回退" : "never moved back a stage")
                        : zh ? "阶段回退过" + zhTimes(n) : "moved back a stage " + enTimes(n);
            }
            case "rep": {
                long n = num(d, "rep_closed");
                String rate = percent(dbl(d, "rep_won_count") / Math.max(1, n));
                return n == 0 ? (zh ? "负责人尚无已结商机" : "the rep has no closed deals yet")
                        : zh ? "负责人赢单率" + rate + "（已结" + n + "单）"
                        : "rep's win rate " + rate + " on " + n + " closed " + plural(n, "deal");
            }
            case "account": {
                long n = num(d, "account_closed");
                return n == 0 ? (zh ? "该客户尚无已结商机" : "no closed deals with this account yet")
                        : zh ? "该客户已结" + n + "单，历史赢单率约" + percent(dbl(d, "account_win_rate"))
                        : n + " closed " + plural(n, "deal") + " with this account, win rate about " + percent(dbl(d, "account_win_rate"));
            }
            case "meetings_14d": {
                long n = num(d, "meetings_14d");
                return n == 0 ? (zh ? "近14天没有会议或演示" : "no meetings or demos in the last 14 days")
                        : zh ? "近14天有" + n + "次会议或演示" : n + " " + plural(n, "meeting") + " or demos in the last 14 days";
            }
            case "activities_14d": {
                long n = num(d, "activities_14d");
                return n == 0 ? (zh ? "近14天没有活动" : "no activity in the last 14 days")
                        : zh ? "近14天有" + n + "次活动" : n + " " + plural(n, "activity") + " in the last 14 days";
            }
            case "activities_30d": {
                long n = num(d, "activities_30d");
                return n == 0 ? (zh ? "近30天没有活动" : "no activity in the last 30 days")
                        : zh ? "近30天有" + n + "次活动" : n + " " + plural(n, "activity") + " in the last 30 days";
            }
            case "recency": {
                long n = num(d, "days_since_activity");
                return zh ? "最近一次活动在" + n + "天前" : "last activity " + n + " " + plural(n, "day") + " ago";
            }
            case "early_meetings": {
                long n = num(d, "early_meetings");
                return n == 0 ? (zh ? "前两周没有会议或演示" : "no meetings or demos in its first two weeks")
                        : zh ? "前两周有" + n + "次会议或演示" : n + " " + plural(n, "meeting") + " or demos in its first two weeks";
            }
            case "early_touches": {
                long n = num(d, "early_touches");
                return n == 0 ? (zh ? "前两周没有电话或邮件" : "no calls or emails in its first two weeks")
                        : zh ? "前两周有" + n + "次电话或邮件" : n + " " + plural(n, "call") + " or emails in its first two weeks";
            }
            case "quarter_end": {
                long n = num(d, "days_to_quarter_end");
                return zh ? "距季度末还有" + n + "天" : n + " " + plural(n, "day") + " left in the quarter";
            }
            case "product":
                return zh ? "产品：" + str(d, "product") : "product " + str(d, "product");
            case "segment":
                return zh ? "客户规模：" + str(d, "segment") : "segment " + str(d, "segment");
            case "industry":
                return zh ? "行业：" + str(d, "industry") : "industry " + str(d, "industry");
            case "lead_source":
                return zh ? "线索来源：" + str(d, "lead_source") : "lead source " + str(d, "lead_source");
            case "deal_type": {
                String t = str(d, "deal_type");
                return switch (t) {
                    case "new_business" -> zh ? "新客户业务" : "new business";
                    case "expansion" -> zh ? "增购（扩展销售）" : "an expansion deal";
                    case "renewal" -> zh ? "续约" : "a renewal";
                    default -> zh ? "商机类型：" + t : "deal type " + t;
                };
            }
            default:
                return factor;
        }
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    static String enTimes(long n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }

    static String zhTimes(long n) {
        String[] words = {"零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"};
        return (n <= 10 ? words[(int) n] : String.valueOf(n)) + "次";
    }

    static String plural(long n, String word) {
        if (n == 1) {
            return word;
        }
        return word.endsWith("y") ? word.substring(0, word.length() - 1) + "ies" : word + "s";
    }

    private static String str(Map<String, Object> d, String key) {
        Object v = d.get(key);
        return v == null ? "(none)" : v.toString();
    }

    private static double dbl(Map<String, Object> d, String key) {
        return d.get(key) instanceof Number n ? n.doubleValue() : 0.0;
    }

    private static long num(Map<String, Object> d, String key) {
        return Math.round(dbl(d, key));
    }
}
