package io.salus.compute.sandbox;

import java.io.ByteArrayOutputStream;

/** A function body in WebAssembly opcodes, one method per instruction the test modules use. */
final class Code {
    private static final int EMPTY_BLOCK = 0x40;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Code unreachable() {
        return op(0x00);
    }

    Code block() {
        return op(0x02).op(EMPTY_BLOCK);
    }

    Code loop() {
        return op(0x03).op(EMPTY_BLOCK);
    }

    Code end() {
        return op(0x0B);
    }

    Code br(int depth) {
        return op(0x0C).u32(depth);
    }

    Code brIf(int depth) {
        return op(0x0D).u32(depth);
    }

    Code call(int function) {
        return op(0x10).u32(function);
    }

    Code drop() {
        return op(0x1A);
    }

    Code localGet(int local) {
        return op(0x20).u32(local);
    }

    Code localSet(int local) {
        return op(0x21).u32(local);
    }

    Code i32Load() {
        return op(0x28).u32(2).u32(0);
    }

    Code f64Load() {
        return op(0x2B).u32(3).u32(0);
    }

    Code i32Store() {
        return op(0x36).u32(2).u32(0);
    }

    Code memoryGrow() {
        return op(0x40).op(0x00);
    }

    Code i32Const(int v) {
        op(0x41);
        Wasm.s64(out, v);
        return this;
    }

    Code f64Const(double v) {
        op(0x44);
        long bits = Double.doubleToRawLongBits(v);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    Code i32GeS() {
        return op(0x4E);
    }

    Code i32Add() {
        return op(0x6A);
    }

    Code i32Mul() {
        return op(0x6C);
    }

    Code i32DivS() {
        return op(0x6D);
    }

    Code f64Add() {
        return op(0xA0);
    }

    Code f64Div() {
        return op(0xA3);
    }

    Code f64ConvertI32S() {
        return op(0xB7);
    }

    /** Adds 1 to an i32 local. */
    Code increment(int local) {
        return localGet(local).i32Const(1).i32Add().localSet(local);
    }

    Code op(int opcode) {
        out.write(opcode);
        return this;
    }

    private Code u32(int v) {
        Wasm.u32(out, v);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
