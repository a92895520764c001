package io.stackpilot.core.network;

import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/** A security group to create: a name, a description (may be empty) and the rules it starts with (may be none). */
public record NewSecurityGroup(String name, String description, List<SecurityGroupRuleSpec> rules) {
    /** Neutron's limit on names and descriptions. */
    public static final int MAX_NAME_LENGTH = 255;

    public NewSecurityGroup {
        description = description == null ? "" : description;
        rules = rules == null ? List.of() : List.copyOf(rules);
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        } else if (name.equals("default")) {
            problems.add(new FieldProblem("name", "must not be default (the cloud's own group of every project)"));
        }
        if (description.length() > MAX_NAME_LENGTH) {
            problems.add(new FieldProblem("description", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
