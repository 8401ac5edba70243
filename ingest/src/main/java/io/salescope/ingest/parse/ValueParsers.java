package io.salescope.ingest.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * The export format's value syntax (crm-export-v1, "File rules"), parsed straight from UTF-8
 * bytes {@code b[s, e)}. Each parser returns null when the text does not follow the format;
 * callers trim first.
 */
public final class ValueParsers {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int DAYS_0000_TO_1970 = 719_528;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private ValueParsers() {
    }

    /** True for bytes that surround values and are trimmed: spaces, tabs, CR, LF and other controls. */
    public static boolean isBlank(byte b) {
        return b >= 0 && b <= ' ';
    }

    public static int trimStart(byte[] b, int s, int e) {
        while (s < e && isBlank(b[s])) {
            s++;
        }
        return s;
    }

    public static int trimEnd(byte[] b, int s, int e) {
        while (e > s && isBlank(b[e - 1])) {
            e--;
        }
        return e;
    }

    /** true/false, 1/0, yes/no in any case. */
    public static Boolean parseBoolean(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 1) {
            return b[s] == '1' ? Boolean.TRUE : b[s] == '0' ? Boolean.FALSE : null;
        }
        if (equalsIgnoreCase(b, s, e, "true") || equalsIgnoreCase(b, s, e, "yes")) {
            return Boolean.TRUE;
        }
        if (equalsIgnoreCase(b, s, e, "false") || equalsIgnoreCase(b, s, e, "no")) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** {@code YYYY-MM-DD} as days since 1970-01-01. */
    public static Integer parseDate(byte[] b, int s, int e) {
        if (e - s != 10) {
            return null;
        }
        long day = epochDay(b, s);
        return day == Long.MIN_VALUE ? null : (int) day;
    }

    /**
     * {@code YYYY-MM-DDTHH:MM:SS} with an optional fraction (up to nanoseconds, kept to
     * microseconds) and an optional zone ({@code Z}, {@code +08:00}, {@code +0800},
     * {@code +08}); without a zone the time is in {@code zone}. A bare date is midnight in
     * {@code zone}. A space may stand for the {@code T}. Returns microseconds since the epoch.
     */
    public static Long parseTimestamp(byte[] b, int s, int e, ZoneId zone, ZoneRules rules) {
        int n = e - s;
        if (n < 10) {
            return null;
        }
        long day = epochDay(b, s);
        if (day == Long.MIN_VALUE) {
            return null;
        }
        if (n == 10) {
            return toMicros(day, 0, 0, zone, rules, null);
        }
        byte t = b[s + 10];
        if ((t != 'T' && t != 't' && t != ' ') || n < 19 || b[s + 13] != ':' || b[s + 16] != ':') {
            return null;
        }
        int hour = twoDigits(b, s + 11);
        int minute = twoDigits(b, s + 14);
        int second = twoDigits(b, s + 17);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int p = s + 19;
        long micros = 0;
        if (p < e && b[p] == '.') {
            p++;
            int digits = 0;
            while (p < e && isDigit(b[p])) {
                if (digits < 6) {
                    micros = micros * 10 + (b[p] - '0');
                }
                digits++;
                p++;
            }
            if (digits == 0 || digits > 9) {
                return null;
            }
            for (int i = digits; i < 6; i++) {
                micros *= 10;
            }
        }
        ZoneOffset offset = null;
        if (p < e) {
            byte z = b[p];
            if ((z == 'Z' || z == 'z') && p + 1 == e) {
                offset = ZoneOffset.UTC;
            } else if (z == '+' || z == '-') {
                int oh = twoDigits(b, p + 1, e);
                int om = 0;
                int rest = e - (p + 3);
                if (rest == 3 && b[p + 3] == ':') {
                    om = twoDigits(b, p + 4, e);
                } else if (rest == 2) {
                    om = twoDigits(b, p + 3, e);
                } else if (rest != 0) {
                    return null;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                    return null;
                }
                int total = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
                offset = ZoneOffset.ofTotalSeconds(total);
            } else {
                return null;
            }
        }
        long secondOfDay = hour * 3600L + minute * 60L + second;
        return toMicros(day, secondOfDay, micros, zone, rules, offset);
    }

