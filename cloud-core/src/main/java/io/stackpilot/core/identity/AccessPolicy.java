package io.stackpilot.core.identity;

import io.stackpilot.core.error.ForbiddenException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which Keystone projects may use this Stackpilot. Every comparison is exact (case-sensitive, as Keystone stores
 * ids and names), and no entry may be a placeholder such as {@code CHANGE-ME}. Project entries:
 * <ul>
 * <li>{@code domain/project}: the project with that name in that domain (domain by name or id). A name is unique
 * only within its domain, so this is the way to name a project of any domain.</li>
 * <li>a bare entry: the project with that id, or the project with that name in the {@code Default} domain (id
 * {@value #DEFAULT_DOMAIN_ID}) only. A bare name is never matched in another domain, where anyone allowed to create
 * projects could otherwise name one after an allowed id or name.</li>
 * </ul>
 * Domain entries: the domain with that id or that name (domain names are unique, and only the cloud's admin
 * creates domains). Fails closed: both lists empty refuse to build unless {@link #allowAll()} is used. Only
 * project-scoped tokens pass, whatever the lists say. Immutable and thread-safe.
 */
public final class AccessPolicy {
    /** Keystone's id of the domain named {@code Default}, where bare project names are looked up. */
    public static final String DEFAULT_DOMAIN_ID = "default";
    private static final String PLACEHOLDER = "change-me";

    private final List<String> projects;
    private final List<String> domains;
    private final boolean allowAll;

    private AccessPolicy(List<String> projects, List<String> domains, boolean allowAll) {
        this.projects = List.copyOf(projects);
        this.domains = List.copyOf(domains);
        this.allowAll = allowAll;
    }

    /**
     * @throws IllegalArgumentException when both lists are empty (fail closed), or an entry is blank, malformed
     *                                  ({@code /project}, {@code domain/}) or a placeholder
     */
    public static AccessPolicy of(List<String> projects, List<String> domains) {
        if (projects.isEmpty() && domains.isEmpty()) {
            throw new IllegalArgumentException("no allowed projects or domains: refusing to allow everyone "
                    + "(set allowed projects/domains, or allow all projects explicitly)");
        }
        if (projects.stream().anyMatch(String::isBlank) || domains.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("allowed projects and domains must not contain blank entries");
        }
        placeholderIn(Stream.concat(projects.stream(), domains.stream()).toList()).ifPresent(entry -> {
            throw new IllegalArgumentException("allowed projects and domains contain the placeholder " + entry
                    + ": replace it with real project ids, domain/project names or domains");
        });
        for (String entry : projects) {
            int slash = entry.indexOf('/');
            if (slash == 0 || slash == entry.length() - 1) {
                throw new IllegalArgumentException("allowed project " + entry + " must be an id, a name in the "
                        + "Default domain, or domain/project");
            }
        }
        return new AccessPolicy(projects, domains, false);
    }

    /** The first entry that is a placeholder left from a template ({@code CHANGE-ME}, any case), if any. */
    public static Optional<String> placeholderIn(List<String> entries) {
        return entries.stream().filter(entry -> entry.toLowerCase(Locale.ROOT).contains(PLACEHOLDER)).findFirst();
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
        if (domains.stream().anyMatch(entry -> isDomain(entry, domain))) {
            return true;
        }
        for (String entry : projects) {
            int slash = entry.indexOf('/');
            boolean matches = slash < 0
                    ? entry.equals(project.id())
                            || DEFAULT_DOMAIN_ID.equals(domain.id()) && entry.equals(project.name())
                    : isDomain(entry.substring(0, slash), domain) && entry.substring(slash + 1).equals(project.name());
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDomain(String entry, DomainRef domain) {
        return entry.equals(domain.id()) || entry.equals(domain.name());
    }

    @Override
    public String toString() {
        return allowAll ? "AccessPolicy[allow all projects]"
                : "AccessPolicy[projects=" + projects + ", domains=" + domains + "]";
    }
}
