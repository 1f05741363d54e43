package io.salus.chain.deals.internal;

import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.DataDeals;
import io.salus.contracts.generated.DealPolicy;
import io.salus.contracts.generated.DealTimelock;
import io.salus.contracts.generated.PaymentToken;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.Split;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.PackageHashes;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/** ABI-encoded calls of PaymentToken, DataDeals, DealPolicy and DealTimelock. Stateless and thread-safe. */
public final class DealCalls {
    private static final String ZERO = "0x" + "0".repeat(40);

    private DealCalls() {
    }

    public static String mint(EvmAddress to, long amount) {
        return Abi.encode(PaymentToken.FUNC_MINT, new Address(to.hex()), new Uint256(amount));
    }

    public static String approve(EvmAddress spender, long amount) {
        return Abi.encode(PaymentToken.FUNC_APPROVE, new Address(spender.hex()), new Uint256(amount));
    }

    public static String transfer(EvmAddress to, long amount) {
        return Abi.encode(PaymentToken.FUNC_TRANSFER, new Address(to.hex()), new Uint256(amount));
    }

    public static String balanceOf(EvmAddress account) {
        return Abi.encode(PaymentToken.FUNC_BALANCEOF, new Address(account.hex()));
    }

    public static String allowance(EvmAddress owner, EvmAddress spender) {
        return Abi.encode(PaymentToken.FUNC_ALLOWANCE, new Address(owner.hex()), new Address(spender.hex()));
    }

    public static String postDeal(Hash32 dealId, DealTerms t) {
        return postDeal(dealId, t, t.split());
    }

    /** A post with any split, even one that does not sum to 10,000 (for tests of the contract's own checks). */
    public static String postDeal(Hash32 dealId, DealTerms t, Split s) {
        return Abi.encode(DataDeals.FUNC_POSTDEAL, bytes32(dealId), bytes32(t.criteriaCommitment()),
                new Uint64(t.categories()), new Uint8(t.purpose().bit()), new Uint128(t.pricePerPatient()),
                new Uint32(t.maxPatients()), new Uint64(t.deadline().getEpochSecond()), split(s));
    }

    public static DataDeals.Split split(Split s) {
        return new DataDeals.Split(big(s.patient()), big(s.providers()), big(s.caregiver()), big(s.daoTreasury()),
                big(s.operator()));
    }

    public static String commitCohort(Hash32 dealId, Hash32 root) {
        return Abi.encode(DataDeals.FUNC_COMMITCOHORT, bytes32(dealId), bytes32(root));
    }

    public static String settle(Hash32 dealId, PackageHashes hashes, List<ProvenPayout> payouts, boolean last,
            byte[] wrappedKey) {
        List<DataDeals.Payout> p = payouts.stream().map(DealCalls::payout).toList();
        return Abi.encode(DataDeals.FUNC_SETTLE, bytes32(dealId), bytes32(hashes.plaintext()),
                bytes32(hashes.ciphertext()), new DynamicArray<>(DataDeals.Payout.class, p), new Bool(last),
                new DynamicBytes(wrappedKey));
    }

    public static String leafOf(Hash32 dealId, ProvenPayout payout) {
        return Abi.encode(DataDeals.FUNC_LEAFOF, bytes32(dealId), payout(payout));
    }

    public static String isPaid(Hash32 dealId, EvmAddress payee) {
        return Abi.encode(DataDeals.FUNC_ISPAID, bytes32(dealId), new Address(payee.hex()));
    }

    public static String refund(Hash32 dealId) {
        return Abi.encode(DataDeals.FUNC_REFUND, bytes32(dealId));
    }

    public static String dealOf(Hash32 dealId) {
        return Abi.encode(DataDeals.FUNC_DEALOF, bytes32(dealId));
    }

    public static String totalEscrow() {
        return Abi.encode(DataDeals.FUNC_TOTALESCROW);
    }

    public static String setPayees(EvmAddress daoTreasury, EvmAddress operator) {
        return Abi.encode(DataDeals.FUNC_SETPAYEES, new Address(daoTreasury.hex()), new Address(operator.hex()));
    }

    public static String grantRole(Hash32 role, EvmAddress account) {
        return Abi.encode(DataDeals.FUNC_GRANTROLE, bytes32(role), new Address(account.hex()));
    }

    public static String hasRole(Hash32 role, EvmAddress account) {
        return Abi.encode(DataDeals.FUNC_HASROLE, bytes32(role), new Address(account.hex()));
    }

    public static String policyTerms() {
        return Abi.encode(DealPolicy.FUNC_CURRENT);
    }

    public static String setPolicy(SplitPolicy p) {
        return Abi.encode(DealPolicy.FUNC_SETTERMS, new DealPolicy.Terms(big(p.minPatient()), big(p.minProviders()),
                big(p.minCaregiver()), big(p.minDaoTreasury()), big(p.maxOperator())));
    }

    /** The timelock's {@code schedule(target, 0, data, 0, salt, delay)}. */
    public static String schedule(EvmAddress target, String data, Hash32 salt, long delaySeconds) {
        return Abi.encode(DealTimelock.FUNC_SCHEDULE, new Address(target.hex()), new Uint256(0),
                new DynamicBytes(org.web3j.utils.Numeric.hexStringToByteArray(data)), bytes32(Hash32.ZERO),
                bytes32(salt), new Uint256(delaySeconds));
    }

    /** The timelock's {@code execute(target, 0, data, 0, salt)}. */
    public static String execute(EvmAddress target, String data, Hash32 salt) {
        return Abi.encode(DealTimelock.FUNC_EXECUTE, new Address(target.hex()), new Uint256(0),
                new DynamicBytes(org.web3j.utils.Numeric.hexStringToByteArray(data)), bytes32(Hash32.ZERO),
                bytes32(salt));
    }

    /** A payout with its proof as DataDeals (and StudyPayouts) take it. */
    public static DataDeals.Payout payout(ProvenPayout proven) {
        Payout p = proven.payout();
        return new DataDeals.Payout(p.pseudonym().bytes(), p.patient().hex(),
                p.caregiver().map(EvmAddress::hex).orElse(ZERO),
                p.providers().stream().map(s -> s.provider().hex()).toList(),
                p.providers().stream().map(ProviderShare::weight).map(BigInteger::valueOf).toList(),
                proven.proof().stream().map(Hash32::bytes).toList(), p.daoTreasury().map(EvmAddress::hex).orElse(ZERO));
    }

    public static String registerDaoTreasury(EvmAddress treasury) {
        return Abi.encode(DataDeals.FUNC_REGISTERDAOTREASURY, new Address(treasury.hex()));
    }

    public static String isDaoTreasury(EvmAddress treasury) {
        return Abi.encode(DataDeals.FUNC_ISDAOTREASURY, new Address(treasury.hex()));
    }

    private static Bytes32 bytes32(Hash32 h) {
        return new Bytes32(h.bytes());
    }

    private static BigInteger big(int v) {
        return BigInteger.valueOf(v);
    }
}
