package io.salescope.ingest.profile;

/**
 * Salesforce record ids come as 15 case-sensitive characters (reports, the UI) or 18
 * case-insensitive ones (the API, data exports): the 18-character form appends a checksum of
 * the first 15 characters' case. Converting every 15-character id lets both forms meet.
 */
final class SalesforceIds {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceIds() {
    }

    /** The 18-character form of a 15-character id; any other value unchanged. */
    static String to18(String id) {
        if (id.length() != 15) {
            return id;
        }
        for (int i = 0; i < 15; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return id;
            }
        }
        StringBuilder out = new StringBuilder(id);
        for (int block = 0; block < 3; block++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id.charAt(block * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            out.append(ALPHABET.charAt(bits));
        }
        return out.toString();
    }
}
