package io.stackpilot.core.network;

import io.stackpilot.core.identity.Session;
import java.util.List;
import java.util.Optional;

/**
 * A cloud's security groups (Neutron implements it). Thread-safe. As with floating IPs, an admin-role token sees
 * other projects' groups by id: {@link SecurityGroupService} checks the project of every group itself.
 */
public interface SecurityGroupGateway {

    /** The session project's groups with their rules (as the cloud filters them), all pages followed. Idempotent. */
    List<SecurityGroup> listSecurityGroups(Session session);

    /** Empty when it does not exist or is not visible. Idempotent. */
    Optional<SecurityGroup> findSecurityGroup(Session session, String id);

    /** Creates an empty group (the cloud adds its default egress rules). Not idempotent, never retried. */
    SecurityGroup createSecurityGroup(Session session, String name, String description);

    /**
     * Adds a rule to the group.
     *
     * @throws io.stackpilot.core.error.ConflictException when the group already has the same rule
     */
    SecurityGroupRule addRule(Session session, String groupId, SecurityGroupRuleSpec rule);

    /** @throws io.stackpilot.core.error.NotFoundException when the rule does not exist */
    void deleteRule(Session session, String ruleId);

    /**
     * @throws io.stackpilot.core.error.NotFoundException when the group does not exist
     * @throws io.stackpilot.core.error.ConflictException when a server still uses it
     */
    void deleteSecurityGroup(Session session, String id);
}
