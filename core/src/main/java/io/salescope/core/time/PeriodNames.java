package io.salescope.core.time;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/** Periods in words, in English or Chinese: "Q3 2026", "2026年第三季度". */
public final class PeriodNames {

    private static final String[] ZH_DIGITS = {"零", "一", "二", "三", "四"};

    private PeriodNames() {
    }

    /** The period's name in {@code language} ("en" or "zh"), without its dates. */
    public static String name(Period p, String language, int fiscalStartMonth) {
        boolean zh = "zh".equals(language);
        String label = p.label();
        String fy = fiscalStartMonth == 1 ? "" : "FY";
        if (p.from().getYear() == 1900 && p.to().getYear() == 2999) {
            return zh ? "全部时间" : "all time";
        }
        String base = p.toDate() ? label.substring(0, label.lastIndexOf(' ')) : label;
        String name = switch (p.granularity()) {
            case YEAR -> zh ? base + (fiscalStartMonth == 1 ? "年" : "财年") : fy + base;
            case QUARTER -> {
                String[] parts = base.split("-Q");
                yield zh ? parts[0] + (fiscalStartMonth == 1 ? "年" : "财年") + "第" + ZH_DIGITS[Integer.parseInt(parts[1])] + "季度"
                        : "Q" + parts[1] + " " + fy + parts[0];
            }
            case MONTH -> zh ? p.from().getYear() + "年" + p.from().getMonthValue() + "月"
                    : p.from().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + p.from().getYear();
            case WEEK -> {
                String[] parts = base.split("-W");
                yield zh ? parts[0] + "年第" + Integer.parseInt(parts[1]) + "周" : "week " + Integer.parseInt(parts[1]) + " of " + parts[0];
            }
            case DAY -> zh ? chineseDate(p.from()) : p.from().toString();
            case CUSTOM -> zh ? p.from() + " 至 " + p.to() : p.from() + " – " + p.to();
        };
        if (p.toDate()) {
            String unit = switch (p.granularity()) {
                case YEAR -> zh ? "年初至今" : " year to date";
                case QUARTER -> zh ? "季初至今" : " quarter to date";
                case MONTH -> zh ? "月初至今" : " month to date";
                default -> zh ? "至今" : " to date";
            };
            return name + unit;
        }
        return name;
    }

    /** The name followed by its dates: "Q3 2026 (2026-07-01 – 2026-09-30)". */
    public static String nameWithDates(Period p, String language, int fiscalStartMonth) {
        String name = name(p, language, fiscalStartMonth);
        if (p.granularity() == Granularity.CUSTOM || p.granularity() == Granularity.DAY || name.equals("全部时间")
                || name.equals("all time")) {
            return name;
        }
        return "zh".equals(language)
                ? name + "（" + p.from() + " 至 " + p.to() + "）"
                : name + " (" + p.from() + " – " + p.to() + ")";
    }

    private static String chineseDate(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }
}
