package io.salus.testkit.data;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.Split;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * Deal test data: a split, terms with a deadline relative to the chain's time, payouts to named claim addresses and
 * the committed cohort they form.
 */
public final class DealFixtures {
    /** 60 % patient, 20 % providers, 10 % caregiver, 5 % DAO treasury, 5 % operator: within the initial policy. */
    public static final Split SPLIT = new Split(6_000, 2_000, 1_000, 500, 500);

    private DealFixtures() {
    }

    /** Research terms on categories 1 and 2 with the deadline {@code seconds} after {@code now}. */
    public static DealTerms terms(Hash32 criteria, Instant now, long price, int maxPatients, long seconds) {
        return terms(criteria, now, price, maxPatients, seconds, SPLIT);
    }

    public static DealTerms terms(Hash32 criteria, Instant now, long price, int maxPatients, long seconds,
            Split split) {
        return new DealTerms(criteria, 0b110, Purpose.HRESCH, price, maxPatients, now.plusSeconds(seconds), split);
    }

    /**
     * {@code n} payouts named {@code name}: pseudonyms {@code id(<name> pseudonym i)}, patient payees (claim addresses)
     * {@code address(<name> claim i)}, caregivers for about half, up to three of three providers with random weights,
     * drawn from {@code r}.
     */
    public static List<Payout> payouts(String name, int n, Random r, Function<String, EvmAddress> address,
            Function<String, Hash32> id) {
        List<Payout> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<EvmAddress> caregiver = r.nextBoolean()
                    ? Optional.of(address.apply(name + " caregiver " + i))
                    : Optional.empty();
            List<ProviderShare> providers = new ArrayList<>();
            for (int j = r.nextInt(4); j > 0; j--) {
                providers.add(new ProviderShare(address.apply(name + " provider " + r.nextInt(3)), 1 + r.nextInt(5)));
            }
            out.add(new Payout(id.apply(name + " pseudonym " + i), address.apply(name + " claim " + i), caregiver,
                    providers));
        }
        return out;
    }

    /** A deal's committed cohort: the Merkle root of its payouts' leaves and every payout with its proof, in order. */
    public record Cohort(Hash32 root, List<ProvenPayout> payouts) {
        public Cohort {
            payouts = List.copyOf(payouts);
        }

        public List<ProvenPayout> subList(int from, int to) {
            return payouts.subList(from, to);
        }
    }

    public static Cohort cohort(Hash32 dealId, List<Payout> payouts) {
        MerkleTree tree = MerkleTree.of(payouts.stream().map(p -> p.leaf(dealId)).toList());
        List<ProvenPayout> proven = new ArrayList<>();
        for (int i = 0; i < payouts.size(); i++) {
            proven.add(new ProvenPayout(payouts.get(i), tree.proof(i)));
        }
        return new Cohort(tree.root(), proven);
    }
}
