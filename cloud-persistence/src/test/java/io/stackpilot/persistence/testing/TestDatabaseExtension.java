package io.stackpilot.persistence.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a fresh migrated database on a server, dropped after the class. Register it on a static
 * field: {@code @RegisterExtension static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();}
 */
public final class TestDatabaseExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<TestServer> server;
    private TestDatabase database;

    private TestDatabaseExtension(Supplier<TestServer> server) {
        this.server = server;
    }

    public static TestDatabaseExtension embedded() {
        return new TestDatabaseExtension(TestDatabases::embedded);
    }

    /** On the server of {@link TestDatabases#EXTERNAL_URL_VARIABLE}; guard the class with a condition on it. */
    public static TestDatabaseExtension external() {
        return new TestDatabaseExtension(() -> TestDatabases.external().orElseThrow(
                () -> new IllegalStateException(TestDatabases.EXTERNAL_URL_VARIABLE + " is not set")));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database = server.get().createMigratedDatabase();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    public TestDatabase database() {
        return database;
    }
}
