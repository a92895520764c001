package io.stackpilot.server.http;

import io.stackpilot.core.identity.DomainRef;
import io.stackpilot.core.identity.IssuedToken;
import io.stackpilot.core.identity.Principal;
import java.time.Instant;
import java.util.List;

/** The answer to a login: the token (the only place the API ever shows one) and whom it identifies. */
record TokenJson(String token, Instant expiresAt, Named user, Named project, List<String> roles) {

    record Domain(String id, String name) {
        static Domain of(DomainRef d) {
            return new Domain(d.id(), d.name());
        }
    }

    record Named(String id, String name, Domain domain) {
    }

    static TokenJson of(IssuedToken issued) {
        Principal p = issued.principal();
        Named project = p.scopedProject().map(pr -> new Named(pr.id(), pr.name(), Domain.of(pr.domain()))).orElse(null);
        return new TokenJson(issued.token(), p.expiresAt(),
                new Named(p.user().id(), p.user().name(), Domain.of(p.user().domain())), project,
                p.roles().stream().sorted().toList());
    }

    @Override
    public String toString() {
        return "TokenJson[token=***, expiresAt=" + expiresAt + ", user=" + user + ", project=" + project + "]";
    }
}
