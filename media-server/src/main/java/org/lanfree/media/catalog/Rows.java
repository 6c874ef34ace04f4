package org.lanfree.media.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.NullArgument;
import org.jdbi.v3.core.argument.ObjectArgument;

/**
 * Reading and binding the column types both databases share. Times are bound as
 * {@code OffsetDateTime} in UTC, truncated to microseconds (PostgreSQL's precision), so a value
 * read back equals the value written on H2 and PostgreSQL alike.
 */
final class Rows {

    private Rows() {
    }

    static Argument at(Instant instant) {
        return instant == null
                ? new NullArgument(Types.TIMESTAMP_WITH_TIMEZONE)
                : ObjectArgument.of(OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static <E extends Enum<E>> E code(ResultSet rs, String column, Class<E> type) throws SQLException {
        return Codes.parse(type, rs.getString(column));
    }
}
