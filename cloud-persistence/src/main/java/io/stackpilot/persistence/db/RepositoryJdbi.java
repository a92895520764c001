package io.stackpilot.persistence.db;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Creates the {@link Jdbi} instance the repositories share, configured for their SQL Objects and column types. */
public final class RepositoryJdbi {
    private RepositoryJdbi() {
    }

    /**
     * A Jdbi over the data source with SQL Objects installed, {@code text[]} columns bound and read as string
     * lists, and {@link Instant} bound and read as {@code timestamptz} in UTC, independent of the JVM's time zone.
     * Instants are truncated to microseconds when bound (PostgreSQL's precision; the driver would round), so a
     * stored instant reads back as {@code instant.truncatedTo(MICROS)}. Thread-safe, like every Jdbi.
     */
    public static Jdbi create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArrayType(String.class, "text");
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (resultSet, column, context) -> {
            OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        });
        return jdbi;
    }

    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, context) -> statement.setObject(position,
                    value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        }
    }
}
