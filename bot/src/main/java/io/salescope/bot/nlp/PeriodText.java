package io.salescope.bot.nlp;

import io.salescope.core.time.Granularity;
import io.salescope.core.time.Period;
import io.salescope.core.time.Periods;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/** A period in words and dates: "Q2 2026 (2026-04-01 – 2026-06-30)", "2026年第二季度（2026-04-01 至 2026-06-30）". */
final class PeriodText {

    private static final String[] ZH_DIGITS = {"零", "一", "二", "三", "四"};

    private PeriodText() {
    }

    static String describe(Period p, String language) {
        boolean zh = "zh".equals(language);
        if (p.equals(Periods.ALL_TIME) || "all time".equals(p.label())) {
            return zh ? "全部时间" : "all time";
        }
        String name = name(p, zh);
        String dates = p.from().equals(p.to())
                ? p.from().toString()
                : zh ? p.from() + " 至 " + p.to() : p.from() + " – " + p.to();
        if (name == null) {
            return dates;
        }
        if (p.from().equals(p.to())) {
            return name;
        }
        return zh ? name + "（" + dates + "）" : name + " (" + dates + ")";
    }

    private static String name(Period p, boolean zh) {
        String label = p.label();
        String head = label.contains(" ") ? label.substring(0, label.indexOf(' ')) : label;
        String unit;
        try {
            unit = switch (p.granularity()) {
                case DAY -> head;
                case WEEK -> {
                    String[] parts = head.split("-W");
                    yield zh ? parts[0] + "年第" + Integer.parseInt(parts[1]) + "周"
                            : "week " + Integer.parseInt(parts[1]) + " of " + parts[0];
                }
                case MONTH -> {
                    LocalDate first = p.from();
                    yield zh ? first.getYear() + "年" + first.getMonthValue() + "月"
                            : first.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + first.getYear();
                }
                case QUARTER -> {
                    String[] parts = head.split("-Q");
                    int year = Integer.parseInt(parts[0]);
                    int q = Integer.parseInt(parts[1]);
                    boolean calendar = p.from().getYear() == year && p.from().getMonthValue() == 3 * q - 2;
                    if (zh) {
                        yield (calendar ? year + "年" : year + "财年") + "第" + ZH_DIGITS[q] + "季度";
                    }
                    yield "Q" + q + (calendar ? " " + year : " FY" + year);
                }
                case YEAR -> {
                    int year = Integer.parseInt(head.replace("FY", ""));
                    boolean calendar = p.from().equals(LocalDate.of(year, 1, 1));
                    yield zh ? (calendar ? year + "年" : year + "财年") : (calendar ? String.valueOf(year) : "FY" + year);
                }
                case CUSTOM -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
        if (unit == null || !p.toDate() || p.granularity() == Granularity.DAY) {
            return unit;
        }
        return zh ? unit + "初至今" : unit + (p.granularity() == Granularity.YEAR ? " year to date" : " to date");
    }
}
