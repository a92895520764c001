package io.stackpilot.core.compute;

import io.stackpilot.core.common.Parallel;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.SecurityGroup;
import io.stackpilot.core.network.SecurityGroupService;
import java.util.ArrayList;
import java.util.List;

/**
 * A boot request's key pair must be the caller's user's and each security group (by name or id) one of the caller's
 * project; the two checks run in parallel and only when the request names any. Thread-safe.
 */
public final class OwnedBootReferences implements BootReferences {
    private final KeyPairService keyPairs;
    private final SecurityGroupService securityGroups;

    public OwnedBootReferences(KeyPairService keyPairs, SecurityGroupService securityGroups) {
        this.keyPairs = keyPairs;
        this.securityGroups = securityGroups;
    }

    @Override
    public List<FieldProblem> problems(Session session, BootRequest request) {
        Parallel.Two<List<FieldProblem>, List<FieldProblem>> checks = Parallel.join(
                () -> keyProblems(session, request.keyName()),
                () -> groupProblems(session, request.securityGroups()));
        List<FieldProblem> problems = new ArrayList<>(checks.first());
        problems.addAll(checks.second());
        return problems;
    }

    private List<FieldProblem> keyProblems(Session session, String keyName) {
        if (keyName == null) {
            return List.of();
        }
        try {
            keyPairs.get(session, keyName);
            return List.of();
        } catch (NotFoundException unknown) {
            return List.of(new FieldProblem("key_name", "unknown key pair " + keyName));
        }
    }

    private List<FieldProblem> groupProblems(Session session, List<String> wanted) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<SecurityGroup> own = securityGroups.list(session);
        List<String> unknown = wanted.stream().filter(name -> own.stream()
                .noneMatch(group -> group.id().equals(name) || group.name().equals(name))).toList();
        return unknown.isEmpty() ? List.of()
                : List.of(new FieldProblem("security_groups", "unknown security group " + String.join(", ", unknown)));
    }
}
