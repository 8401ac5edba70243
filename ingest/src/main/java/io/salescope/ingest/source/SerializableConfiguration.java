package io.salescope.ingest.source;

import org.apache.hadoop.conf.Configuration;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Hadoop configuration that travels to Spark tasks (file system settings, credentials): only
 * the settings that differ from Hadoop's defaults travel, and each task JVM builds the
 * configuration once per distinct set.
 */
public final class SerializableConfiguration implements Serializable {

    private static final Map<Map<String, String>, Configuration> BUILT = new ConcurrentHashMap<>();

    private final TreeMap<String, String> overrides = new TreeMap<>();

    public SerializableConfiguration(Configuration conf) {
        Configuration defaults = new Configuration();
        for (Map.Entry<String, String> e : conf) {
            String value = conf.getRaw(e.getKey());
            if (value != null && !value.equals(defaults.getRaw(e.getKey()))) {
                overrides.put(e.getKey(), value);
            }
        }
    }

    public Configuration value() {
        return BUILT.computeIfAbsent(overrides, o -> {
            Configuration conf = new Configuration();
            o.forEach(conf::set);
            return conf;
        });
    }
}
