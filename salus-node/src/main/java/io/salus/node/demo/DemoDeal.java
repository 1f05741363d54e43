package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Split;
import io.salus.core.record.Category;
import io.salus.node.market.DealRecord;
import io.salus.node.market.Deals;
import io.salus.node.wiring.Node;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The demo's deal: the demo patients consent to research use of vital signs and lab results at a minimum price; the
 * lab asks for a differentially private count, posts and funds a deal, the node matches, delivers an encrypted
 * de-identified package and settles; the split and the balances are printed.
 */
final class DemoDeal {
    static final long PRICE = 1_000_000;
    private final Node node;
    private final PrintStream out;

    DemoDeal(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void run(Account lab, Account hospital, List<Account> patients) {
        node.privacyBudget().assign(lab.id(), "Demo university (DEMO)");
        node.dealLedger().mint(lab.address(), 1_000 * PRICE);
        List<Category> cats = List.of(Category.VITAL_SIGNS, Category.LAB_RESULTS);
        long mask = Category.VITAL_SIGNS.mask() | Category.LAB_RESULTS.mask();
        Instant now = Instant.now();
        for (Account p : patients) {
            node.consents().grantCustodial(p, new GrantTerms(p.address(), mask,
                    AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(), now.minusSeconds(60),
                    now.plus(365, ChronoUnit.DAYS), 100, Optional.empty())).orElseThrow();
        }
        byte[] criteria = "{\"age\":{\"min\":18}}".getBytes(StandardCharsets.UTF_8);
        var count = node.discovery().count(lab, criteria, cats, Purpose.HRESCH, "1.0");
        out.println("Discovery           adults consenting to research on vital signs + lab results: "
                + (count.isOk()
                        ? count.orElseThrow().count().display() + " (epsilon 1.0, budget left "
                                + count.orElseThrow().remaining().remaining().toPlainString() + ")"
                        : "refused " + count.failure().code().code() + " " + count.failure().detail()));
        Split split = Split.of(6000, 2000, 500, 500, 1000).orElseThrow();
        Deals deals = node.deals();
        var postedResult = deals.post(lab, new Deals.Offer(criteria, cats, Purpose.HRESCH, PRICE, 50,
                now.plus(1, ChronoUnit.HOURS), split));
        var matchedResult = postedResult.flatMap(p -> deals.match(lab, p.dealId()));
        var settledResult = matchedResult.flatMap(p -> deals.deliver(lab, p.dealId()));
        if (!settledResult.isOk()) {
            out.println("Deal                not settled: " + settledResult.failure().code().code() + " "
                    + settledResult.failure().detail());
            return;
        }
        DealRecord posted = postedResult.orElseThrow();
        DealRecord matched = matchedResult.orElseThrow();
        DealRecord settled = settledResult.orElseThrow();
        out.printf("Deal                %s: escrow %s tokens, cohort %d patients, delivered %d%n", posted.dealId(),
                tokens(PRICE * 50), matched.matched().size(), settled.delivered());
        out.printf("Split per patient   price %s: patient 60%%, authoring providers 20%%, caregiver 5%% (to the "
                + "patient when none), patient-DAO treasury 5%%, operator 10%%%n", tokens(PRICE));
        out.println("Package hash        " + settled.packageHash() + " (on chain with the settlement)");
        out.printf("Balances            patient %s, hospital %s, operator/treasury %s, lab %s tokens%n",
                tokens(node.dealLedger().balanceOf(patients.get(0).address())), tokens(node.dealLedger().balanceOf(
                        hospital.address())),
                tokens(node.dealLedger().balanceOf(node.operator().address())),
                tokens(node.dealLedger().balanceOf(lab.address())));
    }

    static String tokens(long units) {
        return String.format(java.util.Locale.ROOT, "%.2f", units / 1_000_000.0);
    }
}
