package io.salescope.ingest.parse;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a Spark task needs to type one entity's records: the header binding, the default zone
 * and the stage model's names.
 *
 * @param stageNames the stage model: lower-cased trimmed name to the model's spelling
 */
public record ParseSettings(HeaderBinding binding, String zoneId, Map<String, String> stageNames)
        implements Serializable {

    public ParseSettings {
        requireNonNull(binding, "binding is null");
        ZoneId.of(requireNonNull(zoneId, "zoneId is null"));
        stageNames = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(stageNames, "stageNames is null")));
    }
}