    /** Days since the epoch of the local date of {@code micros} in a zone. */
    public static int localEpochDay(long micros, ZoneRules rules) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        int offset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds()
                : rules.getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
        return (int) Math.floorDiv(seconds + offset, 86_400L);
    }

    /**
     * A number with {@code .} as decimal point and an optional leading {@code -}; no
     * thousands separators, exponents or signs other than a leading minus.
     */
    public static Double parseDouble(byte[] b, int s, int e) {
        int p = s;
        boolean negative = false;
        if (p < e && b[p] == '-') {
            negative = true;
            p++;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean point = false;
        boolean any = false;
        for (; p < e; p++) {
            byte c = b[p];
            if (isDigit(c)) {
                any = true;
                if (digits > 0 || c != '0') {
                    digits++;
                }
                if (digits <= 18) {
                    mantissa = mantissa * 10 + (c - '0');
                }
                if (point) {
                    fractionDigits++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return null;
            }
        }
        if (!any) {
            return null;
        }
        if (digits <= 15 && fractionDigits < POWERS_OF_TEN.length) {
            // Exact mantissa and power of ten: one correctly rounded division (Clinger's fast path).
            double value = mantissa / POWERS_OF_TEN[fractionDigits];
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
    }

    /** A whole number in the int range: optional {@code -} and digits. */
    public static Integer parseInt(byte[] b, int s, int e) {
        Long v = parseLong(b, s, e);
        return v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v.longValue();
    }

    public static Long parseLong(byte[] b, int s, int e) {
        int p = s;
        boolean negative = p < e && b[p] == '-';
        if (negative) {
            p++;
        }
        if (p == e || e - p > 18) {
            return null;
        }
        long v = 0;
        for (; p < e; p++) {
            if (!isDigit(b[p])) {
                return null;
            }
            v = v * 10 + (b[p] - '0');
        }
        return negative ? -v : v;
    }

    public static boolean isAscii(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    public static boolean equalsIgnoreCase(byte[] b, int s, int e, String ascii) {
        if (e - s != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            int c = b[s + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Long toMicros(long day, long secondOfDay, long micros, ZoneId zone, ZoneRules rules,
                                 ZoneOffset offset) {
        long localSeconds = day * 86_400L + secondOfDay;
        long epochSeconds;
        if (offset != null) {
            epochSeconds = localSeconds - offset.getTotalSeconds();
        } else if (rules.isFixedOffset()) {
            epochSeconds = localSeconds - rules.getOffset(Instant.EPOCH).getTotalSeconds();
        } else {
            LocalDateTime local = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
            epochSeconds = local.atZone(zone).toEpochSecond();
        }
        return epochSeconds * MICROS_PER_SECOND + micros;
    }

    /** Days since 1970-01-01 of {@code YYYY-MM-DD} at {@code b[s]}, or Long.MIN_VALUE. */
    private static long epochDay(byte[] b, int s) {
        if (b[s + 4] != '-' || b[s + 7] != '-') {
            return Long.MIN_VALUE;
        }
        int y1 = twoDigits(b, s);
        int y2 = twoDigits(b, s + 2);
        int month = twoDigits(b, s + 5);
        int day = twoDigits(b, s + 8);
        if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1) {
            return Long.MIN_VALUE;
        }
        long year = y1 * 100L + y2;
        boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        int length = switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        if (day > length) {
            return Long.MIN_VALUE;
        }
        // As java.time.LocalDate.toEpochDay, for years 0..9999.
        long total = 365 * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        total += (367L * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!leap) {
                total--;
            }
        }
        return total - DAYS_0000_TO_1970;
    }

    private static int twoDigits(byte[] b, int i) {
        byte c1 = b[i];
        byte c2 = b[i + 1];
        if (!isDigit(c1) || !isDigit(c2)) {
            return -1;
        }
        return (c1 - '0') * 10 + (c2 - '0');
    }

    private static int twoDigits(byte[] b, int i, int e) {
        return i + 2 <= e ? twoDigits(b, i) : -1;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
