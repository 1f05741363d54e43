package io.salus.bench.federation;

import io.salus.bench.Outcome.Check;
import io.salus.core.account.Account;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealPhase;
import io.salus.core.deal.Split;
import io.salus.core.fdeal.PartAnswer;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.core.usecase.fdeal.FederatedDeals;
import io.salus.core.usecase.fdeal.FederatedManifest;
import io.salus.node.http.FederatedDealEndpoints;
import io.salus.node.wiring.Node;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The federated-deal figure of the federation benchmark (issue 16 item 8, decision 0035): one deal for every
 * consenting patient of the alliance's nodes, opened at node A (one escrow; each node matches, commits, stages its part
 * encrypted to the consumer and settles its own patients), timed from the post to the last part settled; baseline in
 * the same run, one node holding as many patients delivering a local deal of the same size (post, match, deliver).
 * Stateless.
 */
final class FederatedDealBench {
    static final long PRICE = 1_000_000;
    static final String EPSILON = "1";
    private static final byte[] CRITERIA = "{\"age\":{\"min\":18}}".getBytes(StandardCharsets.UTF_8);

    private FederatedDealBench() {
    }

    /** Seconds for the federated deal of {@code size} patients across {@code members} nodes. */
    static double federated(Node founder, Account lab, int size, int members, List<Check> checks) {
        founder.dealLedger().mint(lab.address(), size * PRICE);
        FederatedDealEndpoints.Parts parts = founder.federatedDeals().orElseThrow();
        long t = System.nanoTime();
        FederatedDeals.Opened o = parts.deals().open(lab, offer(size), Optional.of(EPSILON)).orElseThrow();
        double seconds = (System.nanoTime() - t) / 1e9;
        FederatedManifest.Manifest m = parts.manifest().manifest(lab, o.dealId()).orElseThrow();
        checks.add(new Check("the federated deal: every one of the " + members + " nodes delivered its part",
                o.parts().size() == members && o.parts().stream().allMatch(p -> p.answer().map(PartAnswer::status)
                        .filter(s -> s == PartAnswer.Status.DELIVERED).isPresent())));
        checks.add(new Check("the federated deal: " + size + " patients paid from the one escrow, every part's key "
                + "released",
                m.deal().paidPatients() == size && m.parts().size() == members && m.parts().stream()
                        .allMatch(FederatedManifest.Entry::keyReleased)));
        return seconds;
    }

    /** Seconds for the single-node deal of {@code size} patients: post, match and deliver. */
    static double local(Node node, Account lab, int size, List<Check> checks) {
        node.dealLedger().mint(lab.address(), size * PRICE);
        long t = System.nanoTime();
        Deal d = node.dealPosting().post(lab, offer(size)).flatMap(p -> node.dealMatching().match(lab, p.id(),
                Optional.of(EPSILON))).flatMap(m -> node.dealDelivery().deliver(lab, m.deal().id())).orElseThrow();
        double seconds = (System.nanoTime() - t) / 1e9;
        checks.add(new Check("the single-node deal of " + size + " patients settled", d.phase() == DealPhase.SETTLED));
        return seconds;
    }

    private static DealPosting.Offer offer(int size) {
        return new DealPosting.Offer(CRITERIA, List.of(io.salus.core.record.Category.VITAL_SIGNS),
                BenchHospital.PURPOSE, PRICE, size, Instant.now().plus(2, ChronoUnit.HOURS),
                Optional.of(Split.of(6000, 2000, 500, 500, 1000).orElseThrow()));
    }
}
