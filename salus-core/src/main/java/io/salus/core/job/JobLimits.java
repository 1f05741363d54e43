package io.salus.core.job;

import java.time.Duration;
import java.util.Objects;

/**
 * The node's limits on jobs: the longest deadline a module run may ask for (and have by default), the largest module,
 * the module's memory in 64 KiB pages, the most values one run may emit before it is stopped (above the declared
 * outputs, so a module returning rows is seen and refused at the gate), and the most blocks a module job is split in.
 */
public record JobLimits(Duration maxDeadline, int maxModuleBytes, int memoryPages, int maxEmitted, int maxBlocks) {
    public static final JobLimits DEFAULT = new JobLimits(Duration.ofSeconds(30), 1 << 19, 256, 1_000, 50);

    public JobLimits {
        Objects.requireNonNull(maxDeadline, "maxDeadline");
        if (maxModuleBytes <= 0 || memoryPages <= 0 || maxEmitted <= JobPlan.MAX_COLUMNS || maxBlocks <= 0) {
            throw new IllegalArgumentException("job limits must be positive, maxEmitted above the declared outputs");
        }
    }
}
