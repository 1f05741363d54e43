package io.salus.bench.deal;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Numbers;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.Split;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.usecase.deal.DealMatching;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.node.wiring.Node;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A full data deal on the real engines (in-process node: embedded PostgreSQL, anvil): {@link DealSetup} makes
 * {@code n} consenting patients ({@link BenchContext#sample()}, 20 in a quick run; setup timed apart), then the lab
 * posts and funds a deal for all of them (maxPatients {@code n}), the node matches (ε charged, cohort index and consent
 * index, net-share price check per patient, payouts with per-deal claim addresses, a noisy size released, the Merkle
 * root committed on chain) and delivers (consent re-checked, records opened, de-identified, packed as Bulk Data
 * NDJSON, encrypted under a fresh content key, audited, hashes fixed, then settled on chain in chunks with a Merkle
 * proof per payout, the content key released by the closing chunk). Each step is timed, and a stack sampler says
 * where the time goes inside match and deliver. Checks that the deal settled on chain with every consenting patient
 * delivered and paid their share at a claim address. Not thread-safe.
 */
public final class DealBenchmark implements Benchmark {
    static final double GOAL_SECONDS = 10;
    static final long PRICE = 1_000_000;
    static final Split SPLIT = Split.of(6000, 2000, 500, 500, 1000).orElseThrow();
    /** Patient share plus the caregiver share, which goes to the patient when there is no caregiver. */
    static final long PATIENT_PAY = PRICE * (6000 + 500) / 10_000;
    private static final List<StackSampler.Marker> MARKERS = List.of(
            new StackSampler.Marker("chain: settle transactions", "EvmDealLedger.settle"),
            new StackSampler.Marker("chain: commit cohort", "EvmDealLedger.commitCohort"),
            new StackSampler.Marker("chain: approve and post", "EvmDealLedger.post"),
            new StackSampler.Marker("consent and net-share price check per patient (PriceCheck)", "PriceCheck"),
            new StackSampler.Marker("caregivers and authors (Caregivers.ofAll, authorsOfAll)", "Caregivers.of"),
            new StackSampler.Marker("caregivers and authors (Caregivers.ofAll, authorsOfAll)", "authorsOf"),
            new StackSampler.Marker("claim addresses (HMAC + secp256k1)", "HmacClaimKeys"),
            new StackSampler.Marker("consent projection sync", "ConsentSync.toHead"),
            new StackSampler.Marker("decrypt records (openForRelease)", "openForRelease"),
            new StackSampler.Marker("read records (listByPatients, findAll)", "PostgresRecordStore"),
            new StackSampler.Marker("de-identify", "Deidentifier.deidentify"),
            new StackSampler.Marker("package (Bulk Data zip)", "BulkPackageWriter.write"),
            new StackSampler.Marker("encrypt package (AES-GCM, key wrapped with HPKE)", "KeyReleasePackage"),
            new StackSampler.Marker("audit entries", "PostgresAuditLog"),
            new StackSampler.Marker("eligible patients (cohort and consent indexes)", "RoaringCohortQuery"),
            new StackSampler.Marker("pseudonyms, leaves, Merkle root and proofs", "MerkleTree"),
            new StackSampler.Marker("pseudonyms, leaves, Merkle root and proofs", "DealPseudonym"),
            new StackSampler.Marker("pseudonyms, leaves, Merkle root and proofs", "Payout.leaf"),
            new StackSampler.Marker("deal state (PostgreSQL)", "PostgresDealStore"),
            new StackSampler.Marker("account look-ups", "PostgresAccountStore"));

    private final Map<String, String> figures = new LinkedHashMap<>();
    private final DealSetup setup = new DealSetup();
    private int n;

    @Override
    public String name() {
        return "deal";
    }

    @Override
    public void setup(BenchContext ctx) {
        n = ctx.quick() ? 20 : ctx.sample();
        setup.run(ctx, n, PRICE * n);
        setup.times().keySet().forEach(k -> figures.put("setup: " + k, setup.text(k, k.startsWith("organ")
                || k.startsWith("outbox") ? 0 : n)));
    }

    @Override
    public Outcome run(BenchContext ctx) {
        Node node = ctx.node();
        byte[] criteria = "{\"age\":{\"min\":18}}".getBytes(StandardCharsets.UTF_8);
        List<Category> cats = List.of(Category.VITAL_SIGNS, Category.LAB_RESULTS);
        double[] discovery = new double[1];
        var count = timed(discovery, () -> node.discovery().count(setup.lab, criteria, cats, Purpose.HRESCH, "0.5"));
        figures.put("discovery: DP count of consenting adults (epsilon 0.5; not part of the deal)",
                Numbers.compact(discovery[0] * 1000) + " ms, released " + (count.isOk()
                        ? count.orElseThrow().count().display()
                        : "refused: " + count.failure().detail()));
        double[] t = new double[3];
        Map<String, Long> profile;
        Result<Deal> posted;
        Result<DealMatching.Matched> matched;
        Result<Deal> settled;
        try (StackSampler sampler = new StackSampler("io.salus.core.usecase.deal", MARKERS, 10).start()) {
            posted = timed(t, 0, () -> node.dealPosting().post(setup.lab, new DealPosting.Offer(criteria, cats,
                    Purpose.HRESCH, PRICE, n, Instant.now().plus(2, ChronoUnit.HOURS), Optional.of(SPLIT))));
            matched = timed(t, 1, () -> posted.flatMap(p -> node.dealMatching().match(setup.lab, p.id(),
                    Optional.of("1.0"))));
            settled = timed(t, 2, () -> matched.flatMap(p -> node.dealDelivery().deliver(setup.lab, p.deal().id())));
            profile = sampler.counts();
        }
        double total = t[0] + t[1] + t[2];
        figures.put("deal size", n + " patients (maxPatients " + n + "), "
                + DealBundles.resources() + " resources each, " + Numbers.compact(4L * n)
                + " Observations at most in the package");
        figures.put("step 1 post (approve + post and fund escrow on chain)", Numbers.compact(t[0]) + " s");
        figures.put("step 2 match (epsilon charged, eligible, net-share price check, caregivers and authors, claim "
                + "addresses, leaves, noisy size, Merkle root committed on chain)", Numbers.compact(t[1]) + " s");
        figures.put("step 3 deliver (re-check, open, de-identify, package, encrypt under a content key, audit, "
                + "hashes fixed, settle on chain with a proof per payout, key released)",
                Numbers.compact(t[2])
                        + " s");
        figures.put("total post + match + deliver", Numbers.compact(total) + " s; goal (BRIEF.md) a deal in under "
                + "10 s: " + (total < GOAL_SECONDS ? "**met**" : "**not met**") + " at " + n + " patients");
        long samples = profile.values().stream().mapToLong(Long::longValue).sum();
        profile.forEach((label, c) -> figures.put("where the time goes (thread samples in match + deliver): " + label,
                Numbers.compact(100.0 * c / Math.max(1, samples)) + " %"));
        List<Check> checks = checks(node, posted, matched, settled);
        if (settled.isOk()) {
            Deal d = settled.orElseThrow();
            figures.put("settlement", d.txs().stream().filter(x -> x.kind().equals("settle")).count()
                    + " settle transaction(s); package hash " + node.dealLedger().deal(d.id())
                            .flatMap(DealState::packageHash).map(h -> h.hex()).orElse("?"));
            figures.put("released cohort size at the match (epsilon 1.0)", matched.orElseThrow().size().display());
        }
        return new Outcome(name(), List.of(), figures, checks, List.of());
    }

    private List<Check> checks(Node node, Result<Deal> posted, Result<DealMatching.Matched> matched,
            Result<Deal> settled) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("the deal was posted, matched and delivered" + (settled.isOk()
                ? ""
                : " (failed: " + firstFailure(posted, matched, settled) + ")"), settled.isOk()));
        if (!settled.isOk()) {
            return checks;
        }
        Deal d = settled.orElseThrow();
        checks.add(new Check("every consenting patient delivered (" + d.delivered() + " of " + n + ")",
                d.delivered() == n));
        Optional<DealState> state = node.dealLedger().deal(d.id());
        checks.add(new Check("the chain says SETTLED with " + n + " paid patients", state.isPresent()
                && state.get().status() == DealStatus.SETTLED && state.get().paidPatients() == n));
        long wrong = java.util.Arrays.stream(setup.patients)
                .filter(p -> node.dealEarnings().claimable(p) != PATIENT_PAY).count();
        checks.add(new Check("every patient's claim address holds " + PATIENT_PAY + " token units (60 % + the 5 % "
                + "caregiver share)" + (wrong == 0 ? "" : ": " + wrong + " do not"), wrong == 0));
        checks.add(
                new Check("the content key was released on chain", node.dealLedger().keyRelease(d.id()).isPresent()));
        long hospital = node.dealLedger().balanceOf(setup.hospital.address());
        checks.add(new Check("the hospital holds the providers' 20 % (" + hospital + ")",
                hospital == PRICE * 2000 / 10_000 * n));
        return checks;
    }

    private static String firstFailure(Result<?>... results) {
        for (Result<?> r : results) {
            if (!r.isOk()) {
                return r.failure().code().code() + " " + r.failure().detail();
            }
        }
        return "";
    }

    private static <T> T timed(double[] into, Supplier<T> work) {
        return timed(into, 0, work);
    }

    private static <T> T timed(double[] into, int slot, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            into[slot] = (System.nanoTime() - start) / 1e9;
        }
    }
}
