package io.salus.chain.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.deals.internal.DealDecoder;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.contracts.generated.DataDeals;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger;
import io.salus.core.port.DealLedger.PackageHashes;
import io.salus.testkit.chain.Deployment;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.contract.DealLedgerContract;
import io.salus.testkit.data.DealFixtures;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;

/**
 * {@link EvmDealLedger} on the local chain against the port's contract, on a deployment of this class's own (the
 * suite changes the split policy for a while); and what only the EVM shows: the contract's leaf is the node's (with or without a DAO treasury), the
 * commitment's log holds the root alone, basis points not summing to 10,000 are refused by the contract.
 */
@WithChain
class EvmDealLedgerContractIT extends DealLedgerContract {
    private static Deployment deployment;
    private final TestChain chain;
    private final EvmDealLedger deals;

    @BeforeAll
    static void deploy(TestChain chain) {
        deployment = chain.freshDeployment();
    }

    EvmDealLedgerContractIT(TestChain chain) {
        this.chain = chain;
        this.deals = deployment.deals(CHUNK);
    }

    @Override
    protected DealLedger deals() {
        return deals;
    }

    @Override
    protected void advanceTime(long seconds) {
        chain.travel(seconds);
    }

    @Override
    protected long sentBy(EvmAddress account) {
        return chain.sentBy(account);
    }

    @Override
    protected EvmAddress matcher() {
        return deals.relayer();
    }

    @Override
    protected EvmAddress daoTreasury() {
        return deployment.roles().daoTreasury();
    }

    @Override
    protected EvmAddress operatorPayee() {
        return deployment.roles().operatorPayee();
    }

    @Override
    protected Admin admin() {
        EvmDealAdmin admin = deployment.dealAdmin();
        return new Admin() {
            @Override
            public EvmAddress address() {
                return admin.address();
            }

            @Override
            public Duration delay() {
                return Deployment.TIMELOCK_DELAY;
            }

            @Override
            public Result<TxRef> schedulePolicy(SplitPolicy policy, Hash32 salt) {
                return admin.schedule(admin.policy(policy, salt), delay());
            }

            @Override
            public Result<TxRef> executePolicy(SplitPolicy policy, Hash32 salt) {
                return admin.execute(admin.policy(policy, salt));
            }
        };
    }

    @Override
    protected void settleOneChunk(Hash32 dealId, PackageHashes hashes, List<ProvenPayout> chunk) {
        DirectDeals.sendChunk(deployment, dealId, hashes, chunk);
    }

    @Override
    protected Optional<ErrorCode> refusedOnChain(EvmAddress from, DealCall call) {
        EvmAddress dataDeals = deployment.contracts().deals().orElseThrow().dataDeals();
        return switch (call) {
            case DealCall.Post p -> DirectDeals.revertOf(chain, from, dataDeals, DealCalls.postDeal(p.dealId(),
                    p.terms()), Reverts.DEALS);
            case DealCall.Commit c -> DirectDeals.revertOf(chain, from, dataDeals, DealCalls.commitCohort(c.dealId(),
                    c.root()), Reverts.DEALS);
            case DealCall.Settle s -> DirectDeals.revertOf(chain, from, dataDeals, DealCalls.settle(s.dealId(),
                    s.hashes(), s.payouts(), s.last(), s.wrappedKey()), Reverts.DEALS);
            case DealCall.Refund r -> DirectDeals.revertOf(chain, from, dataDeals, DealCalls.refund(r.dealId()),
                    Reverts.DEALS);
            case DealCall.SetPolicy p -> DirectDeals.revertOf(chain, from,
                    deployment.contracts().deals().orElseThrow().dealPolicy(), DealCalls.setPolicy(p.policy()),
                    Reverts.DEAL_ADMIN);
        };
    }

    @Override
    protected long escrowTokens() {
        return deals.balanceOf(deployment.contracts().deals().orElseThrow().dataDeals());
    }

    @Override
    protected long escrowRecorded() {
        return deals.totalEscrow();
    }

    @Test
    void basisPointsNotSummingToTenThousand_areRefusedByTheContract() {
        byte[] consumerKey = consumer("bad split consumer", 1_000);
        DealTerms t = terms(100, 10, 3_600);
        String data = Abi.encode(DataDeals.FUNC_POSTDEAL, new Bytes32(id("bad split").bytes()),
                new Bytes32(t.criteriaCommitment().bytes()), new Uint64(t.categories()), new Uint8(t.purpose().bit()),
                new Uint128(t.pricePerPatient()), new Uint32(t.maxPatients()),
                new Uint64(t.deadline().getEpochSecond()), new DataDeals.Split(BigInteger.valueOf(6_000),
                        BigInteger.valueOf(2_000), BigInteger.valueOf(1_000), BigInteger.valueOf(500),
                        BigInteger.valueOf(499)));

        assertThat(DirectDeals.revertOf(chain, address(consumerKey),
                deployment.contracts().deals().orElseThrow().dataDeals(), data, Reverts.DEALS))
                .contains(ErrorCode.DEAL_INVALID_TERMS);
    }

    @Test
    void theCommitmentsLog_holdsTheDealAndTheRootOnly() {
        byte[] consumerKey = consumer("log consumer", 50_000);
        Hash32 deal = id("log");
        deals.post(deal, terms(1_000, 50, 3_600), consumerKey).orElseThrow();
        Hash32 root = DealFixtures.cohort(deal, DealFixtures.payouts("log", 3, new Random(11), this::address,
                this::id)).root();
        TxRef commit = deals.commitCohort(deal, root).orElseThrow();

        List<Log> logs = new ChainReads(chain.rpc(), deals.relayer().hex()).logs(
                deployment.contracts().deals().orElseThrow().dataDeals(), commit.blockNumber(), commit.blockNumber(),
                DealDecoder.COMMITTED, deal.hex());
        assertThat(logs).singleElement().satisfies(l -> {
            assertThat(l.getTopics()).containsExactly(DealDecoder.COMMITTED, deal.hex());
            assertThat(l.getData()).isEqualTo(root.hex());
        });
    }

    @Test
    void theContractsLeaf_isTheLeafTheNodeComputes() {
        Hash32 deal = id("leaf");
        ChainReads reads = new ChainReads(chain.rpc(), deals.relayer().hex());
        for (Payout p : DealFixtures.payouts("leaf", 5, new Random(9), this::address, this::id)) {
            Payout inDao = p.withDaoTreasury(Optional.of(address("a DAO's timelock")));
            for (Payout q : List.of(p, inDao)) {
                List<Object> leaf = reads.call(deployment.contracts().deals().orElseThrow().dataDeals(),
                        DealCalls.leafOf(deal, new ProvenPayout(q, List.of())), new TypeReference<Bytes32>() {
                        });
                assertThat(Hash32.of((byte[]) leaf.get(0))).isEqualTo(q.leaf(deal));
            }
            assertThat(inDao.leaf(deal)).as("the DAO treasury is committed in the leaf").isNotEqualTo(p.leaf(deal));
        }
    }
}
