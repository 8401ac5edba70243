package io.salescope.bot.ops;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants in and out of TIMESTAMPTZ columns as {@link OffsetDateTime} in UTC, so neither the
 * JVM's nor DuckDB's session time zone can shift them.
 */
final class OpsTime {

    private OpsTime() {
    }

    static void bind(PreparedStatement ps, int index, Instant at) throws SQLException {
        ps.setObject(index, at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    static Instant read(ResultSet rs, int index) throws SQLException {
        OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
