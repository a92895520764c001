package io.stackpilot.server.lab;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One daemon per test JVM for the lab tests that need the same one ({@code @ExtendWith(SharedLabDaemon.class)} and a
 * {@link RealServer} parameter of {@code @BeforeAll}): the lab's service account, the projects demo and alt-demo
 * allowed, no login rate limit (several users log in within seconds from 127.0.0.1; the limiter has tests of its
 * own). Started by the first class that asks, on its own fresh database, and closed when JUnit closes the launcher
 * session's store at the end of the JVM's run. So a test must not stop it, nor rely on being the daemon's only
 * client (each names its servers and keys with its own prefix); a test that needs other settings starts a
 * {@link RealServer} of its own.
 */
final class SharedLabDaemon implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedLabDaemon.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The launcher session spans every test class a Surefire/Failsafe fork runs (one execution request each).
        return context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
                .computeIfAbsent(RealServer.class, key -> start(), RealServer.class);
    }

    private static RealServer start() {
        Map<String, String> env = new HashMap<>(Lab.serviceAccount());
        env.put("STACKPILOT_ALLOWED_PROJECTS", "demo,alt-demo");
        env.put("STACKPILOT_LOGIN_RATE_LIMIT", "off");
        return RealServer.start(env, Duration.ofSeconds(60));
    }
}
