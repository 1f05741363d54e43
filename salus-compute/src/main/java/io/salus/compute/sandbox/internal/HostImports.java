package io.salus.compute.sandbox.internal;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.salus.core.compute.CohortView;
import io.salus.core.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The only functions a module can import, all in module {@value #MODULE}: the view's shape, a value of a granted
 * column, a whole granted column copied into the module's memory ({@code load}, for speed: one host call instead of
 * one per row), and {@code emit}. Nothing else exists to link against: no clock, no randomness, no I/O, no memory import.
 */
public final class HostImports {
    public static final String MODULE = "salus";
    /** Each granted import by name, with the exact type a module must import it as. */
    public static final Map<String, FunctionType> GRANTED = Map.of(
            "rows", FunctionType.returning(ValType.I32),
            "columns", FunctionType.returning(ValType.I32),
            "value", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.F64)),
            "load", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
            "emit", FunctionType.accepting(ValType.F64));
    private static final long[] NOTHING = new long[0];

    private HostImports() {
    }

    /** The values a run emitted, refusing any beyond the cap. Used by one run's thread only. */
    public static final class Emitted {
        private final int cap;
        private final List<Double> values = new ArrayList<>();

        public Emitted(int cap) {
            this.cap = cap;
        }

        void add(double value) {
            if (values.size() >= cap) {
                throw new SandboxAbort(ErrorCode.SANDBOX_OUTPUT_LIMIT, "the module emitted more than " + cap
                        + " values");
            }
            values.add(value);
        }

        public List<Double> values() {
            return values;
        }
    }

    public static ImportValues of(CohortView view, Emitted out) {
        return ImportValues.builder()
                .addFunction(host("rows", (instance, args) -> new long[]{view.rows()}))
                .addFunction(host("columns", (instance, args) -> new long[]{view.columns()}))
                .addFunction(host("value", (instance, args) -> {
                    // i32 arguments arrive as longs holding the signed 32-bit value
                    long row = (int) args[0];
                    long column = (int) args[1];
                    if (!view.holds(row, column)) {
                        throw new SandboxAbort(ErrorCode.SANDBOX_READ_OUTSIDE_VIEW, "the module read row " + row
                                + ", column " + column + " of a view of " + view.rows() + " rows and "
                                + view.columns() + " granted columns");
                    }
                    return new long[]{Double.doubleToRawLongBits(view.value((int) row, (int) column))};
                }))
                .addFunction(host("load", (instance, args) -> {
                    load(view, (int) args[0], (int) args[1], instance);
                    return NOTHING;
                }))
                .addFunction(host("emit", (instance, args) -> {
                    out.add(Double.longBitsToDouble(args[0]));
                    return NOTHING;
                }))
                .build();
    }

    /** Copies every row of a granted column into the module's memory at {@code address}, as little-endian f64. */
    private static void load(CohortView view, int column, int address, Instance instance) {
        if (column < 0 || column >= view.columns()) {
            throw new SandboxAbort(ErrorCode.SANDBOX_READ_OUTSIDE_VIEW, "the module loaded column " + column
                    + " of a view of " + view.columns() + " granted columns");
        }
        long end = (long) address + 8L * view.rows();
        if (instance.memory() == null || address < 0 || end > Integer.MAX_VALUE
                || end > (long) instance.memory().pages() * Memory.PAGE_SIZE) {
            throw new SandboxAbort(ErrorCode.SANDBOX_TRAPPED, "the module loaded a column outside its memory");
        }
        ByteBuffer bytes = ByteBuffer.allocate(8 * view.rows()).order(ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < view.rows(); row++) {
            bytes.putDouble(view.value(row, column));
        }
        instance.memory().write(address, bytes.array());
    }

    private static HostFunction host(String name, WasmFunctionHandle handle) {
        return new HostFunction(MODULE, name, GRANTED.get(name), handle);
    }
}
