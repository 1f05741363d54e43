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
import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.deals.internal.SettleGas;
import io.salus.chain.internal.TxSender;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.ProviderShare;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
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

    /**
     * The limits the ledger sends settle chunks with (computed, not estimated) cover what every chunk needs (the
     * chain's own estimate, the least limit that succeeds), with the payout shapes the node sends (one provider, no
     * caregiver, proofs 15 levels deep) and harder ones (every payee new to the chunk, caregivers, up to three
     * providers, none, members of DAOs), and every chunk sent with its computed limit is mined.
     */
    @Test
    void computedSettleGasLimits_coverWhatEveryChunkNeeds_forEveryPayoutShape(TestChain chain) throws IOException {
        DealFixture f = DealFixture.on(chain, chain.freshDeployment(), EvmDealLedger.DEFAULT_CHUNK);
        EvmAddress hospital = f.address("limit hospital");
        Random r = new Random(14);
        Map<String, List<Payout>> shapes = new LinkedHashMap<>();
        shapes.put("node, 20,000 patients", shape(20_000, i -> Payout.equalShares(f.id("node ps " + i),
                f.address("node claim " + i), Optional.empty(), List.of(hospital))));
        shapes.put("every payee new", shape(300, i -> new Payout(f.id("new ps " + i),
                f.address("new claim " + i), Optional.of(f.address("new caregiver " + i)),
                List.of(new ProviderShare(f.address("new provider a" + i), 1 + r.nextInt(5)),
                        new ProviderShare(f.address("new provider b" + i), 1 + r.nextInt(5)),
                        new ProviderShare(f.address("new provider c" + i), 1 + r.nextInt(5))))));
        shapes.put("random", f.payouts("limit random", 400, r));
        shapes.put("no provider, no caregiver", shape(40, i -> new Payout(f.id("bare ps " + i),
                f.address("bare claim " + i), Optional.empty(), List.of())));
        EvmAddress daoX = f.address("limit dao x");
        EvmAddress daoY = f.address("limit dao y");
        shapes.put("members of two DAOs and none, grouped by treasury", shape(360,
                i -> Payout.equalShares(f.id("dao ps " + i), f.address("dao claim " + i), Optional.empty(),
                        List.of(hospital)).withDaoTreasury(
                                i < 120
                                        ? Optional.empty()
                                        : Optional.of(i < 240 ? daoX : daoY))));
        shapes.put("one patient", shape(1, i -> Payout.equalShares(f.id("one ps"), f.address("one claim"),
                Optional.of(f.address("one caregiver")), List.of(hospital))));
        TxSender sender = f.ledger().access().sender();
        String to = f.dataDeals().hex();
        for (EvmAddress dao : List.of(daoX, daoY)) {
            assertThat(sender.send(to, DealCalls.registerDaoTreasury(dao), BigInteger.valueOf(200_000)).isStatusOK())
                    .isTrue();
        }
        for (Map.Entry<String, List<Payout>> shape : shapes.entrySet()) {
            List<Payout> payouts = shape.getValue();
            Hash32 deal = f.id("limit deal " + shape.getKey());
            byte[] consumer = f.consumer("limit consumer " + shape.getKey(), 1_000_000L * payouts.size());
            f.deals().post(deal, f.terms(1_000_000, payouts.size(), 3_600), consumer).orElseThrow();
            Cohort cohort = DealFixture.cohort(deal, payouts);
            f.deals().commitCohort(deal, cohort.root()).orElseThrow();
            List<ProvenPayout> settled = cohort.payouts().subList(0, Math.min(payouts.size(), 2 * 160));
            List<List<ProvenPayout>> chunks = SettleGas.chunks(settled, 160, f.wrappedKey().length);
            for (int i = 0; i < chunks.size(); i++) {
                boolean last = i == chunks.size() - 1 && settled.size() == payouts.size();
                byte[] key = last ? f.wrappedKey() : new byte[0];
                String data = DealCalls.settle(deal, f.packageHashes(), chunks.get(i), last, key);
                long limit = SettleGas.limit(data, chunks.get(i), key.length);
                BigInteger needed = chain.rpc().web3j().ethEstimateGas(
                        Transaction.createEthCallTransaction(sender.from(), to, data)).send().getAmountUsed();
                TransactionReceipt mined = sender.send(to, data, BigInteger.valueOf(limit));
                LoggerFactory.getLogger(DealGasIT.class).info("{}, chunk {} of {} payouts, proofs of {}: limit {}, "
                        + "estimate {}, used {} ({} per payout)", shape.getKey(), i, chunks.get(i).size(),
                        chunks.get(i).get(0).proof().size(), limit, needed, mined.getGasUsed(),
                        mined.getGasUsed().longValueExact() / chunks.get(i).size());
                assertThat(limit).as("%s, chunk %d", shape.getKey(), i).isGreaterThanOrEqualTo(needed.longValueExact())
                        .isLessThanOrEqualTo(SettleGas.CHUNK_BUDGET);
                assertThat(mined.isStatusOK()).isTrue();
            }
            assertThat(f.deals().paidPatients(deal)).hasSize(settled.size());
        }
    }

    private static List<Payout> shape(int n, IntFunction<Payout> payout) {
        return IntStream.range(0, n).mapToObj(payout).toList();
    }
}
