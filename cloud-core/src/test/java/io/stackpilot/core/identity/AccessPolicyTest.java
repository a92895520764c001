package io.stackpilot.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.testing.TestData;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    @Test
    void refuses_to_build_with_both_lists_empty() {
        assertThatThrownBy(() -> AccessPolicy.of(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no allowed projects");
    }

    @Test
    void allows_projects_by_id_by_name_in_the_default_domain_or_by_domain_slash_name() {
        assertThat(AccessPolicy.of(List.of("demo-project-id"), List.of()).allows(TestData.DEMO)).isTrue();
        assertThat(AccessPolicy.of(List.of("demo"), List.of()).allows(TestData.DEMO)).isTrue();
        assertThat(AccessPolicy.of(List.of("Default/demo"), List.of()).allows(TestData.DEMO)).isTrue();
        assertThat(AccessPolicy.of(List.of("default/demo"), List.of()).allows(TestData.DEMO)).isTrue();
        assertThat(AccessPolicy.of(List.of("partner/partner-a"), List.of()).allows(TestData.PARTNER_A)).isTrue();
        assertThat(AccessPolicy.of(List.of("partner/demo"), List.of()).allows(TestData.DEMO)).isFalse();
        assertThat(AccessPolicy.of(List.of("demo"), List.of()).allows(TestData.ALT_DEMO)).isFalse();
    }

    @Test
    void an_allowed_id_is_not_satisfied_by_a_project_named_that_id_in_another_domain() {
        ProjectRef impostor = new ProjectRef("impostor-id", "demo-project-id", TestData.PARTNER_DOMAIN);
        assertThat(AccessPolicy.of(List.of("demo-project-id"), List.of()).allows(impostor)).isFalse();
    }

    @Test
    void a_bare_name_matches_only_in_the_default_domain() {
        ProjectRef namesake = new ProjectRef("namesake-id", "demo", TestData.PARTNER_DOMAIN);
        assertThat(AccessPolicy.of(List.of("demo"), List.of()).allows(namesake)).isFalse();
        assertThat(AccessPolicy.of(List.of("partner-a"), List.of()).allows(TestData.PARTNER_A)).isFalse();
    }

    @Test
    void names_and_ids_compare_exactly_as_keystone_stores_them() {
        assertThat(AccessPolicy.of(List.of("Demo"), List.of()).allows(TestData.DEMO)).isFalse();
        assertThat(AccessPolicy.of(List.of("DEFAULT/demo"), List.of()).allows(TestData.DEMO)).isFalse();
        assertThat(AccessPolicy.of(List.of("DEMO-PROJECT-ID"), List.of()).allows(TestData.DEMO)).isFalse();
        assertThat(AccessPolicy.of(List.of(), List.of("PARTNER")).allows(TestData.PARTNER_A)).isFalse();
    }

    @Test
    void refuses_the_change_me_placeholder_in_any_case_and_position() {
        for (List<String> projects : List.of(List.of("CHANGE-ME"), List.of("demo", "change-me"),
                List.of("Default/Change-Me"))) {
            assertThatThrownBy(() -> AccessPolicy.of(projects, List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("placeholder");
        }
        assertThatThrownBy(() -> AccessPolicy.of(List.of(), List.of("CHANGE-ME")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("placeholder");
    }

    @Test
    void refuses_a_domain_slash_project_entry_with_an_empty_side() {
        for (String entry : List.of("/demo", "Default/")) {
            assertThatThrownBy(() -> AccessPolicy.of(List.of(entry), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain/project");
        }
    }

    @Test
    void allows_every_project_of_an_allowed_domain() {
        AccessPolicy policy = AccessPolicy.of(List.of(), List.of("partner"));
        assertThat(policy.allows(TestData.PARTNER_A)).isTrue();
        assertThat(policy.allows(TestData.DEMO)).isFalse();
        assertThat(AccessPolicy.of(List.of(), List.of("default")).allows(TestData.DEMO)).isTrue();
    }

    @Test
    void rejects_token_scoped_to_a_project_outside_the_allowlist() {
        AccessPolicy policy = AccessPolicy.of(List.of("demo", "alt-demo"), List.of());
        assertThat(policy.check(TestData.demo())).isEqualTo(TestData.DEMO);
        assertThatThrownBy(() -> policy.check(TestData.partner()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("partner-a");
    }

    @Test
    void rejects_unscoped_and_domain_scoped_tokens_even_when_all_projects_are_allowed() {
        UserRef user = TestData.demo().user();
        Principal unscoped = new Principal(user, null, null, Set.of(), TestData.TOKEN_EXPIRY);
        Principal domainScoped = new Principal(user, null, TestData.DEFAULT_DOMAIN, Set.of(), TestData.TOKEN_EXPIRY);
        assertThatThrownBy(() -> AccessPolicy.allowAll().check(unscoped))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("unscoped");
        assertThatThrownBy(() -> AccessPolicy.allowAll().check(domainScoped))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("domain-scoped");
        assertThat(AccessPolicy.allowAll().check(TestData.partner())).isEqualTo(TestData.PARTNER_A);
    }
}
