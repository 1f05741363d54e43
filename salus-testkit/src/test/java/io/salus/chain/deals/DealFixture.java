package io.salus.chain.deals;

import io.salus.chain.ContractAddresses;
import io.salus.chain.EvmLedger;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealTerms;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.testkit.chain.Deployment;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.data.DealFixtures;
import java.util.Optional;

/** A deal ledger on a deployment of the test chain, with the chain helpers the deal tests use. */
record DealFixture(TestChain chain, Deployment deployment, EvmDealLedger deals) {

    static DealFixture on(TestChain chain, Deployment deployment, int chunkSize) {
        return new DealFixture(chain, deployment, deployment.deals(chunkSize));
    }

    EvmLedger ledger() {
        return deployment.ledger();
    }

    ContractAddresses contracts() {
        return deployment.contracts();
    }

    EvmAddress address(String name) {
        return chain.address(name);
    }

    Hash32 id(String name) {
        return chain.id(name);
    }

    /** Terms with the deadline {@code seconds} after the chain's latest block. */
    DealTerms terms(long price, int maxPatients, long seconds) {
        return DealFixtures.terms(id("criteria"), deals.now(), price, maxPatients, seconds);
    }

    /** A consumer key holding {@code amount} units. */
    byte[] consumer(String name, long amount) {
        byte[] k = chain.key(name);
        deals.mint(TestChain.address(k), amount);
        return k;
    }

    /** Moves the chain's clock forward and mines a block. */
    void travel(long seconds) {
        chain.travel(seconds);
    }

    /** The failure code a direct call of DataDeals from {@code from} reverts with (no pre-flight), if it reverts. */
    Optional<ErrorCode> revertOf(EvmAddress from, String data) {
        return DirectDeals.revertOf(chain, deployment, from, data);
    }
}
