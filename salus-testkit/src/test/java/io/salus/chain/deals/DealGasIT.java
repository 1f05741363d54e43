package io.salus.chain.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.Payout;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.Settlement;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.data.DealFixtures.Cohort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Gas of a settlement with realistic payouts: every patient payee new to the token, half with a caregiver, 2 providers,
 * each payout with its Merkle proof (11 levels for 2,000 patients) and marked paid.
 */
@WithChain
class DealGasIT {
    private static final int PATIENTS = Integer.getInteger("salus.deal.gas.patients", 2_000);

    @Test
    void settlingAPatient_costsUnder130kGas_andEveryChunkFitsTheTransactionGasCap(TestChain chain) {
        DealFixture f = DealFixture.on(chain, chain.deployment(), EvmDealLedger.DEFAULT_CHUNK);
        byte[] consumer = f.consumer("gas consumer", 1_000_000L * PATIENTS);
        Hash32 deal = f.id("gas deal");
        f.deals().post(deal, f.terms(1_000_000, PATIENTS, 3_600), consumer).orElseThrow();
        List<EvmAddress> providers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            providers.add(f.address("gas provider " + i));
        }
        List<Payout> payouts = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            payouts.add(Payout.equalShares(f.id("gas pseudonym " + i), f.address("gas patient " + i),
                    i % 2 == 0 ? Optional.of(f.address("gas caregiver " + i)) : Optional.empty(),
                    List.of(providers.get(i % 20), providers.get((i * 7 + 3) % 20))));
        }
        Cohort cohort = DealFixture.cohort(deal, payouts);
        f.deals().commitCohort(deal, cohort.root()).orElseThrow();

        long started = System.nanoTime();
        Settlement s = f.deals().settle(deal, f.packageHashes(), cohort.payouts(), f.wrappedKey()).orElseThrow();
        long millis = (System.nanoTime() - started) / 1_000_000;

        long perPatient = s.gasUsed() / PATIENTS;
        long maxTx = s.txs().stream().mapToLong(t -> t.gasUsed()).max().orElseThrow();
        LoggerFactory.getLogger(DealGasIT.class).info("settled {} patients in {} transactions: {} gas in all, "
                + "{} per patient, {} in the largest transaction, {} ms (not asserted)", PATIENTS, s.txs().size(),
                s.gasUsed(), perPatient, maxTx, millis);
        assertThat(f.deals().deal(deal).orElseThrow().status()).isEqualTo(DealStatus.SETTLED);
        assertThat(perPatient).isLessThan(130_000);
        assertThat(maxTx).isLessThan(16_777_216);
    }
}
