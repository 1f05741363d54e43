package io.salus.bench.anchor;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import io.salus.chain.EvmLedger;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Anchoring cost on the node's chain: Merkle batches through the node's {@code RecordRegistry} ({@link EvmLedger#anchor})
 * against one transaction and one storage slot per record ({@code PerRecordRegistry}, the MedRec / Ocean style), in
 * the same run: gas per record from the receipts, and records per second (build the tree, send, mined). Not
 * thread-safe.
 */
public final class AnchoringBenchmark implements Benchmark {
    static final int MAIN_BATCH = 1024;
    static final int[] BATCHES = {64, MAIN_BATCH, 4096};
    private final SecureRandom random = new SecureRandom();
    private PerRecordChain perRecord;

    @Override
    public String name() {
        return "anchoring";
    }

    @Override
    public void setup(BenchContext ctx) {
        try {
            perRecord = PerRecordChain.deploy(ctx.node().localChain().orElseThrow(
                    () -> new IllegalStateException("the anchoring benchmark needs the node's local chain")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Outcome run(BenchContext ctx) {
        int runs = ctx.repeats();
        int perRecordCount = Math.max(4, Math.min(200, ctx.sample() / 5));
        EvmLedger ledger = ctx.node().ledger();
        Map<Integer, double[]> merkleGas = new LinkedHashMap<>();
        Map<Integer, double[]> merkleRate = new LinkedHashMap<>();
        double[] baselineGas = new double[runs];
        double[] baselineRate = new double[runs];
        List<Check> checks = new ArrayList<>();
        boolean merkleOk = true;
        boolean oneTxPerRecord = true;
        try (Progress.Step step = ctx.progress().start("anchoring", runs)) {
            for (int r = 0; r < runs; r++) {
                for (int size : BATCHES) {
                    List<Hash32> leaves = randomHashes(size);
                    Hash32 key = randomHashes(1).get(0);
                    long start = System.nanoTime();
                    MerkleTree tree = MerkleTree.of(leaves);
                    AnchorTx tx = ledger.anchor(key, tree.root(), size);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    merkleGas.computeIfAbsent(size, k -> new double[runs])[r] = tx.gasUsed() / (double) size;
                    merkleRate.computeIfAbsent(size, k -> new double[runs])[r] = size / seconds;
                    int probe = random.nextInt(size);
                    merkleOk &= ledger.findAnchor(key).map(a -> a.root().equals(tree.root())).orElse(false)
                            && ledger.verifyInclusion(key, leaves.get(probe), tree.proof(probe));
                }
                List<Hash32> records = randomHashes(perRecordCount);
                long start = System.nanoTime();
                List<TransactionReceipt> receipts = perRecord.storeEach(records);
                double seconds = (System.nanoTime() - start) / 1e9;
                baselineGas[r] = receipts.stream().mapToLong(t -> t.getGasUsed().longValueExact()).average()
                        .orElseThrow();
                baselineRate[r] = records.size() / seconds;
                oneTxPerRecord &= oneTransactionEach(receipts, records);
                step.stepBy(1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checks.add(new Check("every Merkle batch is on chain under its key and a member proof verifies on chain",
                merkleOk));
        checks.add(new Check("the baseline used one successful transaction to PerRecordRegistry per record, and "
                + "each hash is stored", oneTxPerRecord));
        String goal = "< 100 gas per record (Merkle batching), against ~20,000+ for one storage slot per record";
        String baseline = "one transaction per record, one storage slot each (PerRecordRegistry, " + perRecordCount
                + " records per run)";
        List<Comparison> comparisons = List.of(
                new Comparison("gas per record, Merkle batch of " + MAIN_BATCH, "gas",
                        Spread.of(merkleGas.get(MAIN_BATCH)), baseline, Spread.of(baselineGas),
                        "Merkle / per-record (lower is better)", goal),
                new Comparison("records anchored per second, Merkle batch of " + MAIN_BATCH, "records/s",
                        Spread.of(merkleRate.get(MAIN_BATCH)), baseline, Spread.of(baselineRate),
                        "Merkle / per-record (higher is better)", ""));
        Map<String, String> figures = new LinkedHashMap<>();
        for (int size : BATCHES) {
            figures.put("Merkle batch of " + size, Spread.of(merkleGas.get(size)).text() + " gas per record, "
                    + Spread.of(merkleRate.get(size)).text() + " records/s");
        }
        figures.put("per-record baseline", Spread.of(baselineGas).text() + " gas per record, "
                + Spread.of(baselineRate).text() + " records/s");
        return new Outcome(name(), comparisons, figures, checks, List.of());
    }

    private boolean oneTransactionEach(List<TransactionReceipt> receipts, List<Hash32> records) throws IOException {
        boolean ok = receipts.size() == records.size()
                && new HashSet<>(receipts.stream().map(TransactionReceipt::getTransactionHash).toList())
                        .size() == records.size();
        for (TransactionReceipt t : receipts) {
            ok &= t.isStatusOK() && perRecord.address().equalsIgnoreCase(t.getTo());
        }
        return ok && perRecord.storedAt(records.get(0)).compareTo(BigInteger.ZERO) > 0
                && perRecord.storedAt(records.get(records.size() - 1)).compareTo(BigInteger.ZERO) > 0;
    }

    @Override
    public void close() {
        if (perRecord != null) {
            perRecord.close();
        }
    }

    private List<Hash32> randomHashes(int n) {
        List<Hash32> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            out.add(Hash32.of(b));
        }
        return out;
    }
}
