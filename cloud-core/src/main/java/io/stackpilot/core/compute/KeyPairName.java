package io.stackpilot.core.compute;

import io.stackpilot.core.error.FieldProblem;
import java.util.Optional;
import java.util.regex.Pattern;

/** The names Nova accepts for key pairs: 1 to 255 of letters, digits, space, {@code _ - .} and {@code @}. */
public final class KeyPairName {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 _.@-]{1,255}");

    private KeyPairName() {
    }

    /** The problem with the name, if any, under the field name given. */
    public static Optional<FieldProblem> problem(String field, String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(new FieldProblem(field, "is required"));
        }
        if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            return Optional.of(new FieldProblem(field,
                    "must be 1 to 255 letters, digits, spaces or _ - . @ (and not . or ..)"));
        }
        return Optional.empty();
    }
}
