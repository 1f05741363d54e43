package io.salus.chain.deals;

import static io.salus.chain.deals.DealFixture.PACKAGE;
import static io.salus.chain.deals.DealFixture.WRAPPED_KEY;
import static io.salus.chain.deals.DealFixture.address;
import static io.salus.chain.deals.DealFixture.cohort;
import static io.salus.chain.deals.DealFixture.id;
import static io.salus.chain.deals.DealFixture.payouts;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.deals.DealFixture.Cohort;
import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.deals.internal.DealDecoder;
import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.DataDeals;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.Role;
import io.salus.core.deal.Shares;
import io.salus.core.deal.Split;
import io.salus.core.deal.SplitCalculator;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.Settlement;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

class DealLedgerIT {
    @TempDir
    static java.nio.file.Path dir;
    static DealFixture f;

    @BeforeAll
    static void start() {
        f = DealFixture.start(dir.resolve("chain"), 4);
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    static Hash32 post(String name, long price, int max, long seconds) {
        byte[] consumer = f.consumer(name + " consumer", price * max);
        f.deals().post(id(name), f.terms(price, max, seconds), consumer).orElseThrow();
        return id(name);
    }

    /** Posts, then commits a cohort of {@code n} random payouts. */
    static Cohort committed(String name, long price, int max, int n, long seconds) {
        Hash32 deal = post(name, price, max, seconds);
        Cohort c = cohort(deal, payouts(name, n, new Random(name.hashCode())));
        f.deals().commitCohort(deal, c.root()).orElseThrow();
        return c;
    }

    /** One settlement chunk sent straight to the contract, as an interrupted settlement leaves it. */
    static void chunk(Hash32 deal, List<ProvenPayout> payouts) {
        f.ledger().access().sender().send(f.dataDeals().hex(), DealCalls.settle(deal, PACKAGE, payouts, false,
                new byte[0]));
    }

    @Test
    void settlement_paysEachPayeeExactlyWhatTheJavaCalculatorComputes() {
        long price = 1_234_567;
        Cohort c = committed("equivalence", price, 11, 10, 3_600);
        Hash32 deal = id("equivalence");
        Map<EvmAddress, Long> expected = new HashMap<>();
        for (ProvenPayout pp : c.payouts()) {
            Payout p = pp.payout();
            Shares s = SplitCalculator.shares(price, DealFixture.SPLIT, p);
            expected.merge(p.patient(), s.patient(), Long::sum);
            p.caregiver().ifPresent(cg -> expected.merge(cg, s.caregiver(), Long::sum));
            for (int j = 0; j < p.providers().size(); j++) {
                expected.merge(p.providers().get(j).provider(), s.providers().get(j), Long::sum);
            }
            expected.merge(f.roles().daoTreasury(), s.daoTreasury(), Long::sum);
            expected.merge(f.roles().operatorPayee(), s.operator(), Long::sum);
        }
        Map<EvmAddress, Long> before = new HashMap<>();
        expected.keySet().forEach(a -> before.put(a, f.deals().balanceOf(a)));

        Settlement s = f.deals().settle(deal, PACKAGE, c.payouts(), WRAPPED_KEY).orElseThrow();

        assertThat(s.txs()).hasSize(3);
        assertThat(s.patientsPaid()).isEqualTo(10);
        expected.forEach((a, amount) -> assertThat(f.deals().balanceOf(a) - before.get(a)).as(a.hex())
                .isEqualTo(amount));
        DealState state = f.deals().deal(deal).orElseThrow();
        assertThat(state.status()).isEqualTo(DealStatus.SETTLED);
        assertThat(state.packageHash()).contains(PACKAGE.plaintext());
        assertThat(state.ciphertextHash()).contains(PACKAGE.ciphertext());
        assertThat(state.escrow()).isEqualTo(price);
        assertThat(f.deals().keyRelease(deal)).hasValueSatisfying(k -> {
            assertThat(k.wrappedKey()).isEqualTo(WRAPPED_KEY);
            assertThat(k.txHash()).isEqualTo(s.txs().get(s.txs().size() - 1).txHash());
        });
        assertThat(f.deals().balanceOf(f.dataDeals())).isEqualTo(f.deals().totalEscrow());
    }

    @Test
    void aSettledDeal_isNeverSettledAgain() {
        Cohort c = committed("twice", 1_000, 2, 2, 3_600);
        f.deals().settle(id("twice"), PACKAGE, c.payouts(), WRAPPED_KEY).orElseThrow();

        assertThat(f.deals().settle(id("twice"), PACKAGE, c.payouts(), WRAPPED_KEY).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_SETTLED);
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(id("twice"), PACKAGE, c.payouts(), true,
                WRAPPED_KEY))).contains(ErrorCode.DEAL_WRONG_STATE);
    }

    @Test
    void aRetryAfterAPartialSettlement_completesAndPaysEveryPatientOnce() {
        Cohort c = committed("resume", 1_000, 7, 7, 3_600);
        Hash32 deal = id("resume");
        chunk(deal, c.subList(0, 3));
        assertThat(f.deals().deal(deal).orElseThrow().status()).isEqualTo(DealStatus.SETTLING);
        assertThat(f.deals().keyRelease(deal)).isEmpty();

        assertThat(f.deals().settle(deal, new io.salus.core.port.DealLedger.PackageHashes(id("another"),
                PACKAGE.ciphertext()), c.payouts(), WRAPPED_KEY).failure().code())
                .isEqualTo(ErrorCode.DEAL_PACKAGE_MISMATCH);
        Settlement rest = f.deals().settle(deal, PACKAGE, c.payouts(), WRAPPED_KEY).orElseThrow();

        assertThat(rest.patientsPaid()).isEqualTo(4);
        DealState state = f.deals().deal(deal).orElseThrow();
        assertThat(state.paidPatients()).isEqualTo(7);
        assertThat(state.status()).isEqualTo(DealStatus.SETTLED);
        List<DealEvent> events = f.deals().events(0, f.deals().headBlock());
        for (ProvenPayout p : c.payouts()) {
            assertThat(events).as("payments to " + p.payout().patient())
                    .filteredOn(e -> e instanceof DealEvent.Paid pd && pd.dealId().equals(deal)
                            && pd.role() == Role.PATIENT && pd.payee().equals(p.payout().patient()))
                    .hasSize(1);
        }
        assertThat(events).filteredOn(e -> e instanceof DealEvent.KeyReleased k && k.dealId().equals(deal))
                .hasSize(1);
    }

    @Test
    void aSettlementNamingAPayeeOutsideTheCommittedCohort_reverts() {
        Cohort c = committed("outsider", 1_000, 5, 3, 3_600);
        Hash32 deal = id("outsider");
        ProvenPayout honest = c.payouts().get(0);
        Payout p = honest.payout();
        ProvenPayout forged = new ProvenPayout(new Payout(p.pseudonym(), address("the operator's friend"),
                p.caregiver(), p.providers()), honest.proof());
        ProvenPayout invented = new ProvenPayout(new Payout(id("nobody"), address("nobody"),
                java.util.Optional.empty(), List.of()), List.of());

        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, List.of(forged), true,
                WRAPPED_KEY))).contains(ErrorCode.DEAL_NOT_IN_COHORT);
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, List.of(honest, invented), true,
                WRAPPED_KEY))).contains(ErrorCode.DEAL_NOT_IN_COHORT);
        assertThat(f.deals().settle(deal, PACKAGE, List.of(forged), WRAPPED_KEY).failure().code())
                .isEqualTo(ErrorCode.DEAL_NOT_IN_COHORT);
        assertThat(f.deals().deal(deal).orElseThrow().paidPatients()).isZero();
    }

    @Test
    void payingAPatientTwice_reverts_inOneChunkOrAcrossChunks() {
        Cohort c = committed("double", 1_000, 6, 3, 3_600);
        Hash32 deal = id("double");
        ProvenPayout first = c.payouts().get(0);

        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, List.of(first, first), false,
                new byte[0]))).contains(ErrorCode.DEAL_ALREADY_PAID);
        assertThat(f.deals().settle(deal, PACKAGE, List.of(first, first), WRAPPED_KEY).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_PAID);
        chunk(deal, List.of(first));
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, List.of(first), true,
                WRAPPED_KEY))).contains(ErrorCode.DEAL_ALREADY_PAID);
        assertThat(f.deals().balanceOf(first.payout().patient())).isEqualTo(SplitCalculator.shares(1_000,
                DealFixture.SPLIT, first.payout()).patient());
    }

    @Test
    void aDealWithAZeroPatientShare_isRefusedOnChainAndBeforeSending() {
        EvmAddress consumer = address(f.consumer("greedy consumer", 10_000));
        DealTerms greedy = f.terms(100, 10, 3_600, new Split(0, 0, 0, 0, 10_000));
        DealTerms belowPolicy = f.terms(100, 10, 3_600, new Split(5_000, 2_000, 1_000, 1_000, 1_000));
        long head = f.deals().headBlock();

        assertThat(f.revertOf(consumer, DealCalls.postDeal(id("greedy"), greedy))).contains(
                ErrorCode.DEAL_BELOW_POLICY);
        assertThat(f.revertOf(consumer, DealCalls.postDeal(id("greedy"), belowPolicy))).contains(
                ErrorCode.DEAL_BELOW_POLICY);
        assertThat(f.deals().post(id("greedy"), greedy, DealFixture.key("greedy consumer")).failure().code())
                .isEqualTo(ErrorCode.DEAL_BELOW_POLICY);
        assertThat(f.deals().headBlock()).isEqualTo(head);
        assertThat(f.deals().policy()).isEqualTo(f.roles().policy());
    }

    @Test
    void basisPointsNotSummingToTenThousand_areRefusedByTheContract() {
        EvmAddress consumer = address(f.consumer("bad split consumer", 1_000));
        DealTerms t = f.terms(100, 10, 3_600);
        String data = Abi.encode(DataDeals.FUNC_POSTDEAL, new Bytes32(id("bad split").bytes()),
                new Bytes32(t.criteriaCommitment().bytes()), new Uint64(t.categories()), new Uint8(t.purpose().bit()),
                new Uint128(t.pricePerPatient()), new Uint32(t.maxPatients()),
                new Uint64(t.deadline().getEpochSecond()), new DataDeals.Split(BigInteger.valueOf(6_000),
                        BigInteger.valueOf(2_000), BigInteger.valueOf(1_000), BigInteger.valueOf(500),
                        BigInteger.valueOf(499)));

        assertThat(f.revertOf(consumer, data)).contains(ErrorCode.DEAL_INVALID_TERMS);
    }

    @Test
    void anAccountWithoutTheMatcherRole_cannotCommitOrSettle_andTheRelayerIsOnlyTheMatcher() {
        Hash32 deal = post("not matcher", 1_000, 2, 3_600);
        Cohort c = cohort(deal, payouts("not matcher", 2, new Random(3)));
        for (EvmAddress stranger : List.of(address("stranger"), f.roles().admin())) {
            assertThat(f.revertOf(stranger, DealCalls.commitCohort(deal, c.root())))
                    .contains(ErrorCode.DEAL_NOT_MATCHER);
        }
        f.deals().commitCohort(deal, c.root()).orElseThrow();
        assertThat(f.revertOf(address("stranger"), DealCalls.settle(deal, PACKAGE, c.payouts(), true, WRAPPED_KEY)))
                .contains(ErrorCode.DEAL_NOT_MATCHER);
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, c.payouts(), true, WRAPPED_KEY)))
                .isEmpty();
    }

    @Test
    void theDeadlineAttack_noSettlementNoKeyAndTheWholeEscrowRefunded() {
        byte[] consumerKey = f.consumer("late consumer", 5_000);
        EvmAddress consumer = address(consumerKey);
        Hash32 deal = id("late");
        f.deals().post(deal, f.terms(1_000, 5, 60), consumerKey).orElseThrow();
        Cohort c = cohort(deal, payouts("late", 3, new Random(4)));
        f.deals().commitCohort(deal, c.root()).orElseThrow();
        assertThat(f.deals().refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_DEADLINE_NOT_REACHED);

        f.travel(61);

        assertThat(f.deals().settle(deal, PACKAGE, c.payouts(), WRAPPED_KEY).failure().code())
                .isEqualTo(ErrorCode.DEAL_DEADLINE_PASSED);
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, c.payouts(), true, WRAPPED_KEY)))
                .contains(ErrorCode.DEAL_DEADLINE_PASSED);
        TxRef refund = f.deals().refund(deal).orElseThrow();
        assertThat(f.deals().balanceOf(consumer)).isEqualTo(5_000);
        assertThat(f.deals().keyRelease(deal)).isEmpty();
        assertThat(f.deals().events(refund.blockNumber(), refund.blockNumber()))
                .containsExactly(new DealEvent.Refunded(deal, consumer, 5_000, refund.txHash(),
                        refund.blockNumber(), 0));
        assertThat(f.deals().refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_ALREADY_REFUNDED);
        assertThat(f.revertOf(consumer, DealCalls.refund(deal))).contains(ErrorCode.DEAL_ALREADY_REFUNDED);
    }

    @Test
    void aSettlementBegunBeforeTheDeadline_isCompletedAfterIt_andItsEscrowIsNotRefundedMeanwhile() {
        byte[] consumerKey = f.consumer("completing consumer", 5_000);
        Hash32 deal = id("completing");
        f.deals().post(deal, f.terms(1_000, 5, 60), consumerKey).orElseThrow();
        Cohort c = cohort(deal, payouts("completing", 3, new Random(5)));
        f.deals().commitCohort(deal, c.root()).orElseThrow();
        chunk(deal, c.subList(0, 1));

        f.travel(61);

        assertThat(f.deals().refund(deal).failure().code()).isEqualTo(ErrorCode.DEAL_SETTLEMENT_IN_PROGRESS);
        assertThat(f.revertOf(address(consumerKey), DealCalls.refund(deal)))
                .contains(ErrorCode.DEAL_SETTLEMENT_IN_PROGRESS);
        f.deals().settle(deal, PACKAGE, c.payouts(), WRAPPED_KEY).orElseThrow();
        assertThat(f.deals().deal(deal).orElseThrow().paidPatients()).isEqualTo(3);
        TxRef refund = f.deals().refund(deal).orElseThrow();
        assertThat(refund.txHash()).isNotBlank();
        assertThat(f.deals().balanceOf(address(consumerKey))).isEqualTo(2_000);
    }

    @Test
    void theContentKey_isReleasedOnlyByTheClosingChunk() {
        Cohort c = committed("key release", 1_000, 4, 4, 3_600);
        Hash32 deal = id("key release");

        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, c.subList(0, 2), false,
                WRAPPED_KEY))).contains(ErrorCode.DEAL_INVALID_PAYOUT);
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, c.payouts(), true,
                new byte[0]))).contains(ErrorCode.DEAL_INVALID_PAYOUT);
        chunk(deal, c.subList(0, 2));
        assertThat(f.deals().keyRelease(deal)).isEmpty();
        f.deals().settle(deal, PACKAGE, c.payouts(), WRAPPED_KEY).orElseThrow();
        assertThat(f.deals().keyRelease(deal)).isPresent();
    }

    @Test
    void theCommitment_carriesTheRootAndNoCohortSize() {
        Cohort c = committed("no count", 1_000, 50, 3, 3_600);

        List<org.web3j.protocol.core.methods.response.Log> logs = new DealSender(f.rpc()).logs(f.dataDeals(),
                DealDecoder.COMMITTED, id("no count"), java.util.Optional.empty());
        assertThat(logs).singleElement().satisfies(l -> {
            assertThat(l.getTopics()).hasSize(2);
            assertThat(l.getData()).isEqualTo(c.root().hex());
        });
        DealState d = f.deals().deal(id("no count")).orElseThrow();
        assertThat(d.cohortRoot()).contains(c.root());
        assertThat(d.paidPatients()).isZero();
    }

    @Test
    void theContractsLeaf_isTheLeafTheNodeComputes() {
        Hash32 deal = id("leaf");
        for (Payout p : payouts("leaf", 5, new Random(9))) {
            List<Object> leaf = new io.salus.chain.consent.internal.ConsentChain(f.rpc(), f.deals().relayer().hex())
                    .call(f.dataDeals(), DealCalls.leafOf(deal, new ProvenPayout(p, List.of())),
                            new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {
                            });
            assertThat(Hash32.of((byte[]) leaf.get(0))).isEqualTo(p.leaf(deal));
        }
    }

    @Test
    void posting_isIdempotentForTheSameTermsAndRefusesOtherTermsUnderTheSameId() {
        byte[] consumer = f.consumer("idempotent consumer", 10_000);
        DealTerms terms = f.terms(1_000, 5, 3_600);
        TxRef first = f.deals().post(id("idempotent"), terms, consumer).orElseThrow();

        assertThat(f.deals().post(id("idempotent"), terms, consumer).orElseThrow()).isEqualTo(first);
        assertThat(f.deals().post(id("idempotent"), f.terms(999, 5, 3_600), consumer).failure().code())
                .isEqualTo(ErrorCode.DEAL_EXISTS);
        assertThat(f.deals().balanceOf(address(consumer))).isEqualTo(5_000);
        DealState d = f.deals().deal(id("idempotent")).orElseThrow();
        assertThat(d.terms()).isEqualTo(terms);
        assertThat(d.consumer()).isEqualTo(address(consumer));
        assertThat(f.deals().events(first.blockNumber(), first.blockNumber())).singleElement()
                .isInstanceOfSatisfying(DealEvent.Posted.class, p -> assertThat(p.split()).isEqualTo(terms.split()));
    }

    @Test
    void aConsumerWithoutEnoughTokens_isRefusedBeforeAnythingIsSent() {
        byte[] consumer = f.consumer("poor consumer", 999);
        long head = f.deals().headBlock();

        assertThat(f.deals().post(id("poor"), f.terms(100, 10, 3_600), consumer).failure().code())
                .isEqualTo(ErrorCode.DEAL_INSUFFICIENT_FUNDS);
        assertThat(f.deals().headBlock()).isEqualTo(head);
        assertThat(f.deals().deal(id("poor"))).isEmpty();
    }

    @Test
    void moreThanMaxPatients_orACommitTwice_isRefused() {
        Cohort c = committed("cohort", 1_000, 3, 4, 3_600);
        Hash32 deal = id("cohort");

        assertThat(f.deals().commitCohort(deal, c.root()).orElseThrow().txHash()).isNotBlank();
        assertThat(f.deals().commitCohort(deal, id("other root")).failure().code())
                .isEqualTo(ErrorCode.DEAL_ALREADY_COMMITTED);
        assertThat(f.deals().settle(deal, PACKAGE, c.payouts(), WRAPPED_KEY).failure().code())
                .isEqualTo(ErrorCode.DEAL_COHORT_TOO_LARGE);
        assertThat(f.revertOf(f.deals().relayer(), DealCalls.settle(deal, PACKAGE, c.payouts(), true, WRAPPED_KEY)))
                .contains(ErrorCode.DEAL_COHORT_TOO_LARGE);
        assertThat(f.deals().settle(id("no such deal"), PACKAGE, List.of(), WRAPPED_KEY).failure().code())
                .isEqualTo(ErrorCode.DEAL_NOT_FOUND);
    }
}
