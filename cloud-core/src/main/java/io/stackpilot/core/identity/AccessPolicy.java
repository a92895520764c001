package io.stackpilot.core.identity;

import io.stackpilot.core.error.ForbiddenException;
import java.util.List;
import java.util.Locale;

/**
 * Which Keystone projects may use this Stackpilot. A project is allowed when its id, its name, or
 * {@code domain/project} (domain by id or name, project by id or name) is in the project list, or when its domain's
 * id or name is in the domain list. A bare project name matches that name in any domain; write
 * {@code domain/project} to pin it. Names compare case-insensitively, ids exactly. Fails closed: both lists empty
 * refuse to build unless {@link #allowAll()} is used. Only project-scoped tokens pass, whatever the lists say.
 * Immutable and thread-safe.
 */
public final class AccessPolicy {
    private final List<String> projects;
    private final List<String> domains;
    private final boolean allowAll;

    private AccessPolicy(List<String> projects, List<String> domains, boolean allowAll) {
        this.projects = List.copyOf(projects);
        this.domains = List.copyOf(domains);
        this.allowAll = allowAll;
    }

    /**
     * @throws IllegalArgumentException when both lists are empty (fail closed) or contain blank entries
     */
    public static AccessPolicy of(List<String> projects, List<String> domains) {
        if (projects.isEmpty() && domains.isEmpty()) {
            throw new IllegalArgumentException("no allowed projects or domains: refusing to allow everyone "
                    + "(set allowed projects/domains, or allow all projects explicitly)");
        }
        if (projects.stream().anyMatch(String::isBlank) || domains.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("allowed projects and domains must not contain blank entries");
        }
        return new AccessPolicy(projects, domains, false);
    }

    /** Every project-scoped token is allowed; only for deployments in front of a cloud that is all theirs. */
    public static AccessPolicy allowAll() {
        return new AccessPolicy(List.of(), List.of(), true);
    }

    /**
     * @throws ForbiddenException for unscoped and domain-scoped tokens, and for projects outside the lists
     */
    public ProjectRef check(Principal principal) {
        ProjectRef project = principal.scopedProject().orElseThrow(() -> new ForbiddenException(
                principal.scopedDomain().isPresent()
                        ? "domain-scoped tokens cannot be used here; log in with a token scoped to a project"
                        : "unscoped tokens cannot be used here; log in with a token scoped to a project"));
        if (!allows(project)) {
            throw new ForbiddenException("project " + project.name() + " (domain " + project.domain().name()
                    + ") is not allowed to use this service");
        }
        return project;
    }

    public boolean allows(ProjectRef project) {
        if (allowAll) {
            return true;
        }
        DomainRef domain = project.domain();
        for (String entry : domains) {
            if (entry.equals(domain.id()) || sameName(entry, domain.name())) {
                return true;
            }
        }
        for (String entry : projects) {
            int slash = entry.indexOf('/');
            if (slash < 0) {
                if (entry.equals(project.id()) || sameName(entry, project.name())) {
                    return true;
                }
            } else {
                String domainPart = entry.substring(0, slash);
                String projectPart = entry.substring(slash + 1);
                boolean domainMatches = domainPart.equals(domain.id()) || sameName(domainPart, domain.name());
                boolean projectMatches = projectPart.equals(project.id()) || sameName(projectPart, project.name());
                if (domainMatches && projectMatches) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameName(String entry, String name) {
        return entry.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return allowAll ? "AccessPolicy[allow all projects]"
                : "AccessPolicy[projects=" + projects + ", domains=" + domains + "]";
    }
}
