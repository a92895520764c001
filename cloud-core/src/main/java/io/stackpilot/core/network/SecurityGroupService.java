package io.stackpilot.core.network;

import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import java.util.List;

/**
 * The caller's security groups: list, show, create with rules, add and delete a rule, delete. Every group returned
 * or changed belongs to the session's project; another project's is reported exactly like a missing one. Thread-safe.
 */
public final class SecurityGroupService {
    private final SecurityGroupGateway groups;

    public SecurityGroupService(SecurityGroupGateway groups) {
        this.groups = groups;
    }

    public List<SecurityGroup> list(Session session) {
        return groups.listSecurityGroups(session).stream().filter(group -> owned(session, group)).toList();
    }

    /** @throws NotFoundException when it does not exist or belongs to another project */
    public SecurityGroup get(Session session, String id) {
        return groups.findSecurityGroup(session, id).filter(group -> owned(session, group))
                .orElseThrow(() -> new NotFoundException("security group", id));
    }

    /**
     * Creates the group, then its rules one by one. When a rule is refused the group is deleted again, so that a
     * failed create leaves nothing behind, and the refusal is thrown.
     */
    public SecurityGroup create(Session session, NewSecurityGroup spec) {
        SecurityGroup created = groups.createSecurityGroup(session, spec.name(), spec.description());
        try {
            for (SecurityGroupRuleSpec rule : spec.rules()) {
                groups.addRule(session, created.id(), rule);
            }
        } catch (RuntimeException refused) {
            try {
                groups.deleteSecurityGroup(session, created.id());
            } catch (RuntimeException cleanupFailed) {
                refused.addSuppressed(cleanupFailed);
            }
            throw refused;
        }
        return spec.rules().isEmpty() ? created : get(session, created.id());
    }

    /** @throws NotFoundException when the group does not exist or belongs to another project */
    public SecurityGroupRule addRule(Session session, String groupId, SecurityGroupRuleSpec rule) {
        return groups.addRule(session, get(session, groupId).id(), rule);
    }

    /** @throws NotFoundException when the group is not the caller's or the rule is not one of its rules */
    public void deleteRule(Session session, String groupId, String ruleId) {
        SecurityGroup group = get(session, groupId);
        if (group.rules().stream().noneMatch(rule -> rule.id().equals(ruleId))) {
            throw new NotFoundException("security group rule", ruleId);
        }
        groups.deleteRule(session, ruleId);
    }

    /** @throws NotFoundException when it does not exist or belongs to another project */
    public void delete(Session session, String id) {
        groups.deleteSecurityGroup(session, get(session, id).id());
    }

    private static boolean owned(Session session, SecurityGroup group) {
        return session.project().id().equals(group.projectId());
    }
}
