package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Split;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.core.usecase.fdeal.FederatedDeals;
import io.salus.core.usecase.fdeal.FederatedManifest;
import io.salus.node.http.FederatedDealEndpoints;
import io.salus.node.wiring.Node;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The federated deal of {@code ./salus demo --nodes N} (decision 0035): a genomics lab of hospital A (a fresh one each
 * run, so its budget is its own) opens one deal for 10 adults per hospital; one escrow at hospital A, each hospital
 * matching, committing, delivering and settling its own part; the manifest, read from the chain, shows the part each
 * hospital delivered and what it was paid.
 */
final class DemoFederatedDeal {
    static final int PER_HOSPITAL = 10;
    private final List<Node> nodes;
    private final PrintStream out;

    DemoFederatedDeal(List<Node> nodes, PrintStream out) {
        this.nodes = nodes;
        this.out = out;
    }

    /** Opens the deal and prints each part; true if every hospital delivered its part and was paid. */
    boolean run(Account board) throws InterruptedException {
        Node a = nodes.get(0);
        FederatedDealEndpoints.Parts parts = a.federatedDeals().orElseThrow();
        Instant now = Instant.now();
        String run = Long.toString(now.getEpochSecond(), 36);
        Account lab = DemoAlliance.ensure(a, "genomics." + run, AccountKind.CONSUMER, "Demo genomics lab " + run
                + " (DEMO)");
        a.attestations().attest(board, new Payloads.Attest(lab.address(), AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS))).orElseThrow();
        a.privacyBudget().assign(lab.id(), "Demo genomics " + run + " (DEMO)");
        int max = PER_HOSPITAL * nodes.size();
        a.dealLedger().mint(lab.address(), max * DemoDeal.PRICE);
        DemoAlliance.awaitHome(a, lab);
        byte[] criteria = "{\"age\":{\"min\":18}}".getBytes(StandardCharsets.UTF_8);
        Result<FederatedDeals.Opened> opened = parts.deals().open(lab, new DealPosting.Offer(criteria, List.of(
                Category.VITAL_SIGNS, Category.LAB_RESULTS), Purpose.HRESCH, DemoDeal.PRICE, max,
                now.plus(1, ChronoUnit.HOURS), Optional.of(Split.of(6000, 2000, 500, 500, 1000).orElseThrow())),
                Optional.of("1.0"));
        if (!opened.isOk()) {
            out.println("Federated deal      refused: " + opened.failure().code().code() + " "
                    + opened.failure().detail());
            return false;
        }
        FederatedDeals.Opened o = opened.orElseThrow();
        Result<FederatedManifest.Manifest> manifest = parts.manifest().manifest(lab, o.dealId());
        if (!manifest.isOk()) {
            out.println("Federated deal      manifest refused: " + manifest.failure().code().code());
            return false;
        }
        FederatedManifest.Manifest m = manifest.orElseThrow();
        out.printf("Federated deal      %s: one escrow (%s) of %d × %d units, %d adults per hospital, asked by %s:%n",
                o.dealId().hex().substring(0, 18) + "…", o.contract(), max, DemoDeal.PRICE, PER_HOSPITAL,
                lab.displayName());
        for (FederatedDeals.Outcome p : o.parts()) {
            Optional<FederatedManifest.Entry> e = m.parts().stream().filter(x -> x.member().equals(p.member()))
                    .findFirst();
            out.printf("  %-28s %s %-9s %s%n", p.organisation(), p.member(), p.answer().map(x -> x.status().name())
                    .orElse(p.status().name()),
                    e.map(x -> x.part().paid() + " patients delivered, paid " + x.paid()
                            + " units, part " + x.part().packageHash().hex().substring(0, 14) + "…, key "
                            + (x.keyReleased() ? "released" : "NOT released")).orElse(p.detail()));
        }
        out.printf("  manifest            %d patients paid from the escrow, %d units left for the consumer's refund%n",
                m.deal().paidPatients(), m.deal().escrow());
        return m.parts().size() == nodes.size() && m.parts().stream().allMatch(FederatedManifest.Entry::keyReleased);
    }
}
