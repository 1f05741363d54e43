package io.salus.core.compute;

import java.time.Duration;
import java.util.Objects;

/**
 * What a consumer's module may use while it runs in the sandbox: at most {@code maxMemoryPages} pages of 64 KiB of
 * linear memory (its declared start included; growth beyond the cap fails as WebAssembly specifies), at most
 * {@code deadline} of wall-clock time from the start of the run (compilation and instantiation included), at most
 * {@code maxOutputs} emitted values, and a module of at most {@code maxModuleBytes} bytes.
 */
public record SandboxLimits(int maxMemoryPages, Duration deadline, int maxOutputs, int maxModuleBytes) {
    /** WebAssembly's own ceiling for a 32-bit memory: 4 GiB. */
    public static final int MAX_PAGES = 65_536;

    public SandboxLimits {
        Objects.requireNonNull(deadline, "deadline");
        if (maxMemoryPages < 0 || maxMemoryPages > MAX_PAGES) {
            throw new IllegalArgumentException("maxMemoryPages must be in [0, " + MAX_PAGES + "]");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline must be positive");
        }
        if (maxOutputs < 0 || maxModuleBytes <= 0) {
            throw new IllegalArgumentException("maxOutputs must be >= 0 and maxModuleBytes > 0");
        }
    }

    /** Bytes of linear memory the cap allows. */
    public long maxMemoryBytes() {
        return maxMemoryPages * 65_536L;
    }
}
