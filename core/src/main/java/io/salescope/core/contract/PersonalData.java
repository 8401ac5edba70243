package io.salescope.core.contract;

import java.util.List;
import java.util.Map;

/**
 * Which warehouse columns hold personal data and are therefore written encrypted (Parquet
 * modular encryption; see the ingest module's {@code crypto} package).
 *
 * <p>Contacts' and leads' names, e-mail addresses and phone numbers are personal data nobody
 * needs in plain text to answer a sales question. The quarantine keeps rejected records as
 * they stood in the export, so any of them can hold such data too. Users' names and e-mail
 * addresses stay plain: the e-mail is the identity the service logs people in with and maps
 * Slack users by, and the name is how answers name a rep; both describe employees acting in
 * their role, not customers.
 */
public final class PersonalData {

    private static final Map<String, List<String>> ENCRYPTED = Map.of(
            Tables.CONTACTS.name(), List.of("first_name", "last_name", "email", "phone"),
            Tables.LEADS.name(), List.of("first_name", "last_name", "email", "phone"),
            Tables.QUARANTINE.name(), List.of("raw_value", "raw_record"));

    private PersonalData() {
    }

    /** The columns of {@code table} written encrypted; empty for tables without personal data. */
    public static List<String> encryptedColumns(TableContract table) {
        return ENCRYPTED.getOrDefault(table.name(), List.of());
    }

    public static boolean hasEncryptedColumns(TableContract table) {
        return ENCRYPTED.containsKey(table.name());
    }
}
