package io.salescope.ingest.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.salescope.core.SalescopeException;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.crypto.KeyAccessDeniedException;
import org.apache.parquet.crypto.keytools.KeyToolkit;
import org.apache.parquet.crypto.keytools.PropertiesDrivenCryptoFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Parquet modular encryption of the personal-data columns, as Spark reader and writer options.
 *
 * <p>Files keep a plaintext (signed) footer, so engines without the keys (DuckDB, the bot)
 * read every other column; the encrypted columns cannot be read without the master keys. Key
 * material is stored beside each file ({@code _KEY_MATERIAL_FOR_<file>.json}) rather than in
 * it, so {@code salescope keys rotate} can re-wrap the keys of immutable files.
 *
 * <p>Keys are loaded on first use. A warehouse that holds no encrypted data yet gets new keys
 * in a key file automatically (with a message saying where); once it holds encrypted data a
 * missing key file is an error naming the file, never silently replaced.
 */
public final class PiiCrypto {

    public static final String FACTORY = "parquet.crypto.factory.class";
    static final String KEY_MATERIAL_PREFIX = "_KEY_MATERIAL_FOR_";

    private final java.util.function.Supplier<KeySource> sources;
    private volatile KeySource source;
    private final boolean mayCreate;
    private final Progress progress;
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private volatile MasterKeys keys;

    /**
     * @param mayCreate create a key file when there is none (only while no encrypted data exists)
     */
    public PiiCrypto(KeySource source, boolean mayCreate, Progress progress) {
        this(() -> source, mayCreate, progress);
        requireNonNull(source, "source is null");
    }

    /** Keys found by {@code sources} when first needed (a run that writes no personal data needs none). */
    public PiiCrypto(java.util.function.Supplier<KeySource> sources, boolean mayCreate, Progress progress) {
        this.sources = requireNonNull(sources, "sources is null");
        this.mayCreate = mayCreate;
        this.progress = requireNonNull(progress, "progress is null");
    }

    public synchronized KeySource source() {
        if (source == null) {
            source = requireNonNull(sources.get(), "no key source");
        }
        return source;
    }

    /** The master keys, created first when allowed and absent. */
    public synchronized MasterKeys keys() {
        if (keys == null) {
            KeySource source = source();
            if (!source.exists() && mayCreate && !source.fromEnvironment()) {
                MasterKeys created = MasterKeys.generate(Instant.now());
                try {
                    source.write(created, true);
                    progress.message("  created master keys for personal data in " + source.file()
                            + " (keep it secret and back it up apart from the data: without it contacts' and leads'"
                            + " names, e-mails and phones cannot be read)");
                } catch (SalescopeException e) {
                    if (!source.exists()) {
                        throw e;
                    }
                    // Another process created the keys a moment ago: use those.
                }
            }
            keys = source.load();
        }
        return keys;
    }

    /** Reader options for files with encrypted columns. */
    public Map<String, String> readOptions() {
        return common(keys());
    }

    /** Writer options that encrypt {@code columns} with the personal-data key. */
    public Map<String, String> writeOptions(List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns to encrypt");
        }
        Map<String, String> o = common(keys());
        o.put(PropertiesDrivenCryptoFactory.COLUMN_KEYS_PROPERTY_NAME, MasterKeys.PII_KEY + ":" + String.join(",", columns));
        o.put(PropertiesDrivenCryptoFactory.FOOTER_KEY_PROPERTY_NAME, MasterKeys.FOOTER_KEY);
        o.put(PropertiesDrivenCryptoFactory.PLAINTEXT_FOOTER_PROPERTY_NAME, "true");
        o.put(KeyToolkit.DATA_KEY_LENGTH_PROPERTY_NAME, "256");
        o.put(KeyToolkit.KEK_LENGTH_PROPERTY_NAME, "256");
        return o;
    }

    /** The Hadoop settings of {@link #readOptions()} applied to a configuration (key rotation, checks). */
    public Configuration configure(Configuration base) {
        Configuration conf = new Configuration(base);
        readOptions().forEach(conf::set);
        return conf;
    }

    private Map<String, String> common(MasterKeys k) {
        KeySource source = source();
        Map<String, String> o = new LinkedHashMap<>();
        o.put(FACTORY, PropertiesDrivenCryptoFactory.class.getName());
        o.put(KeyToolkit.KMS_CLIENT_CLASS_PROPERTY_NAME, SalescopeKmsClient.class.getName());
        // Parquet caches KMS clients and unwrapped keys per instance and token: tie both to these keys.
        o.put(KeyToolkit.KMS_INSTANCE_ID_PROPERTY_NAME, "salescope-" + Integer.toHexString(source.kmsLocation().hashCode()));
        o.put(KeyToolkit.KMS_INSTANCE_URL_PROPERTY_NAME, "local");
        o.put(KeyToolkit.KEY_ACCESS_TOKEN_PROPERTY_NAME, k.fingerprint());
        o.put(KeyToolkit.KEY_MATERIAL_INTERNAL_PROPERTY_NAME, "false");
        o.put(SalescopeKmsClient.LOCATION, source.kmsLocation());
        return o;
    }

    /**
     * Checks, without Spark, that the master keys unwrap the keys of a directory's encrypted
     * files (one file is enough: a directory is written in one go), so a wrong or lost key file
     * is reported as such rather than as a failed Spark task.
     *
     * @param what the table, for messages
     */
    public void checkReadable(FileSystem fs, Path dir, String what) {
        if (!checked.add(dir.toString())) {
            return;
        }
        MasterKeys k = keys();
        try {
            for (Path material : keyMaterialFiles(fs, dir)) {
                for (Map.Entry<String, String> e : readMaterial(fs, material).entrySet()) {
                    JsonNode m = Json.mapper().readTree(e.getValue());
                    String master = m.path("masterKeyID").asText();
                    String wrapped = m.path("doubleWrapping").asBoolean(true) ? m.path("wrappedKEK").asText()
                            : m.path("wrappedDEK").asText();
                    SalescopeKmsClient.unwrap(k, source().describe(), wrapped, master);
                }
                return;
            }
        } catch (KeyAccessDeniedException e) {
            checked.remove(dir.toString());
            throw new SalescopeException("cannot decrypt " + what + " (" + dir + "): " + e.getMessage(), e);
        } catch (IOException e) {
            checked.remove(dir.toString());
            throw new UncheckedIOException("cannot read the key material of " + dir, e);
        }
    }

    /** The key-material files of a directory and its subdirectories. */
    public static List<Path> keyMaterialFiles(FileSystem fs, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        var files = fs.listFiles(dir, true);
        while (files.hasNext()) {
            Path p = files.next().getPath();
            if (p.getName().startsWith(KEY_MATERIAL_PREFIX) && p.getName().endsWith(".json")) {
                out.add(p);
            }
        }
        out.sort(null);
        return out;
    }

    /** The directories under {@code root} that hold encrypted files (each is rotated as a whole). */
    public static List<Path> encryptedDirectories(FileSystem fs, Path root) throws IOException {
        Set<Path> dirs = new java.util.TreeSet<>();
        for (Path p : keyMaterialFiles(fs, root)) {
            dirs.add(p.getParent());
        }
        return List.copyOf(dirs);
    }

    private static Map<String, String> readMaterial(FileSystem fs, Path material) throws IOException {
        try (InputStream in = fs.open(material)) {
            JsonNode root = Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }
    }

    /** Whether any file under the directory is encrypted (has key material). */
    public static boolean anyEncrypted(FileSystem fs, Path dir) {
        try {
            return !keyMaterialFiles(fs, dir).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
