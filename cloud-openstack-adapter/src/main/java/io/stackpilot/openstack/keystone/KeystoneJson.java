package io.stackpilot.openstack.keystone;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Keystone v3's JSON, as far as we read it. Unknown fields are ignored. */
final class KeystoneJson {
    private KeystoneJson() {
    }

    record TokenEnvelope(Token token) {
    }

    record Token(UserJson user, ProjectJson project, DomainJson domain, List<NamedJson> roles,
                 @JsonProperty("expires_at") String expiresAt, List<CatalogEntry> catalog) {
    }

    record UserJson(String id, String name, DomainJson domain) {
    }

    record ProjectJson(String id, String name, DomainJson domain, @JsonProperty("domain_id") String domainId) {
    }

    record DomainJson(String id, String name) {
    }

    record NamedJson(String id, String name) {
    }

    record CatalogEntry(String type, String name, List<EndpointJson> endpoints) {
    }

    record EndpointJson(@JsonProperty("interface") String endpointInterface, @JsonProperty("region_id") String regionId,
                        String region, String url) {
    }

    record Links(String next) {
    }

    record ProjectsPage(List<ProjectJson> projects, Links links) {
    }

    record DomainsPage(List<DomainJson> domains, Links links) {
    }
}
