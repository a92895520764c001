package io.stackpilot.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.identity.PasswordCredentials;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The adapter half of the first vertical slice (issue 2): what {@code GET /api/v1/flavors} does with a caller's
 * {@code X-Auth-Token}: validate it with the service account, then list flavors with the caller's own token.
 */
class FlavorsSliceLabIT {

    @Test
    void lists_the_lab_flavors_for_a_callers_token_validated_by_the_service_account() {
        try (OpenStackCloud cloud = Lab.connect("lab-admin", UpstreamObserver.NONE)) {
            String callersToken = cloud.identity().authenticate(new PasswordCredentials("demo-reader", "demo",
                    "Default", "demo", "Default")).token();

            Principal caller = cloud.identity().validate(callersToken);
            Session session = new Session(callersToken, caller, cloud.location());
            List<Flavor> flavors = cloud.compute().listFlavors(session);

            assertThat(caller.hasRole("reader")).isTrue();
            assertThat(flavors).extracting(Flavor::id, Flavor::name).contains(
                    org.assertj.core.groups.Tuple.tuple("1", "m1.tiny"), org.assertj.core.groups.Tuple.tuple("2",
                            "m1.small"), org.assertj.core.groups.Tuple.tuple("3", "m1.medium"),
                    org.assertj.core.groups.Tuple.tuple("4", "m1.large"));
            assertThat(flavors).allSatisfy(flavor -> assertThat(flavor.location()).isEqualTo(cloud.location()));
            assertThat(session.trace().requestIds()).singleElement().asString().startsWith("req-");
        }
    }
}
