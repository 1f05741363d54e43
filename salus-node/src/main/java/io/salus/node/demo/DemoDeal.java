package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.Split;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.error.Result;
import io.salus.core.port.DealLedger;
import io.salus.core.record.Category;
import io.salus.core.usecase.deal.DealMatching;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.node.wiring.Node;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's deal, told as the consumer sees it: a differentially private count; the split policy on chain; a deal
 * posted and funded whose split meets it; a match that releases only a noisy cohort size (its ε charged) and commits
 * only a Merkle root; a delivery whose package hash is fixed before settlement and whose content key the settlement
 * releases on chain; and only then, paid for, how many patients were delivered, and the balances.
 */
final class DemoDeal {
    static final long PRICE = 1_000_000;
    static final int MAX_PATIENTS = 50;
    private final Node node;
    private final PrintStream out;

    DemoDeal(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void run(Account lab, Account hospital, List<Account> volunteers) {
        DealLedger ledger = node.dealLedger();
        node.privacyBudget().assign(lab.id(), "Demo university (DEMO)");
        ledger.mint(lab.address(), MAX_PATIENTS * PRICE);
        List<Category> cats = List.of(Category.VITAL_SIGNS, Category.LAB_RESULTS);
        byte[] criteria = "{\"age\":{\"min\":18}}".getBytes(StandardCharsets.UTF_8);
        var count = node.discovery().count(lab, criteria, cats, Purpose.HRESCH, "1.0");
        out.println("Discovery           adults consenting to research on vital signs + lab results: "
                + (count.isOk()
                        ? count.orElseThrow().count().display() + " (epsilon 1.0, budget left "
                                + count.orElseThrow().remaining().remaining().toPlainString() + ")"
                        : "refused " + count.failure().code().code() + " " + count.failure().detail()));
        SplitPolicy policy = ledger.policy();
        out.printf("Split policy        on chain (DealPolicy, changed only through the timelock): patient >= %s, "
                + "providers >= %s, caregiver >= %s, DAO treasury >= %s, operator <= %s%n", pct(policy.minPatient()),
                pct(policy.minProviders()), pct(policy.minCaregiver()), pct(policy.minDaoTreasury()),
                pct(policy.maxOperator()));
        Split split = Split.of(6000, 2000, 500, 500, 1000).orElseThrow();
        var posted = node.dealPosting().post(lab,
                new DealPosting.Offer(criteria, cats, Purpose.HRESCH, PRICE, MAX_PATIENTS,
                        Instant.now().plus(1, ChronoUnit.HOURS), Optional.of(split)));
        if (!posted.isOk()) {
            out.println("Deal                not posted: " + posted.failure().code().code() + " "
                    + posted.failure().detail());
            return;
        }
        Deal deal = posted.orElseThrow();
        out.printf("Deal                %s: escrow %s tokens for up to %d patients at %s each; split patient %s, "
                + "providers %s, caregiver %s (to the patient when none), DAO treasury %s, operator %s: %s the "
                + "policy%n", deal.id(), tokens(PRICE * MAX_PATIENTS), MAX_PATIENTS, tokens(PRICE),
                pct(split.patient()), pct(split.providers()), pct(split.caregiver()), pct(split.daoTreasury()),
                pct(split.operator()), policy.admits(split) ? "meets" : "does NOT meet");
        var matched = node.dealMatching().match(lab, deal.id(), Optional.empty());
        if (!matched.isOk()) {
            out.println("Match               refused: " + matched.failure().code().code() + " "
                    + matched.failure().detail());
            return;
        }
        DealMatching.Matched mt = matched.orElseThrow();
        out.printf("Match               released cohort size %s (differentially private; epsilon %s charged, "
                + "budget left %s); on chain only the cohort's Merkle root, no size%n", mt.size().display(),
                mt.epsilon().value().toPlainString(), mt.remaining().remaining().toPlainString());
        var settled = node.dealDelivery().deliver(lab, deal.id());
        if (!settled.isOk()) {
            out.println("Delivery            not settled: " + settled.failure().code().code() + " "
                    + settled.failure().detail());
            return;
        }
        Deal done = settled.orElseThrow();
        var view = node.dealQueries().find(lab, deal.id()).orElseThrow();
        out.printf("Delivery            package hash %s fixed before settlement; settled in %d transaction(s); "
                + "the content key released to the lab on chain in tx %s%n",
                view.chain().flatMap(s -> s.packageHash()).map(h -> h.hex()).orElse("?"),
                done.txs().stream().filter(t -> t.kind().equals("settle")).count(),
                txOf(node.dealQueries().key(lab, deal.id())));
        out.printf("Delivered           %d patients, each paid at a claim address of its own for this deal "
                + "(known only after payment)%n", done.delivered());
        var patientEarnings = node.dealEarnings().of(volunteers.get(0));
        out.printf("Balances            a volunteer %s (claimable), hospital %s, operator %s, lab %s tokens (%s "
                + "left in escrow, refundable after the deadline)%n", tokens(patientEarnings.claimable()),
                tokens(ledger.balanceOf(hospital.address())),
                tokens(ledger.balanceOf(node.operator().address())), tokens(ledger.balanceOf(lab.address())),
                tokens(view.chain().map(s -> s.escrow()).orElse(0L)));
    }

    private static String txOf(Result<DealEvent.KeyReleased> key) {
        return key.isOk() ? key.orElseThrow().txHash() : "? (" + key.failure().code().code() + ")";
    }

    private static String pct(int bps) {
        return String.format(Locale.ROOT, "%d %%", bps / 100);
    }

    static String tokens(long units) {
        return String.format(Locale.ROOT, "%.2f", units / 1_000_000.0);
    }
}
