package io.salus.compute.sandbox;

import static io.salus.compute.sandbox.ChicoryModuleRunnerTest.LIMITS;
import static io.salus.compute.sandbox.ChicoryModuleRunnerTest.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.WasmModule;
import io.salus.compute.sandbox.internal.HostImports;

import io.salus.core.compute.CohortView;
import io.salus.core.compute.ModuleOutput;
import io.salus.core.compute.SandboxLimits;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Modules that try to escape or exhaust the sandbox, each stopped with its code and no output. */
class SandboxAttacksTest {
    private static final CohortView EMPTY = view(Map.of(), List.of());
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ChicoryModuleRunner runner = new ChicoryModuleRunner(task -> {
        Thread t = Thread.ofPlatform().daemon().unstarted(task);
        threads.add(t);
        return t;
    });

    @Test
    void aRunawayTightLoop_isStoppedAtItsDeadline_andReportedAsTimedOut() throws InterruptedException {
        SandboxLimits short_ = new SandboxLimits(16, Duration.ofMillis(500), 100, 1 << 20);

        Result<ModuleOutput> out = runner.run(Modules.spinForever(), EMPTY, short_);

        assertThat(out.failure().code()).isEqualTo(ErrorCode.SANDBOX_TIMED_OUT);
        Thread worker = threads.getFirst();
        // the runner waits 2 s for it; on a loaded machine the module may still be compiling then, so wait longer
        worker.join(Duration.ofSeconds(60));
        assertThat(worker.isAlive()).as("the module's thread was stopped").isFalse();
    }

    @Test
    void aModuleDeclaringMoreMemoryThanTheCap_isRefusedBeforeItRuns() {
        Result<ModuleOutput> out = runner.run(Modules.declareMemory(17), EMPTY, LIMITS);

        assertThat(out.failure().code()).isEqualTo(ErrorCode.SANDBOX_MEMORY_LIMIT);
    }

    @Test
    void growingMemoryBeyondTheCap_isRefused_andUsingThatMemoryTraps() {
        assertThat(runner.run(Modules.grow(15), EMPTY, LIMITS).orElseThrow().values()).containsExactly(1.0);
        assertThat(runner.run(Modules.grow(16), EMPTY, LIMITS).orElseThrow().values()).containsExactly(-1.0);

        Result<ModuleOutput> out = runner.run(Modules.growAndStore(1_000, 16 * 65_536), EMPTY, LIMITS);

        assertThat(out.failure().code()).isEqualTo(ErrorCode.SANDBOX_TRAPPED);
    }

    @Test
    void anUngrantedImport_failsToLink() {
        byte[] none = {};
        byte[] i64 = {Wasm.I64};
        byte[] i32 = {Wasm.I32};
        List<byte[]> modules = List.of(
                Modules.importing("env", "now", none, i64),
                Modules.importing("wasi_snapshot_preview1", "fd_write", new byte[]{Wasm.I32, Wasm.I32, Wasm.I32,
                        Wasm.I32}, i32),
                Modules.importing("salus", "network", none, none),
                Modules.importing("salus", "value", new byte[]{Wasm.I32, Wasm.I32}, i64));

        assertThat(modules).allSatisfy(module -> assertThat(runner.run(module, EMPTY, LIMITS).failure().code())
                .isEqualTo(ErrorCode.SANDBOX_IMPORT_REFUSED));
    }

    @Test
    void withoutTheSandboxsCheck_chicoryStillRefusesToLinkAnUngrantedImport() {
        for (byte[] module : List.of(Modules.importing("env", "now", new byte[0], new byte[]{Wasm.I64}),
                Modules.importing("salus", "value", new byte[]{Wasm.I32, Wasm.I32}, new byte[]{Wasm.I64}))) {
            WasmModule parsed = Parser.parse(module);
            Instance.Builder builder = Instance.builder(parsed)
                    .withImportValues(HostImports.of(EMPTY, new HostImports.Emitted(1)))
                    .withMachineFactory(MachineFactoryCompiler.compile(parsed));

            assertThatThrownBy(builder::build).isInstanceOf(UnlinkableException.class);
        }
    }

    @Test
    void emittingBeyondTheOutputCap_isRefused_withNoOutput() {
        Result<ModuleOutput> endless = runner.run(Modules.emitForever(), EMPTY, LIMITS);
        Result<ModuleOutput> oneTooMany = runner.run(Modules.emitTimes(101), EMPTY, LIMITS);

        assertThat(endless.failure().code()).isEqualTo(ErrorCode.SANDBOX_OUTPUT_LIMIT);
        assertThat(oneTooMany.failure().code()).isEqualTo(ErrorCode.SANDBOX_OUTPUT_LIMIT);
    }

    @Test
    void aTrappingModule_failsWithItsCode_neverAnException() {
        List<byte[]> modules = List.of(Modules.unreachable(), Modules.divideByZero(), Modules.load(65_536),
                Modules.recurseForever());

        assertThat(modules).allSatisfy(module -> assertThat(runner.run(module, EMPTY, LIMITS).failure().code())
                .isEqualTo(ErrorCode.SANDBOX_TRAPPED));
    }

    @Test
    void aModuleCannotReadAColumnItWasNotGranted() {
        Map<String, double[]> cohort = Map.of("age", new double[]{40, 50}, "hba1c", new double[]{6, 7},
                "hiv", new double[]{1, 0});
        CohortView granted = view(cohort, List.of("age", "hba1c"));

        assertThat(runner.run(Modules.countColumns(), granted, LIMITS).orElseThrow().values()).containsExactly(2.0);
        assertThat(runner.run(Modules.read(1, 1), granted, LIMITS).orElseThrow().values()).containsExactly(7.0);
        for (byte[] escape : List.of(Modules.read(0, 2), Modules.read(0, -1), Modules.read(2, 0),
                Modules.read(-1, 0))) {
            assertThat(runner.run(escape, granted, LIMITS).failure().code())
                    .isEqualTo(ErrorCode.SANDBOX_READ_OUTSIDE_VIEW);
        }
        assertThat(runner.run(Modules.loadAt(2, 0), granted, LIMITS).failure().code())
                .isEqualTo(ErrorCode.SANDBOX_READ_OUTSIDE_VIEW);
    }

    @Test
    void loadingAColumnPastTheEndOfMemory_trapsInsteadOfWritingOutside() {
        CohortView granted = view(Map.of("age", new double[]{40, 50}), List.of("age"));

        assertThat(runner.run(Modules.loadAt(0, 65_536 - 15), granted, LIMITS).failure().code())
                .isEqualTo(ErrorCode.SANDBOX_TRAPPED);
        assertThat(runner.run(Modules.loadAt(0, -8), granted, LIMITS).failure().code())
                .isEqualTo(ErrorCode.SANDBOX_TRAPPED);
        assertThat(runner.run(Modules.loadAt(0, 65_536 - 16), granted, LIMITS).isOk()).isTrue();
    }
}
