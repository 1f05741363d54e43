package io.salus.chain.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainReads;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Split;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.testkit.chain.Deployment;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;

/**
 * The deal contracts' administration: every admin role is the timelock's, so the payees, the matcher and the split
 * policy change only through a change scheduled in public and executed after the delay; neither the relayer (the
 * matcher) nor the admin key can change anything directly. On a deployment of this class's own, since it changes
 * payees and policy.
 */
@WithChain
class DealAdminIT {
    static DealFixture f;
    static EvmDealAdmin admin;

    @BeforeAll
    static void deploy(TestChain chain) {
        f = DealFixture.on(chain, chain.freshDeployment(), EvmDealLedger.DEFAULT_CHUNK);
        admin = f.admin();
    }

    @Test
    void anAdminChangeBeforeItsTimelockDelay_reverts_andTakesEffectOnlyAfterIt() {
        EvmAddress treasury = f.address("new dao treasury");
        EvmDealAdmin.Change change = admin.payees(treasury, f.address("new operator"), f.id("payees 1"));
        admin.schedule(change, Deployment.TIMELOCK_DELAY).orElseThrow();

        assertThat(f.revertName(admin.address(), f.contracts().deals().orElseThrow().timelock(),
                DealCalls.execute(change.target(), change.data(), change.salt())))
                .contains("TimelockUnexpectedOperationState");
        assertThat(admin.execute(change).failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(daoTreasury()).isEqualTo(f.roles().daoTreasury());

        f.travel(Deployment.TIMELOCK_DELAY.toSeconds() + 1);

        admin.execute(change).orElseThrow();
        assertThat(daoTreasury()).isEqualTo(treasury);
    }

    @Test
    void aChangeScheduledWithLessThanTheMinimumDelay_isRefused() {
        EvmDealAdmin.Change change = admin.payees(f.address("hasty"), f.address("hasty"), f.id("hasty"));
        assertThat(admin.schedule(change, Duration.ofSeconds(1)).failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void neitherTheRelayerNorTheAdminKey_canChangePayeesMatcherOrPolicyDirectly() {
        EvmAddress deals = f.dataDeals();
        EvmAddress policy = f.contracts().deals().orElseThrow().dealPolicy();
        for (EvmAddress caller : List.of(f.deals().relayer(), admin.address())) {
            assertThat(f.revertName(caller, deals, DealCalls.setPayees(caller, caller)))
                    .contains("AccessControlUnauthorizedAccount");
            assertThat(f.revertName(caller, deals, DealCalls.grantRole(EvmDealAdmin.MATCHER_ROLE, caller)))
                    .contains("AccessControlUnauthorizedAccount");
            assertThat(f.revertName(caller, policy, DealCalls.setPolicy(new SplitPolicy(1, 0, 0, 0, 10_000))))
                    .contains("AccessControlUnauthorizedAccount");
        }
        assertThat(hasRole(Hash32.ZERO, f.deals().relayer())).isFalse();
        assertThat(hasRole(EvmDealAdmin.MATCHER_ROLE, f.deals().relayer())).isTrue();
        assertThat(hasRole(Hash32.ZERO, admin.address())).isFalse();
        assertThat(hasRole(Hash32.ZERO, f.contracts().deals().orElseThrow().timelock())).isTrue();
    }

    @Test
    void aPolicyRaisedThroughTheTimelock_refusesDealsBelowIt() {
        SplitPolicy stricter = new SplitPolicy(7_000, 1_000, 500, 300, 1_000);
        EvmDealAdmin.Change change = admin.policy(stricter, f.id("policy 1"));
        admin.schedule(change, Deployment.TIMELOCK_DELAY).orElseThrow();
        byte[] consumer = f.consumer("policy consumer", 10_000_000);
        f.deals().post(f.id("before the policy"), f.terms(1_000, 5, 3_600), consumer).orElseThrow();

        f.travel(Deployment.TIMELOCK_DELAY.toSeconds() + 1);
        admin.execute(change).orElseThrow();

        assertThat(f.deals().policy()).isEqualTo(stricter);
        assertThat(f.deals().post(f.id("after the policy"), f.terms(1_000, 5, 3_600), consumer).failure().code())
                .isEqualTo(ErrorCode.DEAL_BELOW_POLICY);
        assertThat(f.revertOf(TestChain.address(consumer), DealCalls.postDeal(f.id("after the policy"),
                f.terms(1_000, 5, 3_600)))).contains(ErrorCode.DEAL_BELOW_POLICY);
        f.deals().post(f.id("at the policy"), f.terms(1_000, 5, 3_600, new Split(7_000, 1_500, 500, 500, 500)),
                consumer).orElseThrow();
    }

    private static EvmAddress daoTreasury() {
        return new EvmAddress((String) reads().call(f.dataDeals(), Abi.encode("daoTreasury"),
                new TypeReference<Address>() {
                }).get(0));
    }

    private static boolean hasRole(Hash32 role, EvmAddress account) {
        return reads().uint(f.dataDeals(), DealCalls.hasRole(role, account)).equals(BigInteger.ONE);
    }

    private static ChainReads reads() {
        return new ChainReads(f.chain().rpc(), f.deals().relayer().hex());
    }
}
