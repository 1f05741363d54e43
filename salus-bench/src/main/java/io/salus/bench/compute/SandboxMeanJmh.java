package io.salus.bench.compute;

import io.salus.compute.sandbox.ChicoryModuleRunner;
import io.salus.core.compute.CohortView;
import io.salus.core.compute.ModuleOutput;
import io.salus.core.compute.SandboxLimits;
import io.salus.core.error.Result;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH, milliseconds per mean of {@value #ROWS} values: plain Java against a consumer's module in the sandbox
 * ({@link ChicoryModuleRunner}: a new thread, a new instance and memory, the run, the output), the module reading
 * value by value through {@code salus.value} or loading the column into its memory with {@code salus.load}. Run:
 * {@code java -cp salus-bench/target/salus-bench-0.1.0-SNAPSHOT.jar:$(cat salus-bench/target/classpath.txt)
 * org.openjdk.jmh.Main SandboxMeanJmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SandboxMeanJmh {
    static final int ROWS = 1_000_000;
    /**
     * The hand-assembled module of the sandbox tests ({@code Modules.mean(0)}): {@code n = rows(); for (i = 0; i < n;
     * i++) sum += value(i, 0); emit(sum / n)}.
     */
    private static final byte[] VALUE_BY_VALUE = HexFormat.of().parseHex("0061736d010000000112046000017f60027f7f017c"
            + "60017c006000000229030573616c757304726f777300000573616c75730576616c756500010573616c757304656d697400020302"
            + "01030707010372756e00030a37013503017f017f017c1000210102400340200020014e0d012002200041001001a021022000410"
            + "16a21000c000b0b20022001b7a310020b");
    /**
     * {@code Modules.loadedMean(0, 130)}: a memory of 130 pages; {@code load(0, 0); end = 8 rows(); for (i = 0; i <
     * end; i += 8) sum += f64.load(i); emit(sum / rows())}.
     */
    private static final byte[] LOADED = HexFormat.of().parseHex("0061736d010000000111046000017f60027f7f0060017c0060"
            + "00000228030573616c757304726f777300000573616c7573046c6f616400010573616c757304656d6974000203020103050401"
            + "0082010707010372756e00030a3f013d03017f017f017c410041001001100041086c210102400340200020014e0d012002200"
            + "02b0300a02102200041086a21000c000b0b20021000b7a310020b");
    private static final SandboxLimits LIMITS = new SandboxLimits(256, Duration.ofSeconds(60), 10, 1 << 16);

    private final ChicoryModuleRunner runner = new ChicoryModuleRunner();
    private double[] values;
    private CohortView view;

    @Setup
    public void cohort() {
        SplittableRandom random = new SplittableRandom(17);
        values = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            values[i] = 4 + 8 * random.nextDouble();
        }
        view = CohortView.granted(Map.of("hba1c", values), List.of("hba1c")).orElseThrow();
        double expected = javaMean();
        for (byte[] module : List.of(VALUE_BY_VALUE, LOADED)) {
            double got = runner.run(module, view, LIMITS).orElseThrow().values().getFirst();
            if (got != expected) {
                throw new IllegalStateException("the module's mean " + got + " is not Java's " + expected);
            }
        }
    }

    @Benchmark
    public double javaMean() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    @Benchmark
    public Result<ModuleOutput> moduleValueByValue() {
        return runner.run(VALUE_BY_VALUE, view, LIMITS);
    }

    @Benchmark
    public Result<ModuleOutput> moduleLoadedColumn() {
        return runner.run(LOADED, view, LIMITS);
    }
}
