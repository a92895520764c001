package io.stackpilot.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.kubernetes.crd.ServerStatus.ConditionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the reconcilers' tests share: the namespace {@value #NAMESPACE} with the demo project's clouds.yaml in the
 * Secret {@value #SECRET}, cloudRef logins against the engine's fake cloud, new objects' metadata, and their Ready
 * condition.
 */
final class ReconcilerFixtures {
    static final String NAMESPACE = "team-a";
    static final String SECRET = "demo-cloud";
    static final String CLOUD_AUTH_URL = "http://127.0.0.1:5000";
    static final String CLOUDS_YAML = """
            clouds:
              openstack:
                auth:
                  auth_url: http://127.0.0.1:5000/v3
                  username: demo
                  password: demo
                  project_name: demo
                  user_domain_name: Default
                  project_domain_name: Default
                region_name: RegionOne
            """;

    private ReconcilerFixtures() {
    }

    /** Puts the demo Secret into {@code secrets} and logs its cloudRefs in at the engine's fake cloud. */
    static CloudSessions cloudSessions(EngineHarness engine, FakeKubernetesObjects secrets) {
        secrets.putSecret(NAMESPACE, SECRET, "clouds.yaml", CLOUDS_YAML);
        return new CloudSessions(secrets, credentials -> {
            var issued = engine.cloud.authenticate(credentials);
            return new Session(issued.token(), issued.principal(), engine.cloud.LOCATION);
        }, CLOUD_AUTH_URL, engine.clock, Duration.ofSeconds(60));
    }

    /** Metadata of a new object at generation 1 ({@code namespace} null: cluster-scoped). */
    static ObjectMeta metadata(String name, String namespace, Instant created) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withGeneration(1L)
                .withUid("uid-" + name).withCreationTimestamp(created.toString()).build();
    }

    /** The Ready condition among {@code conditions}; fails when there is none. */
    static ConditionStatus ready(List<ConditionStatus> conditions) {
        ConditionStatus ready = Conditions.find(conditions);
        if (ready == null) {
            throw new AssertionError("no Ready condition in " + conditions);
        }
        return ready;
    }
}
