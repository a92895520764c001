package io.stackpilot.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditRetention;
import io.stackpilot.core.idempotency.IdempotencyRepository;
import io.stackpilot.core.lease.LeaseRepository;
import io.stackpilot.core.managed.ManagedServerRepository;
import io.stackpilot.core.operation.OperationRepository;
import io.stackpilot.core.stats.StatsSampleRepository;
import io.stackpilot.persistence.audit.JdbiAuditLogRepository;
import io.stackpilot.persistence.db.ConnectionPools;
import io.stackpilot.persistence.db.EmbeddedPostgresServer;
import io.stackpilot.persistence.db.RepositoryJdbi;
import io.stackpilot.persistence.db.SchemaMigrator;
import io.stackpilot.persistence.idempotency.JdbiIdempotencyRepository;
import io.stackpilot.persistence.lease.JdbiLeaseRepository;
import io.stackpilot.persistence.managed.JdbiManagedServerRepository;
import io.stackpilot.persistence.operation.JdbiOperationRepository;
import io.stackpilot.persistence.stats.JdbiStatsSampleRepository;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;
import javax.sql.DataSource;
import io.stackpilot.core.preemption.PreemptionLock;
import io.stackpilot.core.preemption.PreemptionRepository;
import io.stackpilot.persistence.preemption.AdvisoryPreemptionLock;
import io.stackpilot.persistence.preemption.JdbiPreemptionRepository;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program's database: a connection pool, an up-to-date schema and the repositories over them. {@link #start}
 * starts an embedded PostgreSQL first when the settings name no URL. Thread-safe; close it once, at shutdown.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** How long a create waits for another one making room under the same key before it gives up. */
    private static final java.time.Duration PREEMPTION_LOCK_WAIT = java.time.Duration.ofMinutes(10);

    private final EmbeddedPostgresServer embedded;
    private final HikariDataSource dataSource;
    private final AuditLogRepository auditLog;
    private final StatsSampleRepository statsSamples;
    private final LeaseRepository leases;
    private final IdempotencyRepository idempotencyKeys;
    private final ManagedServerRepository managedServers;
    private final OperationRepository operations;
    private final io.stackpilot.core.schedule.ScheduleRepository schedules;
    private final io.stackpilot.core.flavor.ClusterLock clusterLock;
    private final PreemptionRepository preemptions;
    private final PreemptionLock preemptionLock;

    private Database(EmbeddedPostgresServer embedded, HikariDataSource dataSource) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        Jdbi jdbi = RepositoryJdbi.create(dataSource);
        this.auditLog = new JdbiAuditLogRepository(jdbi);
        this.statsSamples = new JdbiStatsSampleRepository(jdbi);
        this.leases = new JdbiLeaseRepository(jdbi);
        this.idempotencyKeys = new JdbiIdempotencyRepository(jdbi);
        this.managedServers = new JdbiManagedServerRepository(jdbi);
        this.operations = new JdbiOperationRepository(jdbi);
        this.schedules = new io.stackpilot.persistence.schedule.JdbiScheduleRepository(jdbi);
        this.clusterLock = new io.stackpilot.persistence.lock.AdvisoryLock(jdbi);
        this.preemptions = new JdbiPreemptionRepository(jdbi);
        this.preemptionLock = new AdvisoryPreemptionLock(jdbi, PREEMPTION_LOCK_WAIT);
    }

    /**
     * Starts the embedded server if needed, applies the changelog (waiting while another replica does) and opens
     * the pool. Throws {@link IllegalStateException} when the database cannot be reached or migrated; nothing is
     * left running then. An embedded server runs until {@link #close()} (not stopped by a JVM shutdown hook of its
     * own, so that the owner's shutdown can still write to it): close the database before the program exits.
     */
    public static Database start(DatabaseSettings settings) {
        long started = System.nanoTime();
        EmbeddedPostgresServer embedded = settings.isEmbedded()
                ? EmbeddedPostgresServer.start(settings.embeddedDataDirectory(), false) : null;
        try {
            String url = embedded != null ? embedded.jdbcUrl("postgres") : settings.url();
            String user = embedded != null ? embedded.user() : settings.user();
            String password = embedded != null ? embedded.password() : settings.password();
            migrate(url, user, password);
            HikariDataSource pool = ConnectionPools.open("stackpilot-db", url, user, password, settings.poolSize());
            Database database = new Database(embedded, pool);
            database.prepareAuditMonths();
            LOG.info("Database ready in {} ms ({})", (System.nanoTime() - started) / 1_000_000,
                    embedded != null ? "embedded PostgreSQL in " + embedded.dataDirectory() + " on port "
                            + embedded.port() : DatabaseSettings.maskedUrl(url));
            return database;
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    public AuditLogRepository auditLog() {
        return auditLog;
    }

    public StatsSampleRepository statsSamples() {
        return statsSamples;
    }

    public LeaseRepository leases() {
        return leases;
    }

    public IdempotencyRepository idempotencyKeys() {
        return idempotencyKeys;
    }

    public ManagedServerRepository managedServers() {
        return managedServers;
    }

    /** A lock shared by the replicas on this database (advisory lock), for work that must run once at a time. */
    public io.stackpilot.core.flavor.ClusterLock clusterLock() {
        return clusterLock;
    }

    public io.stackpilot.core.schedule.ScheduleRepository schedules() {
        return schedules;
    }

    public OperationRepository operations() {
        return operations;
    }

    public PreemptionRepository preemptions() {
        return preemptions;
    }

    /** Serializes preemption decisions across the replicas on this database (advisory locks). */
    public PreemptionLock preemptionLock() {
        return preemptionLock;
    }

    /** The pool, for health checks and tools; do not close it. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** True when a connection can be had and answers within two seconds. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Every replica prepares the audit log's months at start (the lease holder keeps them ahead afterwards), so a
     * fresh deployment writes into monthly partitions from its first request. Not fatal: until they exist, entries
     * go to the default partition and move into their month when it is created.
     */
    private void prepareAuditMonths() {
        Instant now = Instant.now();
        try {
            auditLog.prepareMonths(now, now.plus(AuditRetention.PREPARE_AHEAD));
        } catch (RuntimeException e) {
            LOG.warn("could not prepare the audit log's monthly partitions (the lease holder retries): {}",
                    e.toString());
        }
    }

    /** Closes the pool, then stops the embedded server if this database started one. */
    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    private static void migrate(String url, String user, String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "stackpilot-migration");
        long started = System.nanoTime();
        // A connection of its own, closed afterwards: the advisory lock it holds cannot leak into the pool.
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            SchemaMigrator.migrate(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the database for the schema migration: "
                    + e.getMessage(), e);
        }
        LOG.info("Database schema up to date in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
