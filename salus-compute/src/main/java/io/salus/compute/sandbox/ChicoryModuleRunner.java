package io.salus.compute.sandbox;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.salus.compute.sandbox.internal.CompiledModules;
import io.salus.compute.sandbox.internal.HostImports;
import io.salus.compute.sandbox.internal.ModuleCheck;
import io.salus.compute.sandbox.internal.SandboxAbort;
import io.salus.core.compute.CohortView;
import io.salus.core.compute.ModuleOutput;
import io.salus.core.compute.SandboxLimits;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.ModuleRunner;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The {@link ModuleRunner} on Chicory: the module is checked ({@link ModuleCheck}), compiled to JVM bytecode
 * ({@link CompiledModules}: Chicory's compiler, not its interpreter; reused when the same module runs again) and run
 * on a thread of its own, in a new instance with its own memory. At the deadline that thread
 * is interrupted; Chicory's compiled code checks the interrupt flag on every backward branch and call, so even a tight
 * loop stops, and the run is reported as timed out. Traps, stack exhaustion and host aborts become failures with their
 * codes; no exception or stack trace reaches the caller.
 */
public final class ChicoryModuleRunner implements ModuleRunner {
    /** The module's thread stack: deep wasm recursion ends in a trap, not in a crash of the node. */
    private static final long STACK_BYTES = 4L << 20;
    /** How long an interrupted run is waited for before the caller gets its answer anyway. */
    private static final long STOP_GRACE_MS = 2_000;
    private final ThreadFactory threads;
    private final CompiledModules compiled = new CompiledModules();

    public ChicoryModuleRunner() {
        this(Thread.ofPlatform().name("salus-sandbox-", 0).daemon().stackSize(STACK_BYTES).factory());
    }

    /** With the threads runs go on (for tests that watch them stop); each run takes a new thread. */
    public ChicoryModuleRunner(ThreadFactory threads) {
        this.threads = threads;
    }

    @Override
    public Result<ModuleOutput> run(byte[] module, CohortView cohort, SandboxLimits limits) {
        if (module.length > limits.maxModuleBytes()) {
            return Result.fail(ErrorCode.SANDBOX_INVALID_MODULE, "the module has " + module.length
                    + " bytes; the limit is " + limits.maxModuleBytes());
        }
        byte[] code = module.clone();
        AtomicBoolean stopped = new AtomicBoolean();
        FutureTask<Result<ModuleOutput>> task = new FutureTask<>(() -> execute(code, cohort, limits, stopped));
        Thread worker = threads.newThread(task);
        worker.start();
        try {
            return task.get(limits.deadline().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return stop(worker, stopped, "the module ran past its deadline of " + limits.deadline().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stop(worker, stopped, "the caller was interrupted");
        } catch (ExecutionException e) {
            return Result.fail(ErrorCode.SANDBOX_TRAPPED, "the module failed: " + describe(e.getCause()));
        }
    }

    private static Result<ModuleOutput> stop(Thread worker, AtomicBoolean stopped, String why) {
        stopped.set(true);
        worker.interrupt();
        try {
            worker.join(STOP_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Result.fail(ErrorCode.SANDBOX_TIMED_OUT, why + (worker.isAlive()
                ? "; its thread has not stopped yet"
                : "; it was stopped"));
    }

    private Result<ModuleOutput> execute(byte[] code, CohortView cohort, SandboxLimits limits, AtomicBoolean stopped) {
        Result<WasmModule> parsed = compiled.parse(code);
        if (!parsed.isOk()) {
            return parsed.propagate();
        }
        WasmModule module = parsed.orElseThrow();
        Result<Optional<MemoryLimits>> checked = ModuleCheck.check(module, limits);
        if (!checked.isOk()) {
            return checked.propagate();
        }
        Result<Function<Instance, Machine>> machine = compiled.compile(code, module);
        if (!machine.isOk()) {
            return machine.propagate();
        }
        HostImports.Emitted out = new HostImports.Emitted(limits.maxOutputs());
        try {
            Instance.Builder builder = Instance.builder(module).withImportValues(HostImports.of(cohort, out))
                    .withMachineFactory(machine.orElseThrow());
            checked.orElseThrow().ifPresent(builder::withMemoryLimits);
            // compiling does not look at the interrupt flag (and class loading may clear it): a deadline that passed
            // while compiling is seen here, before any of the module's code (its start function included) runs; one
            // that passes later interrupts that code
            if (stopped.get()) {
                return Result.fail(ErrorCode.SANDBOX_TIMED_OUT, "the deadline passed before the module ran");
            }
            builder.build().export("run").apply();
            return Result.ok(new ModuleOutput(out.values()));
        } catch (StackOverflowError e) {
            return Result.fail(ErrorCode.SANDBOX_TRAPPED, "the module exhausted its call stack");
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    private static Result<ModuleOutput> failure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SandboxAbort abort) {
                return abort.failure().asResult();
            }
        }
        if (e instanceof ChicoryInterruptedException) {
            return Result.fail(ErrorCode.SANDBOX_TIMED_OUT, "the module was stopped at its deadline");
        }
        if (e instanceof UnlinkableException) {
            return Result.fail(ErrorCode.SANDBOX_IMPORT_REFUSED, "the module does not link: " + describe(e));
        }
        if (e instanceof MalformedException) {
            return Result.fail(ErrorCode.SANDBOX_INVALID_MODULE, "not a valid WebAssembly module: " + describe(e));
        }
        return Result.fail(ErrorCode.SANDBOX_TRAPPED, "the module trapped: " + describe(e));
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
