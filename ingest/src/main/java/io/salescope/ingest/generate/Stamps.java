package io.salescope.ingest.generate;

import java.util.SplittableRandom;

/**
 * Writes dates and timestamps the way real CRM exports mix them: with the writer's UTC
 * offset, with {@code Z}, without a zone (meaning UTC, the default zone) or, for fields that
 * are often dates in practice, as a bare date. Hand-rolled because it runs tens of millions
 * of times and {@code DateTimeFormatter} would dominate the run time.
 */
final class Stamps {

    private Stamps() {
    }

    /** How one timestamp is spelled. */
    enum Form { OFFSET, UTC_Z, NO_ZONE, DATE }

    /**
     * A form drawn for one field: China-based writers mostly emit their +08:00 offset, as the
     * fixture does; {@code dateShare} is the chance of a bare date where that is natural.
     */
    static Form draw(SplittableRandom r, boolean offsetHeavy, double dateShare) {
        double x = r.nextDouble();
        if (x < dateShare) {
            return Form.DATE;
        }
        x = r.nextDouble();
        if (offsetHeavy) {
            return x < 0.62 ? Form.OFFSET : x < 0.85 ? Form.UTC_Z : Form.NO_ZONE;
        }
        return x < 0.42 ? Form.OFFSET : x < 0.76 ? Form.UTC_Z : Form.NO_ZONE;
    }

    /** Appends one timestamp; a fraction of a second is written for about one value in fifteen. */
    static void append(StringBuilder sb, long epochMillis, LocalZone zone, Form form, boolean fraction) {
        switch (form) {
            case DATE -> date(sb, Math.floorDiv(epochMillis, LocalZone.DAY));
            case UTC_Z -> {
                dateTime(sb, epochMillis, fraction);
                sb.append('Z');
            }
            case NO_ZONE -> dateTime(sb, epochMillis, fraction);
            case OFFSET -> {
                int offset = zone.offsetSeconds(epochMillis);
                dateTime(sb, epochMillis + offset * 1000L, fraction);
                offset(sb, offset);
            }
        }
    }

    static void append(StringBuilder sb, long epochMillis, LocalZone zone, SplittableRandom r, double dateShare) {
        Form form = draw(r, zone.id().startsWith("Asia/"), dateShare);
        append(sb, epochMillis, zone, form, r.nextInt(15) == 0);
    }

    static String format(long epochMillis, LocalZone zone, SplittableRandom r, double dateShare) {
        StringBuilder sb = new StringBuilder(29);
        append(sb, epochMillis, zone, r, dateShare);
        return sb.toString();
    }

    /** {@code YYYY-MM-DD} of an epoch day (days since 1970-01-01), by the civil-from-days algorithm. */
    static void date(StringBuilder sb, long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        sb.append(year).append('-');
        two(sb, month);
        sb.append('-');
        two(sb, day);
    }

    static String date(long epochDay) {
        StringBuilder sb = new StringBuilder(10);
        date(sb, epochDay);
        return sb.toString();
    }

    private static void dateTime(StringBuilder sb, long localMillis, boolean fraction) {
        long day = Math.floorDiv(localMillis, LocalZone.DAY);
        int ms = (int) Math.floorMod(localMillis, LocalZone.DAY);
        date(sb, day);
        sb.append('T');
        int seconds = ms / 1000;
        two(sb, seconds / 3600);
        sb.append(':');
        two(sb, seconds / 60 % 60);
        sb.append(':');
        two(sb, seconds % 60);
        if (fraction) {
            int milli = ms % 1000;
            sb.append('.').append((char) ('0' + milli / 100)).append((char) ('0' + milli / 10 % 10))
                    .append((char) ('0' + milli % 10));
        }
    }

    private static void offset(StringBuilder sb, int offsetSeconds) {
        if (offsetSeconds == 0) {
            sb.append('Z');
            return;
        }
        sb.append(offsetSeconds < 0 ? '-' : '+');
        int abs = Math.abs(offsetSeconds) / 60;
        two(sb, abs / 60);
        sb.append(':');
        two(sb, abs % 60);
    }

    private static void two(StringBuilder sb, int value) {
        sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
