package io.stackpilot.persistence.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.stackpilot.persistence.DatabaseSettings;
import io.stackpilot.persistence.db.ConnectionPools;
import io.stackpilot.persistence.db.RepositoryJdbi;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** A database of one test class; {@link #close()} closes its pools and drops it. Thread-safe. */
public final class TestDatabase implements AutoCloseable {
    private final TestServer server;
    private final String name;
    private final String jdbcUrl;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private Jdbi jdbi;

    TestDatabase(TestServer server, String name, String jdbcUrl) {
        this.server = server;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public TestServer server() {
        return server;
    }

    /** Settings that make {@code Database.start} use this database. */
    public DatabaseSettings settings(int poolSize) {
        return DatabaseSettings.external(jdbcUrl, null, null, poolSize);
    }

    /** A separate pool (like another replica's); closed with the database. */
    public synchronized HikariDataSource openPool(int size) {
        HikariDataSource pool = ConnectionPools.open(name + "-" + pools.size(), jdbcUrl, null, null, size);
        pools.add(pool);
        return pool;
    }

    /** A Jdbi over a shared pool of four connections. */
    public synchronized Jdbi jdbi() {
        if (jdbi == null) {
            jdbi = RepositoryJdbi.create(openPool(4));
        }
        return jdbi;
    }

    /** Empties every table of the schema (not Liquibase's own). */
    public void truncateAllTables() {
        jdbi().useHandle(handle -> handle.execute(
                "TRUNCATE api_request, server_count_sample, lease, idempotency_key, managed_server,"
                        + " managed_server_event, operation, location_pause, schedule, schedule_run, preemption"));
    }

    @Override
    public synchronized void close() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        server.drop(name);
    }
}
