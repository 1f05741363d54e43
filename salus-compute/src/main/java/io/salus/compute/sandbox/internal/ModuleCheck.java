package io.salus.compute.sandbox.internal;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.Table;
import io.salus.core.compute.SandboxLimits;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.util.Optional;

/**
 * What the sandbox checks of a parsed module before it links it: only granted imports with their exact types, one
 * unshared memory whose start fits the cap (its maximum is lowered to the cap), bounded tables, and an exported
 * {@code run: [] -> []}. The result is the memory limits to instantiate with (empty when the module has no memory).
 */
public final class ModuleCheck {
    /** The most entries a table may declare or grow to: tables live on the node's heap, outside the memory cap. */
    public static final long MAX_TABLE_ENTRIES = 10_000;

    private ModuleCheck() {
    }

    public static Result<Optional<MemoryLimits>> check(WasmModule module, SandboxLimits limits) {
        var imports = module.importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            Import imp = imports.getImport(i);
            FunctionType granted = HostImports.MODULE.equals(imp.module())
                    ? HostImports.GRANTED.get(imp.name())
                    : null;
            if (granted == null || !(imp instanceof FunctionImport f)
                    || !granted.equals(module.typeSection().getType(f.typeIndex()))) {
                return Result.fail(ErrorCode.SANDBOX_IMPORT_REFUSED, "the module imports " + imp.module() + "."
                        + imp.name() + " (" + imp.importType() + "), which is not granted with that type");
            }
        }
        for (int i = 0; i < module.tableSection().tableCount(); i++) {
            Table table = module.tableSection().getTable(i);
            if (table.limits().max() > MAX_TABLE_ENTRIES) {
                return Result.fail(ErrorCode.SANDBOX_MEMORY_LIMIT, "every table must declare a maximum of at most "
                        + MAX_TABLE_ENTRIES + " entries");
            }
        }
        Result<FunctionType> run = runType(module);
        if (!run.isOk()) {
            return run.propagate();
        }
        return memory(module, limits);
    }

    private static Result<FunctionType> runType(WasmModule module) {
        var exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export e = exports.getExport(i);
            if ("run".equals(e.name()) && e.exportType() == ExternalType.FUNCTION) {
                int imported = module.importSection().count(ExternalType.FUNCTION);
                FunctionType type = e.index() < imported
                        ? module.typeSection().getType(((FunctionImport) module.importSection().getImport(
                                e.index())).typeIndex())
                        : module.functionSection().getFunctionType(e.index() - imported, module.typeSection());
                if (type.equals(FunctionType.empty())) {
                    return Result.ok(type);
                }
            }
        }
        return Result.fail(ErrorCode.SANDBOX_INVALID_MODULE, "the module does not export a function run: [] -> []");
    }

    private static Result<Optional<MemoryLimits>> memory(WasmModule module, SandboxLimits limits) {
        if (module.memorySection().isEmpty() || module.memorySection().get().memoryCount() == 0) {
            return Result.ok(Optional.empty());
        }
        var memories = module.memorySection().get();
        if (memories.memoryCount() > 1 || memories.getMemory(0).limits().shared()) {
            return Result.fail(ErrorCode.SANDBOX_INVALID_MODULE, "a module has at most one unshared memory");
        }
        MemoryLimits declared = memories.getMemory(0).limits();
        if (declared.initialPages() > limits.maxMemoryPages()) {
            return Result.fail(ErrorCode.SANDBOX_MEMORY_LIMIT, "the module's memory starts at "
                    + declared.initialPages() + " pages; the cap is " + limits.maxMemoryPages());
        }
        return Result.ok(Optional.of(new MemoryLimits(declared.initialPages(),
                Math.min(declared.maximumPages(), limits.maxMemoryPages()))));
    }
}
