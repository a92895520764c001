package io.stackpilot.persistence.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the HikariCP pools the repositories use. */
public final class ConnectionPools {
    private ConnectionPools() {
    }

    /** A pool with the {@link DatabaseTimeouts#DEFAULTS}; see {@link #open(String, String, String, String, int,
     * DatabaseTimeouts)}. */
    public static HikariDataSource open(String name, String jdbcUrl, String user, String password, int size) {
        return open(name, jdbcUrl, user, password, size, DatabaseTimeouts.DEFAULTS);
    }

    /**
     * A pool of at most {@code size} connections to the URL whose every call is bounded by {@code timeouts}. The
     * pool does not connect before its first use, so a database that is down at start makes the first call fail
     * rather than the constructor.
     */
    public static HikariDataSource open(String name, String jdbcUrl, String user, String password, int size,
                                        DatabaseTimeouts timeouts) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(timeouts.connect().toMillis());
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "stackpilot");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("connectTimeout", Long.toString(timeouts.connect().toSeconds()));
        config.addDataSourceProperty("socketTimeout", Long.toString(timeouts.socket().toSeconds()));
        config.addDataSourceProperty("options", "-c statement_timeout=" + timeouts.statement().toMillis());
        return new HikariDataSource(config);
    }
}
