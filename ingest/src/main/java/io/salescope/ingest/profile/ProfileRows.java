package io.salescope.ingest.profile;

import io.salescope.ingest.source.RecordCursor;
import io.salescope.ingest.source.SourceRecord;
import io.salescope.ingest.source.SourceSplit;
import io.salescope.ingest.source.SplitOpener;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rows written in a profile (a stage model) as one split of crm-export-v1 records: each
 * record's line is its line in the profile.
 */
final class ProfileRows {

    private ProfileRows() {
    }

    /** The columns the rows name, in order of first appearance. */
    static List<String> header(List<PartSpec.Row> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.values().keySet()));
        return List.copyOf(names);
    }

    static Split split(List<PartSpec.Row> rows) {
        List<String> header = header(rows);
        List<String[]> values = new ArrayList<>();
        long[] lines = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            PartSpec.Row row = rows.get(i);
            String[] v = new String[header.size()];
            for (int c = 0; c < header.size(); c++) {
                v[c] = row.values().get(header.get(c));
            }
            values.add(v);
            lines[i] = row.line();
        }
        return new Split(values, lines);
    }

    record Split(List<String[]> rows, long[] lines) implements SourceSplit {
        @Override
        public int index() {
            return 0;
        }

        @Override
        public long records() {
            return rows.size();
        }
    }

    static final class Opener implements SplitOpener {
        @Override
        public RecordCursor open(SourceSplit split) {
            Split s = (Split) split;
            TextRecord record = new TextRecord();
            return new RecordCursor() {
                private int next;

                @Override
                public boolean next() {
                    if (next >= s.rows().size()) {
                        return false;
                    }
                    String[] v = s.rows().get(next);
                    record.set(v, s.lines()[next], String.join(",", java.util.Arrays.stream(v)
                            .map(x -> x == null ? "" : x).toList()), null, SourceRecord.Disposition.DATA);
                    next++;
                    return true;
                }

                @Override
                public SourceRecord record() {
                    return record;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
