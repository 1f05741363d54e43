package io.salus.bench.deal;

import io.salus.bench.BenchContext;
import io.salus.bench.Numbers;
import io.salus.bench.Parallel;
import io.salus.bench.Progress;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import io.salus.core.usecase.DepositService;
import io.salus.node.wiring.Node;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The deal benchmark's world, made through the node's own services (in-process, real engines): an ethics board
 * trusted for academic research, a university lab attested by it, funded and given a privacy budget, a hospital, and
 * {@code n} patients, each linked to the hospital, with one small bundle deposited by the hospital
 * ({@link DealBundles}, in parallel) and one custodial consent grant (vital signs and lab results, academic
 * researchers, HRESCH, minimum price {@link #MIN_PRICE}; from {@link #CONSENT_CALLERS} concurrent callers, which the
 * node's consent relay sends on chain in batches). Then waits until the
 * outbox is empty (accounts registered on chain, records anchored) so that no background work runs during the deal.
 * Every step is timed into {@link #times()}. Not thread-safe.
 */
final class DealSetup {
    static final long MIN_PRICE = 100;
    static final long CATEGORIES = Category.VITAL_SIGNS.mask() | Category.LAB_RESULTS.mask();
    /** Concurrent grant callers, so that the node's consent relay fills its batches (as the onboarding benchmark). */
    static final int CONSENT_CALLERS = 256;
    private final Map<String, Double> times = new LinkedHashMap<>();
    Account lab;
    Account hospital;
    Account[] patients;

    void run(BenchContext ctx, int n, long funds) {
        Node node = ctx.node();
        Instant started = Instant.now().minusSeconds(1);
        time("organisations: board trusted, lab attested, budget, tokens minted", () -> {
            Account board = open(node, AccountKind.ISSUER, "Bench ethics board");
            lab = open(node, AccountKind.CONSUMER, "Bench university lab");
            hospital = open(node, AccountKind.HOSPITAL, "Bench hospital");
            node.attestations().trust(node.operator(), board, AttestationType.ACADEMIC_RESEARCHER.mask())
                    .orElseThrow();
            Instant now = Instant.now();
            node.attestations().attest(board, new Payloads.Attest(lab.address(),
                    AttestationType.ACADEMIC_RESEARCHER, Purpose.HRESCH.mask(), now.minusSeconds(60),
                    now.plus(365, ChronoUnit.DAYS))).orElseThrow();
            node.privacyBudget().assign(lab.id(), "Bench university (BENCH)").orElseThrow();
            node.dealLedger().mint(lab.address(), funds);
        });
        patients = new Account[n];
        int threads = ctx.threads();
        step(ctx, "patient accounts opened and linked", n, threads, i -> {
            patients[i] = open(node, AccountKind.PATIENT, "Bench deal patient " + i);
            node.accounts().linkProvider(node.operator(), patients[i].id(), hospital.id()).orElseThrow();
        });
        DealBundles bundles = new DealBundles(ctx.population().model(), ctx.population().seed());
        step(ctx, "bundles deposited (" + DealBundles.resources() + " resources each)", n, threads,
                i -> node.deposits().deposit(new DepositService.Command(hospital, patients[i].id(),
                        bundles.bundle(i), Optional.of("bench-deal-" + i), "bench")).orElseThrow());
        Instant from = Instant.now().minusSeconds(60);
        Instant until = from.plus(365, ChronoUnit.DAYS);
        step(ctx, "consents granted (custodial, " + CONSENT_CALLERS + " concurrent callers, relayed in batches)", n,
                CONSENT_CALLERS,
                i -> node.consents().grantCustodial(patients[i], new GrantTerms(patients[i].address(),
                        CATEGORIES, AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(), from, until,
                        MIN_PRICE, Optional.empty())).orElseThrow());
        time("outbox drained (accounts registered, records anchored)",
                () -> awaitOutbox(node, started, Duration.ofMinutes(ctx.quick() ? 3 : 60)));
    }

    private void step(BenchContext ctx, String what, int n, int threads, java.util.function.IntConsumer task) {
        try (Progress.Step bar = ctx.progress().start("deal setup: " + what, n)) {
            times.put(what, Parallel.run(threads, n, i -> {
                task.accept(i);
                bar.stepBy(1);
            }));
        }
    }

    private void time(String what, Runnable r) {
        long start = System.nanoTime();
        r.run();
        times.put(what, (System.nanoTime() - start) / 1e9);
    }

    private static Account open(Node node, AccountKind kind, String name) {
        return node.accounts().open(kind, name).orElseThrow().account();
    }

    /** Waits for the messages this setup wrote; what earlier benchmarks left on the shared node is not its own. */
    private static void awaitOutbox(Node node, Instant since, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long pending = pendingOutbox(node, since);
            if (pending == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending + " outbox messages still pending after " + limit + ": "
                        + pendingKinds(node, since));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static long pendingOutbox(Node node, Instant since) {
        return Long.parseLong(query(node, since, "SELECT count(*)::text FROM outbox WHERE status = 'pending' "
                + "AND created_at >= ?"));
    }

    private static String pendingKinds(Node node, Instant since) {
        return query(node, since, "SELECT coalesce(string_agg(kind || ' (' || coalesce(last_error, '') || ')', "
                + "'; '), '') FROM outbox WHERE status = 'pending' AND created_at >= ?");
    }

    private static String query(Node node, Instant since, String sql) {
        try (Connection c = node.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
    }

    /** Seconds per setup step, in order. */
    Map<String, Double> times() {
        return times;
    }

    /** A setup step's time as text, with its rate for steps over the patients. */
    String text(String step, int n) {
        double s = times.get(step);
        return Numbers.compact(s) + " s" + (n > 0 ? " (" + Numbers.compact(n / s) + " per second)" : "");
    }
}
