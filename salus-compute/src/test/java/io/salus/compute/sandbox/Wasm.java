package io.salus.compute.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny WebAssembly binary writer for test modules (no wat2wasm here): types, function imports, functions, one
 * memory, exports and code, in the section order the binary format requires. Value types and the few opcodes the
 * tests use are named constants; function bodies are written with {@link Code}.
 */
final class Wasm {
    static final byte I32 = 0x7F;
    static final byte I64 = 0x7E;
    static final byte F64 = 0x7C;

    private final List<byte[]> types = new ArrayList<>();
    private final ByteArrayOutputStream imports = new ByteArrayOutputStream();
    private final ByteArrayOutputStream functions = new ByteArrayOutputStream();
    private final ByteArrayOutputStream exports = new ByteArrayOutputStream();
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private byte[] memory;
    private int importCount;
    private int functionCount;
    private int exportCount;

    /** Imports a function; returns its index. All imports come before the first {@link #function}. */
    int importFunction(String module, String name, byte[] params, byte[] results) {
        if (functionCount > 0) {
            throw new IllegalStateException("imports first");
        }
        name(imports, module);
        name(imports, name);
        imports.write(0x00);
        u32(imports, type(params, results));
        return importCount++;
    }

    /** The sandbox's own imports, by the names and types it grants. */
    int rows() {
        return importFunction("salus", "rows", new byte[0], new byte[]{I32});
    }

    int value() {
        return importFunction("salus", "value", new byte[]{I32, I32}, new byte[]{F64});
    }

    int load() {
        return importFunction("salus", "load", new byte[]{I32, I32}, new byte[0]);
    }

    int emit() {
        return importFunction("salus", "emit", new byte[]{F64}, new byte[0]);
    }

    /** Declares the one memory: {@code min} pages, no maximum when {@code max < 0}. */
    Wasm memory(int min, int max) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        u32(m, 1);
        m.write(max < 0 ? 0x00 : 0x01);
        u32(m, min);
        if (max >= 0) {
            u32(m, max);
        }
        memory = m.toByteArray();
        return this;
    }

    /** Defines a function with one extra local per entry of {@code locals} (their types); returns its index. */
    int function(byte[] params, byte[] results, byte[] locals, Code body) {
        u32(functions, type(params, results));
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        u32(f, locals.length);
        for (byte local : locals) {
            u32(f, 1);
            f.write(local);
        }
        f.writeBytes(body.end().bytes());
        u32(code, f.size());
        code.writeBytes(f.toByteArray());
        return importCount + functionCount++;
    }

    /** A function {@code run: [] -> []} with the given locals and body, exported as "run". */
    Wasm run(byte[] locals, Code body) {
        return export("run", function(new byte[0], new byte[0], locals, body));
    }

    Wasm run(Code body) {
        return run(new byte[0], body);
    }

    Wasm export(String name, int function) {
        name(exports, name);
        exports.write(0x00);
        u32(exports, function);
        exportCount++;
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        types.forEach(t::writeBytes);
        section(out, 1, types.size(), t);
        section(out, 2, importCount, imports);
        section(out, 3, functionCount, functions);
        if (memory != null) {
            out.write(5);
            u32(out, memory.length);
            out.writeBytes(memory);
        }
        section(out, 7, exportCount, exports);
        section(out, 10, functionCount, code);
        return out.toByteArray();
    }

    private int type(byte[] params, byte[] results) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.write(0x60);
        u32(t, params.length);
        t.writeBytes(params);
        u32(t, results.length);
        t.writeBytes(results);
        byte[] b = t.toByteArray();
        for (int i = 0; i < types.size(); i++) {
            if (Arrays.equals(types.get(i), b)) {
                return i;
            }
        }
        types.add(b);
        return types.size() - 1;
    }

    private static void section(ByteArrayOutputStream out, int id, int count, ByteArrayOutputStream body) {
        if (count == 0) {
            return;
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        u32(s, count);
        s.writeBytes(body.toByteArray());
        out.write(id);
        u32(out, s.size());
        out.writeBytes(s.toByteArray());
    }

    private static void name(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(out, b.length);
        out.writeBytes(b);
    }

    static void u32(ByteArrayOutputStream out, long v) {
        do {
            byte b = (byte) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    static void s64(ByteArrayOutputStream out, long v) {
        boolean more = true;
        while (more) {
            byte b = (byte) (v & 0x7F);
            v >>= 7;
            more = !((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0));
            out.write(more ? b | 0x80 : b);
        }
    }
}
