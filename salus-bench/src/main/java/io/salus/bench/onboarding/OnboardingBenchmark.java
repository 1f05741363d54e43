package io.salus.bench.onboarding;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Numbers;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Parallel;
import io.salus.bench.Progress;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.record.Category;
import io.salus.core.usecase.DepositService;
import io.salus.node.wiring.Node;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The million, end to end (issue 14 item 6): {@code --scale} patients (100,000 by default; 50 in a quick run) onboarded
 * through the node's own use cases, phase after phase, each timed: accounts opened ({@code AccountService.open}, the
 * on-chain registration queued in the outbox), registered on chain (until the outbox has registered every account, in
 * the node's batches), custodial consents granted ({@code ConsentService.grantCustodial} from {@link #CALLERS}
 * concurrent callers, which the node's consent relay batches), one generated bundle deposited per patient by the
 * patient ({@code DepositService}, {@link BenchContext#threads()} client threads) and anchored (until every record is
 * in a mined Merkle batch). Reports each phase's rate and the total, and the linear extrapolation to 1,000,000
 * patients. Not thread-safe.
 */
public final class OnboardingBenchmark implements Benchmark {
    static final int CALLERS = 256;
    static final long MILLION = 1_000_000;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private int n;

    @Override
    public String name() {
        return "onboarding";
    }

    @Override
    public void setup(BenchContext ctx) {
        n = ctx.quick() ? 50 : (int) Math.min(Integer.MAX_VALUE, ctx.scale());
    }

    @Override
    public Outcome run(BenchContext ctx) {
        Node node = ctx.node();
        Account[] patients = new Account[n];
        AtomicInteger failures = new AtomicInteger();
        long registeredBefore = OutboxCounts.done(node, OutboxKinds.REGISTER_ACCOUNT);
        phase(ctx, "1. accounts opened (registration queued in the outbox)", n, ctx.threads(), i -> {
            patients[i] = node.accounts().open(AccountKind.PATIENT, "onboarding patient " + i).orElseThrow()
                    .account();
        });
        time("2. accounts registered on chain (after phase 1; the outbox's batches)",
                () -> OutboxCounts.awaitDone(node, OutboxKinds.REGISTER_ACCOUNT, registeredBefore + n));
        Instant from = Instant.now().minusSeconds(60);
        Instant until = from.plus(365, ChronoUnit.DAYS);
        long categories = Category.VITAL_SIGNS.mask() | Category.LAB_RESULTS.mask();
        timeConcurrent(ctx, "3. consents granted (custodial, " + CALLERS + " concurrent callers, relayed in batches)",
                i -> node.consents().grantCustodial(patients[i], new GrantTerms(patients[i].address(), categories,
                        AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(), from, until, 100,
                        Optional.empty())).isOk(),
                failures);
        long recordsBefore = OutboxCounts.anchored(node);
        AtomicInteger resources = new AtomicInteger();
        phase(ctx, "4. bundles deposited (one generated 3-year bundle per patient, by the patient)", n,
                ctx.threads(), i -> {
                    var r = node.deposits().deposit(new DepositService.Command(patients[i], patients[i].id(),
                            ctx.population().bundle(20_000_000L + i), Optional.of("onboarding-" + i),
                            "salus-bench"));
                    if (r.isOk()) {
                        resources.addAndGet(r.orElseThrow().records().size());
                    } else {
                        failures.incrementAndGet();
                    }
                });
        time("5. records anchored (after phase 4)",
                () -> OutboxCounts.awaitAnchored(node, recordsBefore + resources.get()));
        return outcome(resources.get(), failures.get(), node, registeredBefore);
    }

    private Outcome outcome(int resources, int failures, Node node, long registeredBefore) {
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        figures.put("patients", Numbers.compact(n) + " (" + Numbers.compact(resources) + " FHIR resources deposited, "
                + Numbers.compact(resources / (double) Math.max(1, n)) + " per patient)");
        seconds.forEach((phase, s) -> figures.put(phase, Numbers.compact(s) + " s ("
                + Numbers.compact(n / s) + " patients/s" + (phase.startsWith("4") || phase.startsWith("5")
                        ? ", " + Numbers.compact(resources / s) + " resources/s"
                        : "")
                + ")"));
        figures.put("total", Numbers.compact(total) + " s (" + Numbers.compact(n / total) + " patients/s end to end)");
        double factor = MILLION / (double) n;
        figures.put("linear extrapolation to 1,000,000 patients (each phase's measured rate)",
                Numbers.compact(total * factor / 3600) + " h: " + String.join(", ", seconds.entrySet().stream()
                        .map(e -> e.getKey().substring(0, 2) + " " + Numbers.compact(e.getValue() * factor / 60)
                                + " min")
                        .toList()));
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("every account opened, granted and deposited (" + failures + " failures)",
                failures == 0));
        checks.add(new Check("the outbox registered every account on chain",
                OutboxCounts.done(node, OutboxKinds.REGISTER_ACCOUNT) >= registeredBefore + n));
        return new Outcome(name(), List.of(), figures, checks, List.of());
    }

    private void phase(BenchContext ctx, String what, int count, int threads, java.util.function.IntConsumer task) {
        try (Progress.Step bar = ctx.progress().start("onboarding: " + what.substring(3), count)) {
            seconds.put(what, Parallel.run(threads, count, i -> {
                task.accept(i);
                bar.stepBy(1);
            }));
        }
    }

    private void timeConcurrent(BenchContext ctx, String what, java.util.function.IntPredicate task,
            AtomicInteger failures) {
        try (Progress.Step bar = ctx.progress().start("onboarding: consents", n)) {
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(CALLERS)) {
                for (int i = 0; i < n; i++) {
                    int p = i;
                    pool.execute(() -> {
                        if (!task.test(p)) {
                            failures.incrementAndGet();
                        }
                        bar.stepBy(1);
                    });
                }
            }
            seconds.put(what, (System.nanoTime() - start) / 1e9);
        }
    }

    private void time(String what, Runnable r) {
        long start = System.nanoTime();
        r.run();
        seconds.put(what, (System.nanoTime() - start) / 1e9);
    }
}
