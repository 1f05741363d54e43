package io.salus.compute.sandbox.internal;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Parsed and compiled modules by the SHA-256 of their bytes, the {@value #CAPACITY} most recently used kept. A module
 * run again (the same job over another cohort, a benchmark) reuses its JVM classes, which the JIT has already
 * optimised; compiling anew each run costs a few milliseconds and, worse, starts every run with cold code. Nothing
 * of a run is cached: each run gets a new instance with its own memory. Thread-safe.
 */
public final class CompiledModules {
    static final int CAPACITY = 16;
    private final Map<String, Compiled> cache = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
            return size() > CAPACITY;
        }
    };

    /** A parsed module and the factory of its compiled machine (which accepts instances of that module only). */
    public record Compiled(WasmModule module, Function<Instance, Machine> machine) {
    }

    /** The module parsed ({@code SANDBOX_INVALID_MODULE} when it is not WebAssembly), compiled on first use. */
    public Result<WasmModule> parse(byte[] code) {
        String key = digest(code);
        synchronized (cache) {
            Compiled known = cache.get(key);
            if (known != null) {
                return Result.ok(known.module());
            }
        }
        try {
            return Result.ok(Parser.parse(code));
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return Result.fail(ErrorCode.SANDBOX_INVALID_MODULE, "not a valid WebAssembly module: " + e.getMessage());
        }
    }

    /**
     * The compiled machine of a module {@link #parse} returned. Compiled to JVM bytecode only: a function too large
     * for one JVM method is refused ({@code SANDBOX_INVALID_MODULE}), never handed to the interpreter.
     */
    public Result<Function<Instance, Machine>> compile(byte[] code, WasmModule module) {
        String key = digest(code);
        synchronized (cache) {
            Compiled known = cache.get(key);
            if (known != null && known.module() == module) {
                return Result.ok(known.machine());
            }
        }
        Function<Instance, Machine> machine;
        try {
            machine = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.FAIL)
                    .compile();
        } catch (RuntimeException e) {
            return Result.fail(ErrorCode.SANDBOX_INVALID_MODULE, "the module does not compile: " + e.getMessage());
        }
        synchronized (cache) {
            cache.putIfAbsent(key, new Compiled(module, machine));
        }
        return Result.ok(machine);
    }

    private static String digest(byte[] code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
