package io.salus.core.compute;

import java.util.List;

/**
 * What a module emitted, in order: raw results, never released as such. A caller releases them only through the
 * release gate (differential privacy, suppression), which is not built yet.
 */
public record ModuleOutput(List<Double> values) {
    public ModuleOutput {
        values = List.copyOf(values);
    }
}
