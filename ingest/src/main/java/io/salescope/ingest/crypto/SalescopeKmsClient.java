package io.salescope.ingest.crypto;

import io.salescope.core.SalescopeException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.crypto.KeyAccessDeniedException;
import org.apache.parquet.crypto.keytools.KeyToolkit;
import org.apache.parquet.crypto.keytools.KmsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parquet's key-management client for salescope: wraps and unwraps the keys Parquet generates
 * (key-encryption keys, in double wrapping) with our master keys, locally with AES-GCM. The
 * master keys come from the {@link KeySource} named by {@value #LOCATION} in the Hadoop
 * configuration; a wrapped key records the master key's version ({@code v3:<base64>}) so keys
 * wrapped before a rotation stay readable until they are re-wrapped.
 *
 * <p>Parquet instantiates this class by name in every task that reads or writes an encrypted
 * file, and caches it per access token and KMS instance ({@link PiiCrypto} sets both).
 */
public final class SalescopeKmsClient implements KmsClient {

    /** Hadoop configuration key: where the master keys are ({@link KeySource#kmsLocation()}). */
    public static final String LOCATION = "salescope.keys.location";

    /** Keys read per location, reloaded when a key file changes. */
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    private record Loaded(long modified, MasterKeys keys) {
    }

    private String location;

    @Override
    public void initialize(Configuration configuration, String kmsInstanceId, String kmsInstanceUrl, String accessToken) {
        location = configuration.getTrimmed(LOCATION);
        if (location == null || location.isEmpty()) {
            throw new KeyAccessDeniedException("this Parquet file is encrypted with salescope master keys, but the"
                    + " reader was not told where they are (Hadoop setting " + LOCATION + ")");
        }
    }

    @Override
    public String wrapKey(byte[] keyBytes, String masterKeyIdentifier) {
        MasterKeys keys = keys();
        MasterKeys.KeyVersion current;
        try {
            current = keys.current(masterKeyIdentifier);
        } catch (IllegalArgumentException e) {
            throw new KeyAccessDeniedException("master key '" + masterKeyIdentifier + "' is not in "
                    + KeySource.fromKmsLocation(location).describe());
        }
        return "v" + current.version() + ":" + KeyToolkit.encryptKeyLocally(keyBytes, current.bytes(),
                aad(masterKeyIdentifier));
    }

    @Override
    public byte[] unwrapKey(String wrappedKey, String masterKeyIdentifier) {
        return unwrap(keys(), KeySource.fromKmsLocation(location).describe(), wrappedKey, masterKeyIdentifier);
    }

    /** Unwraps a key this client wrapped; the error says which key version was missing or wrong, and where. */
    static byte[] unwrap(MasterKeys keys, String where, String wrappedKey, String masterKeyIdentifier) {
        int colon = wrappedKey.indexOf(':');
        if (!wrappedKey.startsWith("v") || colon < 2) {
            throw new KeyAccessDeniedException("a key of this data was not wrapped by salescope (" + masterKeyIdentifier + ")");
        }
        int version;
        try {
            version = Integer.parseInt(wrappedKey.substring(1, colon));
        } catch (NumberFormatException e) {
            throw new KeyAccessDeniedException("a key of this data was not wrapped by salescope (" + masterKeyIdentifier + ")");
        }
        MasterKeys.KeyVersion key = keys.version(masterKeyIdentifier, version).orElseThrow(() ->
                new KeyAccessDeniedException("version " + version + " of master key '" + masterKeyIdentifier
                        + "' is not in " + where + ": these are not the keys the data was encrypted with (a key file"
                        + " from before a rotation, or another warehouse's keys); restore the right key file"));
        try {
            return KeyToolkit.decryptKeyLocally(wrappedKey.substring(colon + 1), key.bytes(), aad(masterKeyIdentifier));
        } catch (RuntimeException e) {
            throw new KeyAccessDeniedException("version " + version + " of master key '" + masterKeyIdentifier + "' in "
                    + where + " does not decrypt this data's keys: the key file is not the one the data was"
                    + " encrypted with; restore the right key file", e);
        }
    }

    private MasterKeys keys() {
        KeySource source;
        try {
            source = KeySource.fromKmsLocation(location);
        } catch (SalescopeException e) {
            throw new KeyAccessDeniedException(e.getMessage(), e);
        }
        long modified = modified(source);
        Loaded loaded = LOADED.get(location);
        if (loaded == null || loaded.modified() != modified) {
            try {
                loaded = new Loaded(modified, source.load());
            } catch (SalescopeException e) {
                throw new KeyAccessDeniedException(e.getMessage(), e);
            }
            LOADED.put(location, loaded);
        }
        return loaded.keys();
    }

    private static long modified(KeySource source) {
        if (source.file() == null) {
            return source.json().hashCode();
        }
        Path file = source.file();
        try {
            return Files.getLastModifiedTime(file).toMillis() ^ Files.size(file) << 20;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static byte[] aad(String masterKeyIdentifier) {
        return ("salescope:" + masterKeyIdentifier).getBytes(StandardCharsets.UTF_8);
    }
}
