package io.salus.chain.deals;

import io.salus.chain.ContractAddresses;
import io.salus.chain.DealRoles;
import io.salus.chain.EvmLedger;
import io.salus.chain.internal.Reverts;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.PackageHashes;
import io.salus.testkit.chain.Deployment;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.data.DealFixtures;
import io.salus.testkit.data.DealFixtures.Cohort;
import java.util.List;
import java.util.Optional;
import java.util.Random;

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

    EvmAddress dataDeals() {
        return contracts().deals().orElseThrow().dataDeals();
    }

    DealRoles roles() {
        return deployment.roles();
    }

    EvmDealAdmin admin() {
        return deployment.dealAdmin();
    }

    EvmAddress address(String name) {
        return chain.address(name);
    }

    Hash32 id(String name) {
        return chain.id(name);
    }

    /** The hashes of a package as a settlement records them. */
    PackageHashes packageHashes() {
        return new PackageHashes(id("package plaintext"), id("package ciphertext"));
    }

    /** A content key wrapped to the consumer, as the closing chunk releases it. */
    byte[] wrappedKey() {
        return id("wrapped content key").bytes();
    }

    /** Terms with the deadline {@code seconds} after the chain's latest block. */
    DealTerms terms(long price, int maxPatients, long seconds) {
        return terms(price, maxPatients, seconds, DealFixtures.SPLIT);
    }

    DealTerms terms(long price, int maxPatients, long seconds, Split split) {
        return DealFixtures.terms(id("criteria"), deals.chainTime(), price, maxPatients, seconds, split);
    }

    /** A consumer key holding {@code amount} units. */
    byte[] consumer(String name, long amount) {
        byte[] k = chain.key(name);
        deals.mint(TestChain.address(k), amount);
        return k;
    }

    /** {@code n} payouts with per-deal patient payees, some with a caregiver payee, 0-3 providers. */
    List<Payout> payouts(String name, int n, Random r) {
        return DealFixtures.payouts(name, n, r, this::address, this::id);
    }

    static Cohort cohort(Hash32 dealId, List<Payout> payouts) {
        return DealFixtures.cohort(dealId, payouts);
    }

    /** One settlement chunk sent straight to the contract without closing the deal; throws if it is refused. */
    void chunk(Hash32 dealId, List<ProvenPayout> payouts) {
        DirectDeals.sendChunk(deployment, dealId, packageHashes(), payouts);
    }

    /** Moves the chain's clock forward and mines a block. */
    void travel(long seconds) {
        chain.travel(seconds);
    }

    /** The failure a direct call of DataDeals from {@code from} reverts with (no pre-flight), if it reverts. */
    Optional<ErrorCode> revertOf(EvmAddress from, String data) {
        return DirectDeals.revertOf(chain, from, dataDeals(), data, Reverts.DEALS);
    }

    /** The name of the custom error a direct call reverts with, if it reverts (errors of the timelock too). */
    Optional<String> revertName(EvmAddress from, EvmAddress to, String data) {
        return DirectDeals.revertName(chain, from, to, data).map(DirectDeals.Revert::name);
    }
}
