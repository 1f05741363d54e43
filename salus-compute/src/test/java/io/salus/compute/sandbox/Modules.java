package io.salus.compute.sandbox;

/** The test modules, each built by hand with {@link Wasm} and {@link Code}. */
final class Modules {
    private static final byte[] NONE = {};

    private Modules() {
    }

    /** Emits the mean of one column: the sum of value(i, column) over the rows, divided by rows(). */
    static byte[] mean(int column) {
        Wasm w = new Wasm();
        int rows = w.rows();
        int value = w.value();
        int emit = w.emit();
        int i = 0;
        int n = 1;
        int sum = 2;
        return w.run(new byte[]{Wasm.I32, Wasm.I32, Wasm.F64}, new Code()
                .call(rows).localSet(n)
                .block().loop()
                .localGet(i).localGet(n).i32GeS().brIf(1)
                .localGet(sum).localGet(i).i32Const(column).call(value).f64Add().localSet(sum)
                .increment(i).br(0)
                .end().end()
                .localGet(sum).localGet(n).f64ConvertI32S().f64Div().call(emit)).bytes();
    }

    /**
     * Emits the mean of one column loaded whole into memory at address 0 (a memory of {@code pages} pages): the sum of
     * the f64 at 8 i for i below rows(), divided by rows().
     */
    static byte[] loadedMean(int column, int pages) {
        Wasm w = new Wasm().memory(pages, -1);
        int rows = w.rows();
        int load = w.load();
        int emit = w.emit();
        int i = 0;
        int end = 1;
        int sum = 2;
        return w.run(new byte[]{Wasm.I32, Wasm.I32, Wasm.F64}, new Code()
                .i32Const(column).i32Const(0).call(load)
                .call(rows).i32Const(8).i32Mul().localSet(end)
                .block().loop()
                .localGet(i).localGet(end).i32GeS().brIf(1)
                .localGet(sum).localGet(i).f64Load().f64Add().localSet(sum)
                .localGet(i).i32Const(8).i32Add().localSet(i).br(0)
                .end().end()
                .localGet(sum).call(rows).f64ConvertI32S().f64Div().call(emit)).bytes();
    }

    /** Loads a column into memory at {@code address} (a one-page memory) and emits nothing. */
    static byte[] loadAt(int column, int address) {
        Wasm w = new Wasm().memory(1, -1);
        int load = w.load();
        return w.run(new Code().i32Const(column).i32Const(address).call(load)).bytes();
    }

    /** Adds one to the i32 at address 0 of its memory and emits it: 1.0 on a fresh memory. */
    static byte[] countInMemory() {
        Wasm w = new Wasm().memory(1, 1);
        int emit = w.emit();
        return w.run(new Code().i32Const(0).i32Const(0).i32Load().i32Const(1).i32Add().i32Store()
                .i32Const(0).i32Load().f64ConvertI32S().call(emit)).bytes();
    }

    /** Emits value(row, column) once. */
    static byte[] read(int row, int column) {
        Wasm w = new Wasm();
        int value = w.value();
        int emit = w.emit();
        return w.run(new Code().i32Const(row).i32Const(column).call(value).call(emit)).bytes();
    }

    /** Emits the number of columns it can see. */
    static byte[] countColumns() {
        Wasm w = new Wasm();
        int columns = w.importFunction("salus", "columns", NONE, new byte[]{Wasm.I32});
        int emit = w.emit();
        return w.run(new Code().call(columns).f64ConvertI32S().call(emit)).bytes();
    }

    /** {@code loop br 0 end}: a tight loop with no call in it. */
    static byte[] spinForever() {
        return new Wasm().run(new Code().loop().br(0).end()).bytes();
    }

    /** Emits 1.0 in an endless loop. */
    static byte[] emitForever() {
        Wasm w = new Wasm();
        int emit = w.emit();
        return w.run(new Code().loop().f64Const(1).call(emit).br(0).end()).bytes();
    }

    /** Emits 1.0 exactly {@code times} times. */
    static byte[] emitTimes(int times) {
        Wasm w = new Wasm();
        int emit = w.emit();
        Code body = new Code();
        for (int k = 0; k < times; k++) {
            body.f64Const(1).call(emit);
        }
        return w.run(body).bytes();
    }

    /** Starts with one page, asks for {@code pages} more and emits what memory.grow answered. */
    static byte[] grow(int pages) {
        Wasm w = new Wasm().memory(1, -1);
        int emit = w.emit();
        return w.run(new Code().i32Const(pages).memoryGrow().f64ConvertI32S().call(emit)).bytes();
    }

    /** Starts with one page, asks for {@code pages} more, ignores the answer and stores at {@code address}. */
    static byte[] growAndStore(int pages, int address) {
        Wasm w = new Wasm().memory(1, -1);
        return w.run(new Code().i32Const(pages).memoryGrow().drop().i32Const(address).i32Const(7).i32Store())
                .bytes();
    }

    /** Declares a memory starting at {@code pages} pages and does nothing. */
    static byte[] declareMemory(int pages) {
        return new Wasm().memory(pages, -1).run(new Code()).bytes();
    }

    /** A module whose run imports one function by the given module, name and type, and calls nothing. */
    static byte[] importing(String module, String name, byte[] params, byte[] results) {
        Wasm w = new Wasm();
        w.importFunction(module, name, params, results);
        return w.run(new Code()).bytes();
    }

    static byte[] unreachable() {
        return new Wasm().run(new Code().unreachable()).bytes();
    }

    static byte[] divideByZero() {
        return new Wasm().run(new Code().i32Const(1).i32Const(0).i32DivS().drop()).bytes();
    }

    /** Loads from {@code address} of a one-page memory. */
    static byte[] load(int address) {
        return new Wasm().memory(1, 1).run(new Code().i32Const(address).i32Load().drop()).bytes();
    }

    /** run calls itself forever. */
    static byte[] recurseForever() {
        Wasm w = new Wasm();
        int self = 0;
        return w.run(new Code().call(self)).bytes();
    }

    /** A valid module exporting its function under another name than run. */
    static byte[] withoutRun() {
        Wasm w = new Wasm();
        return w.export("main", w.function(NONE, NONE, NONE, new Code())).bytes();
    }
}
