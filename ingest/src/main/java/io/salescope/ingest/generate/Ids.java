package io.salescope.ingest.generate;

/** Zero-padded ids such as {@code KO0000042}, appended without formatting calls. */
final class Ids {

    private Ids() {
    }

    static StringBuilder append(StringBuilder sb, String prefix, long n, int width) {
        sb.append(prefix);
        int digits = 1;
        for (long v = n; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            sb.append('0');
        }
        return sb.append(n);
    }

    static String of(String prefix, long n, int width) {
        return append(new StringBuilder(prefix.length() + width), prefix, n, width).toString();
    }
}
