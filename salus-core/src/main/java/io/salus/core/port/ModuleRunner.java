package io.salus.core.port;

import io.salus.core.compute.CohortView;
import io.salus.core.compute.ModuleOutput;
import io.salus.core.compute.SandboxLimits;
import io.salus.core.error.Result;

/**
 * Runs a consumer's WebAssembly module over a cohort view inside a sandbox. The module may import only the sandbox's
 * own functions (module {@code "salus"}: {@code rows() -> i32}, {@code columns() -> i32},
 * {@code value(row i32, column i32) -> f64}, {@code load(column i32, address i32)}: every row of a column copied
 * into the module's memory as little-endian f64, and {@code emit(f64)}) and must export {@code run: [] -> []}. Every failure
 * is a result with its code, never an exception: {@code SANDBOX_INVALID_MODULE}, {@code SANDBOX_IMPORT_REFUSED},
 * {@code SANDBOX_MEMORY_LIMIT}, {@code SANDBOX_TIMED_OUT}, {@code SANDBOX_OUTPUT_LIMIT}, {@code SANDBOX_TRAPPED},
 * {@code SANDBOX_READ_OUTSIDE_VIEW}. A failed run yields no output at all. Thread-safe.
 */
public interface ModuleRunner {

    Result<ModuleOutput> run(byte[] module, CohortView cohort, SandboxLimits limits);
}
