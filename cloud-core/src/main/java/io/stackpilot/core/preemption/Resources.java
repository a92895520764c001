package io.stackpilot.core.preemption;

/** Amounts of the three resources preemption frees: instances, vCPUs and RAM. Never negative. */
public record Resources(long instances, long vcpus, long ramMb) {
    public static final Resources NONE = new Resources(0, 0, 0);

    public Resources {
        if (instances < 0 || vcpus < 0 || ramMb < 0) {
            throw new IllegalArgumentException("resources must not be negative");
        }
    }

    public boolean isNone() {
        return instances == 0 && vcpus == 0 && ramMb == 0;
    }

    /** What is left of this need once {@code freed} is there (each amount at least 0). */
    public Resources minus(Resources freed) {
        return new Resources(Math.max(0, instances - freed.instances), Math.max(0, vcpus - freed.vcpus),
                Math.max(0, ramMb - freed.ramMb));
    }

    public Resources plus(Resources other) {
        return new Resources(instances + other.instances, vcpus + other.vcpus, ramMb + other.ramMb);
    }

    /** Whether these amounts cover {@code need} in every resource. */
    public boolean covers(Resources need) {
        return instances >= need.instances && vcpus >= need.vcpus && ramMb >= need.ramMb;
    }

    @Override
    public String toString() {
        return instances + " instance(s), " + vcpus + " vCPU(s), " + ramMb + " MB RAM";
    }
}
