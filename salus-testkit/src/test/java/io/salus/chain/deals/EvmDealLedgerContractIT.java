package io.salus.chain.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.DataDeals;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.contract.DealLedgerContract;
import io.salus.testkit.data.DealFixtures;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/** {@link EvmDealLedger} on the local chain against the port's contract, and a split the contract itself refuses. */
@WithChain
class EvmDealLedgerContractIT extends DealLedgerContract {
    private final TestChain chain;
    private final EvmDealLedger deals;

    EvmDealLedgerContractIT(TestChain chain) {
        this.chain = chain;
        this.deals = chain.deployment().deals(CHUNK);
    }

    @Override
    protected DealLedger deals() {
        return deals;
    }

    @Override
    protected Instant now() {
        return deals.now();
    }

    @Override
    protected void advanceTime(long seconds) {
        chain.travel(seconds);
    }

    @Override
    protected EvmAddress operator() {
        return deals.relayer();
    }

    @Override
    protected void settleOneChunk(Hash32 dealId, Hash32 packageHash, List<Payout> chunk) {
        DirectDeals.sendChunk(chain.deployment(), dealId, packageHash, chunk);
    }

    @Override
    protected Optional<ErrorCode> refusedOnChain(EvmAddress from, DealCall call) {
        String data = switch (call) {
            case DealCall.Commit c -> DealCalls.commitCohort(c.dealId(), c.root(), c.patientCount());
            case DealCall.Settle s -> DealCalls.settle(s.dealId(), s.packageHash(), s.payouts(), s.last());
            case DealCall.Refund r -> DealCalls.refund(r.dealId());
        };
        return DirectDeals.revertOf(chain, chain.deployment(), from, data);
    }

    @Override
    protected long escrowTokens() {
        return deals.balanceOf(chain.contracts().deals().orElseThrow().dataDeals());
    }

    @Override
    protected long escrowRecorded() {
        return deals.totalEscrow();
    }

    @Test
    void basisPointsNotSummingToTenThousand_areRefusedByTheContract() {
        byte[] consumerKey = key("bad split consumer");
        deals.mint(address(consumerKey), 1_000);
        EvmAddress consumer = address(consumerKey);
        DealTerms t = DealFixtures.terms(id("criteria"), now(), 100, 10, 3_600);
        String data = Abi.encode(DataDeals.FUNC_POSTDEAL, new Bytes32(id("bad split").bytes()),
                new Bytes32(t.criteriaHash().bytes()), new Uint64(t.categories()), new Uint8(t.purpose().bit()),
                new Uint128(t.pricePerPatient()), new Uint32(t.maxPatients()),
                new Uint64(t.deadline().getEpochSecond()), new DataDeals.Split(BigInteger.valueOf(6_000),
                        BigInteger.valueOf(2_000), BigInteger.valueOf(1_000), BigInteger.valueOf(500),
                        BigInteger.valueOf(499)));

        assertThat(DirectDeals.revertOf(chain, chain.deployment(), consumer, data))
                .contains(ErrorCode.DEAL_INVALID_TERMS);
    }
}
