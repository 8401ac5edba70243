package io.salescope.ingest.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.salescope.core.SalescopeException;
import io.salescope.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The master keys that protect the warehouse's encrypted columns: AES-256 keys by id, each in
 * one or more versions (rotation adds a version). Parquet's key tools wrap each file's data
 * keys with the newest version of a master key; older versions stay until every file is
 * re-wrapped ({@code salescope keys rotate}).
 *
 * <p>Stored as JSON ({@code format}, {@code keys: {id: [{version, created_at, key}]}}, keys in
 * base64), in a key file or the {@code SALESCOPE_MASTER_KEYS} environment variable.
 */
public record MasterKeys(Map<String, List<KeyVersion>> keys) {

    public static final int FORMAT = 1;
    /** Wraps the key that signs the plaintext footers. */
    public static final String FOOTER_KEY = "salescope-footer";
    /** Wraps the keys of the personal-data columns. */
    public static final String PII_KEY = "salescope-pii";
    public static final List<String> IDS = List.of(FOOTER_KEY, PII_KEY);

    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One version of a master key. */
    public record KeyVersion(int version, Instant createdAt, String key) {
        public KeyVersion {
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(key, "key is null");
        }

        byte[] bytes() {
            return Base64.getDecoder().decode(key);
        }
    }

    /** The document as stored. */
    record Document(Integer format, String note, Map<String, List<KeyVersion>> keys) {
    }

    public MasterKeys {
        Map<String, List<KeyVersion>> copy = new LinkedHashMap<>();
        requireNonNull(keys, "keys is null").forEach((id, versions) -> {
            List<KeyVersion> sorted = new ArrayList<>(versions);
            sorted.sort((a, b) -> Integer.compare(a.version(), b.version()));
            copy.put(id, List.copyOf(sorted));
        });
        keys = java.util.Collections.unmodifiableMap(copy);
    }

    /** New random keys, version 1 of each id. */
    public static MasterKeys generate(Instant now) {
        Map<String, List<KeyVersion>> keys = new LinkedHashMap<>();
        for (String id : IDS) {
            keys.put(id, List.of(new KeyVersion(1, now, randomKey())));
        }
        return new MasterKeys(keys);
    }

    /** Adds a new version to every key; the old versions stay so data wrapped with them stays readable. */
    public MasterKeys rotated(Instant now) {
        Map<String, List<KeyVersion>> out = new LinkedHashMap<>();
        keys.forEach((id, versions) -> {
            List<KeyVersion> next = new ArrayList<>(versions);
            next.add(new KeyVersion(current(id).version() + 1, now, randomKey()));
            out.put(id, next);
        });
        return new MasterKeys(out);
    }

    /** Only the newest version of each key: what stays once every file is re-wrapped. */
    public MasterKeys currentOnly() {
        Map<String, List<KeyVersion>> out = new LinkedHashMap<>();
        keys.forEach((id, versions) -> out.put(id, List.of(versions.get(versions.size() - 1))));
        return new MasterKeys(out);
    }

    public KeyVersion current(String id) {
        List<KeyVersion> versions = keys.get(id);
        if (versions == null || versions.isEmpty()) {
            throw new IllegalArgumentException("no master key " + id);
        }
        return versions.get(versions.size() - 1);
    }

    public Optional<KeyVersion> version(String id, int version) {
        return keys.getOrDefault(id, List.of()).stream().filter(v -> v.version() == version).findFirst();
    }

    /** A short digest of the keys (never the keys): tells key sets apart in caches and status output. */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            keys.forEach((id, versions) -> versions.forEach(v -> {
                sha.update((id + ":" + v.version() + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(v.bytes());
            }));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] toJson() {
        return Json.write(new Document(FORMAT, "salescope master keys: they decrypt the warehouse's personal data."
                + " Keep this file secret and back it up apart from the data; without it those columns cannot be read.",
                keys));
    }

    /**
     * Reads the stored JSON.
     *
     * @param where the file or variable, for messages
     */
    public static MasterKeys parse(byte[] json, String where) {
        Document doc;
        try {
            doc = Json.mapper().readValue(json, Document.class);
        } catch (JsonProcessingException e) {
            throw new SalescopeException(where + " does not hold salescope master keys (" + e.getOriginalMessage()
                    + "); restore the key file from its backup, or create new keys with 'salescope keys init'", e);
        } catch (java.io.IOException e) {
            throw new SalescopeException("cannot read " + where + ": " + e.getMessage(), e);
        }
        if (doc == null || doc.keys() == null || doc.format() == null) {
            throw new SalescopeException(where + " does not hold salescope master keys (no \"format\" and \"keys\");"
                    + " restore the key file from its backup");
        }
        if (doc.format() != FORMAT) {
            throw new SalescopeException(where + " has key format " + doc.format() + "; this salescope reads format "
                    + FORMAT);
        }
        for (String id : IDS) {
            List<KeyVersion> versions = doc.keys().get(id);
            if (versions == null || versions.isEmpty()) {
                throw new SalescopeException(where + " lacks master key '" + id + "'; restore the key file from its backup");
            }
            for (KeyVersion v : versions) {
                byte[] bytes;
                try {
                    bytes = v.bytes();
                } catch (IllegalArgumentException e) {
                    throw new SalescopeException(where + ": version " + v.version() + " of key '" + id
                            + "' is not base64", e);
                }
                if (bytes.length != KEY_BYTES) {
                    throw new SalescopeException(where + ": version " + v.version() + " of key '" + id + "' has "
                            + bytes.length + " bytes; master keys are AES-256 (32 bytes)");
                }
            }
        }
        return new MasterKeys(doc.keys());
    }

    private static String randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String toString() {
        // Never print key material.
        return "MasterKeys[" + fingerprint() + "]";
    }
}
