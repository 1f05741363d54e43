package io.salus.chain.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.DealAddresses;
import io.salus.chain.TestChains;
import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.TxSender;
import io.salus.chain.zk.internal.SimulatedWrites;
import io.salus.contracts.generated.ClaimsPayout;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * ClaimsPayout on a real anvil: insurers fund their own balances, the node (adjudicator) records each claim's digest
 * and pays an approved claim's amount to its provider once. Each attack is named for what the contract stops.
 */
class ClaimsPayoutIT {
    @TempDir
    static Path dir;
    static TestChains.Node node;
    static DealAddresses deals;
    static EvmClaimsLedger claims;
    static EvmAddress contract;
    static EvmAddress provider;

    @BeforeAll
    static void start() {
        node = TestChains.Node.start(TestChains.config(dir.resolve("chain")));
        deals = node.contracts().deals().orElseThrow();
        contract = ClaimsDeployment.ensureDeployed(node.ledger(), deals.paymentToken(), dir.resolve("claims.json"));
        claims = new EvmClaimsLedger(node.ledger(), deals.paymentToken(), () -> contract, node.chain()::fund);
        provider = registered(AccountKind.PHYSICIAN);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Credentials key() {
        try {
            return Credentials.create(Keys.createEcKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static EvmAddress registered(AccountKind kind) {
        EvmAddress a = new EvmAddress(key().getAddress());
        node.ledger().registerAccount(a, kind);
        return a;
    }

    /** An insurer holding {@code minted} tokens and {@code funded} of them in its payout balance. */
    static Credentials insurer(long minted, long funded) {
        Credentials c = key();
        node.ledger().access().sender().send(deals.paymentToken().hex(), DealCalls.mint(new EvmAddress(c
                .getAddress()), minted));
        claims.fund(fixed(c), funded).orElseThrow();
        return c;
    }

    static byte[] fixed(Credentials c) {
        byte[] raw = c.getEcKeyPair().getPrivateKey().toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    static EvmAddress address(Credentials c) {
        return new EvmAddress(c.getAddress());
    }

    static Hash32 newKey() {
        return Hashing.keccak256(("claim " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    }

    static final Hash32 DIGEST = Hashing.keccak256("salted digest".getBytes(StandardCharsets.UTF_8));

    @Test
    void approvedClaim_paysItsProviderExactlyTheApprovedAmount_fromTheInsurersFunds() {
        Credentials insurer = insurer(1_000, 600);
        assertThat(claims.fundsOf(address(insurer))).isEqualTo(600);
        Hash32 k = newKey();
        long before = claims.balanceOf(provider);
        claims.record(k, DIGEST, address(insurer), provider, 250).orElseThrow();
        claims.pay(k).orElseThrow();
        assertThat(claims.balanceOf(provider) - before).isEqualTo(250);
        assertThat(claims.fundsOf(address(insurer))).isEqualTo(350);
        var onChain = claims.claimOf(k);
        assertThat(onChain.paid()).isTrue();
        assertThat(onChain.payee()).isEqualTo(provider);
        assertThat(onChain.approved()).isEqualTo(250);
        assertThat(onChain.digest()).isEqualTo(DIGEST);
    }

    @Test
    void secondPayoutOfTheSameClaim_isRefused() {
        Credentials insurer = insurer(1_000, 1_000);
        Hash32 k = newKey();
        claims.record(k, DIGEST, address(insurer), provider, 100).orElseThrow();
        claims.pay(k).orElseThrow();
        assertThat(claims.pay(k).failure().code()).isEqualTo(ErrorCode.CLAIM_ALREADY_PAID);
        assertThat(claims.fundsOf(address(insurer))).isEqualTo(900);
    }

    @Test
    void recordingAClaimIdTwice_isRefused_soItsAmountCannotBeRaised() {
        Credentials insurer = insurer(1_000, 1_000);
        Hash32 k = newKey();
        claims.record(k, DIGEST, address(insurer), provider, 100).orElseThrow();
        assertThat(claims.record(k, DIGEST, address(insurer), provider, 900).failure().code())
                .isEqualTo(ErrorCode.CLAIM_ALREADY_RECORDED);
        assertThat(claims.claimOf(k).approved()).isEqualTo(100);
    }

    @Test
    void payoutBeyondTheInsurersFunds_isRefused_andNoOtherInsurersFundsAreUsed() {
        Credentials poor = insurer(1_000, 40);
        Credentials rich = insurer(1_000, 1_000);
        Hash32 k = newKey();
        claims.record(k, DIGEST, address(poor), provider, 50).orElseThrow();
        assertThat(claims.pay(k).failure().code()).isEqualTo(ErrorCode.CLAIM_INSUFFICIENT_FUNDS);
        assertThat(claims.fundsOf(address(rich))).isEqualTo(1_000);
        assertThat(claims.claimOf(k).paid()).isFalse();
        claims.fund(fixed(poor), 10).orElseThrow();
        claims.pay(k).orElseThrow();
        assertThat(claims.fundsOf(address(poor))).isZero();
    }

    @Test
    void approvedClaimToAPayeeThatIsNotARegisteredProvider_isRefused() {
        Credentials insurer = insurer(1_000, 1_000);
        EvmAddress patient = registered(AccountKind.PATIENT);
        assertThat(claims.record(newKey(), DIGEST, address(insurer), patient, 10).failure().code())
                .isEqualTo(ErrorCode.CLAIM_PAYEE_NOT_REGISTERED);
        assertThat(claims.record(newKey(), DIGEST, address(insurer), address(key()), 10).failure().code())
                .isEqualTo(ErrorCode.CLAIM_PAYEE_NOT_REGISTERED);
    }

    @Test
    void refusedClaim_isAnchoredButNeverPaid() {
        Credentials insurer = insurer(1_000, 1_000);
        Hash32 k = newKey();
        claims.record(k, DIGEST, address(insurer), provider, 0).orElseThrow();
        assertThat(claims.claimOf(k).digest()).isEqualTo(DIGEST);
        assertThat(claims.pay(k).failure().code()).isEqualTo(ErrorCode.CLAIM_NOT_PAYABLE);
        assertThat(claims.pay(newKey()).failure().code()).isEqualTo(ErrorCode.CLAIM_NOT_FOUND);
    }

    @Test
    void anInsurerCannotRecordOrPayClaimsItself() {
        Credentials insurer = insurer(1_000, 1_000);
        node.chain().fund(address(insurer));
        TxSender own = node.ledger().access().sender().forAccount(insurer);
        SimulatedWrites writes = new SimulatedWrites(node.ledger().access().rpc(), EvmClaimsLedger.ERRORS);
        Hash32 k = newKey();
        assertThat(writes.transact(own, contract, Abi.encode(ClaimsPayout.FUNC_RECORD, new Bytes32(k.bytes()),
                new Bytes32(DIGEST.bytes()), new Address(address(insurer).hex()), new Address(address(insurer).hex()),
                new Uint128(1_000)), EvmClaimsLedger.RECORD_GAS).failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
        claims.record(k, DIGEST, address(insurer), provider, 10).orElseThrow();
        assertThat(writes.transact(own, contract, Abi.encode(ClaimsPayout.FUNC_PAY, new Bytes32(k.bytes())),
                EvmClaimsLedger.PAY_GAS).failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
    }
}
