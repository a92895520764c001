package io.stackpilot.core.flavor;

import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.error.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flavor the server creates at start ({@code STACKPILOT_INIT_FLAVORS}): a name and vCPUs, RAM in MiB, disk in GiB.
 * Written {@code name=vcpus:ramMb:diskGb}, several separated by commas; {@code true} means {@link #DEFAULTS}.
 */
public record FlavorShape(String name, int vcpus, int ramMb, int diskGb) {
    public static final String DEFAULTS = "standard=1:2048:20,large=4:8192:40";
    private static final Pattern ONE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,63})=(\\d{1,4}):(\\d{1,7}):(\\d{1,5})");

    public FlavorShape {
        if (name == null || name.isBlank() || vcpus < 1 || ramMb < 1 || diskGb < 0) {
            throw new IllegalArgumentException("a flavor shape needs a name, vcpus >= 1, ram >= 1 and disk >= 0");
        }
    }

    /** True when the flavor has this shape (vCPUs, RAM and disk; the name is compared by the caller). */
    public boolean matches(Flavor flavor) {
        return flavor.vcpus() == vcpus && flavor.ramMb() == ramMb && flavor.diskGb() == diskGb;
    }

    public String describe() {
        return vcpus + " vCPU, " + ramMb + " MiB RAM, " + diskGb + " GiB disk";
    }

    /**
     * The shapes of a {@code STACKPILOT_INIT_FLAVORS} value: empty for unset, blank or {@code false}; the defaults
     * for {@code true}. Every malformed entry and repeated name is added to {@code problems} under {@code variable}.
     */
    public static List<FlavorShape> parseAll(String value, String variable, List<FieldProblem> problems) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
            return List.of();
        }
        String spec = value.trim().equalsIgnoreCase("true") ? DEFAULTS : value;
        List<FlavorShape> shapes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String entry : spec.split(",")) {
            Matcher matcher = ONE.matcher(entry.trim());
            if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < 1 || Integer.parseInt(matcher.group(3)) < 1) {
                problems.add(new FieldProblem(variable, "\"" + entry.trim() + "\" is not name=vcpus:ram_mib:disk_gib "
                        + "(e.g. " + DEFAULTS + ", or true for that)"));
                continue;
            }
            if (!names.add(matcher.group(1))) {
                problems.add(new FieldProblem(variable, "flavor " + matcher.group(1) + " is named twice"));
                continue;
            }
            shapes.add(new FlavorShape(matcher.group(1), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4))));
        }
        return shapes;
    }
}
