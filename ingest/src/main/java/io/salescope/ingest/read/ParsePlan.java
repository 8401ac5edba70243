package io.salescope.ingest.read;

import io.salescope.ingest.parse.ParseSettings;
import io.salescope.ingest.source.SourceSplit;
import io.salescope.ingest.source.SplitOpener;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Everything {@link ParsedRecordsSource} needs to read and type one export entity: how to
 * type its records, its splits and how to open them. Travels to Spark as a data source option.
 */
public record ParsePlan(ParseSettings settings, List<SourceSplit> splits, SplitOpener opener, long records, long bytes)
        implements Serializable {

    public ParsePlan {
        requireNonNull(settings, "settings is null");
        splits = new ArrayList<>(splits);
        requireNonNull(opener, "opener is null");
    }

    public String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    public static ParsePlan decode(String encoded) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            return (ParsePlan) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
