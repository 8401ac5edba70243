package io.salescope.bot.service;

import java.util.Locale;

/** Figures as people read them: money in whole units, ratios in percent to one decimal. */
public final class Figures {

    private Figures() {
    }

    public static String format(Double value, String unit, String currency, String language) {
        if (value == null) {
            return "zh".equals(language) ? "无数据" : "no value";
        }
        boolean zh = "zh".equals(language);
        String cur = currency == null ? "" : currency + " ";
        return switch (unit == null ? "" : unit) {
            case "ratio" -> String.format(Locale.ROOT, "%.1f%%", value * 100);
            case "count" -> String.format(Locale.ROOT, "%,.0f", value);
            case "days" -> String.format(Locale.ROOT, zh ? "%.1f 天" : "%.1f days", value);
            case "money_per_day" -> String.format(Locale.ROOT, zh ? "%s%,.0f/天" : "%s%,.0f per day", cur, value);
            case "money" -> String.format(Locale.ROOT, "%s%,.0f", cur, value);
            default -> String.format(Locale.ROOT, "%,.2f", value);
        };
    }
}
