package io.salus.testkit.data;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.Split;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/** Deal test data: a split, terms with a deadline relative to the chain's time, payouts to named accounts. */
public final class DealFixtures {
    /** 60 % patient, 20 % providers, 10 % caregiver, 5 % DAO treasury, 5 % operator. */
    public static final Split SPLIT = new Split(6_000, 2_000, 1_000, 500, 500);

    private DealFixtures() {
    }

    /** Research terms on categories 1 and 2 with the deadline {@code seconds} after {@code now}. */
    public static DealTerms terms(Hash32 criteria, Instant now, long price, int maxPatients, long seconds) {
        return new DealTerms(criteria, 0b110, Purpose.HRESCH, price, maxPatients, now.plusSeconds(seconds), SPLIT);
    }

    /**
     * {@code n} payouts to the accounts {@code address} names ({@code <name> patient i}, caregivers, up to three of three
     * providers with random weights), drawn from {@code r}.
     */
    public static List<Payout> payouts(String name, int n, Random r, Function<String, EvmAddress> address) {
        List<Payout> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<EvmAddress> caregiver = r.nextBoolean()
                    ? Optional.of(address.apply(name + " caregiver " + i))
                    : Optional.empty();
            List<ProviderShare> providers = new ArrayList<>();
            for (int j = r.nextInt(4); j > 0; j--) {
                providers.add(new ProviderShare(address.apply(name + " provider " + r.nextInt(3)), 1 + r.nextInt(5)));
            }
            out.add(new Payout(address.apply(name + " patient " + i), caregiver, providers));
        }
        return out;
    }
}
