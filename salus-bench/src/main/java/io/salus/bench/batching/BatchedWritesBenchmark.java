package io.salus.bench.batching;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import io.salus.chain.EvmLedger;
import io.salus.chain.consent.EvmConsentLedger;
import io.salus.core.account.AccountKind;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Signed;
import io.salus.core.error.Result;
import io.salus.core.port.ConsentLedger.Relayed;
import io.salus.core.port.Ledger.Registration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Batched chain writes on the node's chain, each against one transaction each in the same run: account registrations
 * ({@link EvmLedger#registerAccounts} in batches of the node's size against {@link EvmLedger#registerAccount}) and
 * patients' signed consent grants ({@link EvmConsentLedger#relayBatch} against {@link EvmConsentLedger#grant}); then
 * grants through the node's use case ({@code ConsentService.relayGrant}) from concurrent callers, which the node's
 * relay batches on its own. Rates are from send to mined; grants are signed before the clock starts (a patient signs
 * on their device). Gas per registration and per grant from the receipts. Not thread-safe.
 */
public final class BatchedWritesBenchmark implements Benchmark {
    private Signers signers;

    @Override
    public String name() {
        return "batching";
    }

    @Override
    public void setup(BenchContext ctx) {
        signers = new Signers(EvmConsentLedger.on(ctx.node().ledger()));
    }

    @Override
    public Outcome run(BenchContext ctx) {
        Sizes n = Sizes.of(ctx);
        int runs = ctx.repeats();
        EvmLedger ledger = ctx.node().ledger();
        EvmConsentLedger consent = EvmConsentLedger.on(ledger);
        double[] regBatched = new double[runs];
        double[] regSingle = new double[runs];
        double[] regGas = new double[runs];
        double[] grantBatched = new double[runs];
        double[] grantSingle = new double[runs];
        double[] grantNode = new double[runs];
        double[] grantGas = new double[runs];
        double[] grantGasSingle = new double[runs];
        boolean registered = true;
        boolean granted = true;
        try (Progress.Step step = ctx.progress().start("batched writes", runs)) {
            for (int r = 0; r < runs; r++) {
                List<Registration> accounts = signers.registrations(n.registrations());
                long start = System.nanoTime();
                List<Result<TxRef>> outcomes = new ArrayList<>();
                for (List<Registration> chunk : chunks(accounts, n.registrationBatch())) {
                    outcomes.addAll(ledger.registerAccounts(chunk));
                }
                regBatched[r] = accounts.size() / seconds(start);
                regGas[r] = gasPerItem(outcomes.stream().map(Result::orElseThrow).toList());
                registered &= outcomes.stream().allMatch(Result::isOk) && ledger.registeredKind(
                        accounts.get(accounts.size() - 1).address()).equals(Optional.of(AccountKind.PATIENT));

                List<Registration> single = signers.registrations(n.singles());
                start = System.nanoTime();
                for (Registration a : single) {
                    ledger.registerAccount(a.address(), a.kind());
                }
                regSingle[r] = single.size() / seconds(start);

                List<Signed<?>> signed = new ArrayList<>(signers.grants(n.grants()));
                start = System.nanoTime();
                List<Result<Relayed>> relayed = new ArrayList<>();
                for (List<Signed<?>> chunk : chunks(signed, n.grantBatch())) {
                    relayed.addAll(consent.relayBatch(chunk));
                }
                grantBatched[r] = signed.size() / seconds(start);
                grantGas[r] = gasPerItem(relayed.stream().map(x -> x.orElseThrow().tx()).toList());
                granted &= relayed.stream().allMatch(Result::isOk) && relayed.stream()
                        .map(x -> x.orElseThrow().grantId()).distinct().count() == signed.size();

                List<Signed<GrantTerms>> singles = signers.grants(n.singles());
                start = System.nanoTime();
                List<TxRef> singleTxs = new ArrayList<>();
                for (Signed<GrantTerms> g : singles) {
                    singleTxs.add(consent.grant(g).orElseThrow().tx());
                }
                grantSingle[r] = singles.size() / seconds(start);
                grantGasSingle[r] = singleTxs.stream().mapToLong(TxRef::gasUsed).average().orElseThrow();

                NodeRelay.Outcome viaNode = NodeRelay.run(ctx.node().consents(), signers, n.nodeGrants(),
                        n.callers());
                grantNode[r] = viaNode.perSecond();
                granted &= viaNode.allRecorded();
                step.stepBy(1);
            }
        }
        List<Check> checks = List.of(
                new Check("every batched registration succeeded and the last account reads back as a patient",
                        registered),
                new Check("every batched grant, and every grant relayed through the node, was recorded with its own "
                        + "grant id", granted));
        String singleBaseline = "one transaction each (" + n.singles() + " per run)";
        List<Comparison> comparisons = List.of(
                new Comparison("accounts registered per second, batches of " + n.registrationBatch(), "accounts/s",
                        Spread.of(regBatched), singleBaseline, Spread.of(regSingle), "batched / single",
                        "≥ 2,000 registrations/s"),
                new Comparison("consent grants relayed per second, batches of " + n.grantBatch(), "grants/s",
                        Spread.of(grantBatched), singleBaseline, Spread.of(grantSingle), "batched / single",
                        "≥ 1,000 grants/s"),
                new Comparison("grants per second through the node (ConsentService.relayGrant, " + n.callers()
                        + " concurrent callers)", "grants/s", Spread.of(grantNode), singleBaseline,
                        Spread.of(grantSingle), "node relay / single", "≥ 1,000 grants/s"));
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("gas per registration, batched", Spread.of(regGas).text());
        figures.put("gas per grant, batched", Spread.of(grantGas).text());
        figures.put("gas per grant, one transaction each", Spread.of(grantGasSingle).text());
        figures.put("sizes", n.registrations() + " registrations and " + n.grants() + " grants batched, "
                + n.nodeGrants() + " grants through the node, " + n.singles() + " of each one by one, per run");
        return new Outcome(name(), comparisons, figures, checks, List.of());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Gas of the distinct transactions divided by the number of items they carried. */
    private static double gasPerItem(List<TxRef> txs) {
        Set<String> seen = new HashSet<>();
        long gas = 0;
        for (TxRef t : txs) {
            if (seen.add(t.txHash())) {
                gas += t.gasUsed();
            }
        }
        return gas / (double) txs.size();
    }

    static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    /** How much each run writes: the node's batch sizes, smaller in a quick run. */
    record Sizes(int registrations, int registrationBatch, int grants, int grantBatch, int nodeGrants, int callers,
            int singles) {
        static Sizes of(BenchContext ctx) {
            int regBatch = ctx.node().settings().registrationBatchSize();
            int grantBatch = ctx.node().settings().consentBatchSize();
            return ctx.quick()
                    ? new Sizes(40, 20, 20, 10, 20, 8, 5)
                    : new Sizes(10 * regBatch, regBatch, 4 * grantBatch, grantBatch, 2 * grantBatch, 256, 100);
        }
    }
}
