package io.salus.chain.deals.internal;

import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.DataDeals;
import io.salus.contracts.generated.PaymentToken;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.Split;
import io.salus.core.merkle.Hash32;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/** ABI-encoded calls of PaymentToken and DataDeals. Stateless and thread-safe. */
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

    public static String balanceOf(EvmAddress account) {
        return Abi.encode(PaymentToken.FUNC_BALANCEOF, new Address(account.hex()));
    }

    public static String allowance(EvmAddress owner, EvmAddress spender) {
        return Abi.encode(PaymentToken.FUNC_ALLOWANCE, new Address(owner.hex()), new Address(spender.hex()));
    }

    public static String postDeal(Hash32 dealId, DealTerms t) {
        Split s = t.split();
        return Abi.encode(DataDeals.FUNC_POSTDEAL, bytes32(dealId), bytes32(t.criteriaHash()),
                new Uint64(t.categories()), new Uint8(t.purpose().bit()), new Uint128(t.pricePerPatient()),
                new Uint32(t.maxPatients()), new Uint64(t.deadline().getEpochSecond()),
                new DataDeals.Split(big(s.patient()), big(s.providers()), big(s.caregiver()), big(s.daoTreasury()),
                        big(s.operator())));
    }

    public static String commitCohort(Hash32 dealId, Hash32 root, int patientCount) {
        return Abi.encode(DataDeals.FUNC_COMMITCOHORT, bytes32(dealId), bytes32(root), new Uint32(patientCount));
    }

    public static String settle(Hash32 dealId, Hash32 packageHash, List<Payout> payouts, boolean last) {
        List<DataDeals.Payout> p = payouts.stream().map(DealCalls::payout).toList();
        return Abi.encode(DataDeals.FUNC_SETTLE, bytes32(dealId), bytes32(packageHash),
                new DynamicArray<>(DataDeals.Payout.class, p), new Bool(last));
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

    public static String setMatcher(EvmAddress matcher, boolean enabled) {
        return Abi.encode(DataDeals.FUNC_SETMATCHER, new Address(matcher.hex()), new Bool(enabled));
    }

    private static DataDeals.Payout payout(Payout p) {
        return new DataDeals.Payout(p.patient().hex(), p.caregiver().map(EvmAddress::hex).orElse(ZERO),
                p.providers().stream().map(s -> s.provider().hex()).toList(),
                p.providers().stream().map(ProviderShare::weight).map(BigInteger::valueOf).toList());
    }

    private static Bytes32 bytes32(Hash32 h) {
        return new Bytes32(h.bytes());
    }

    private static BigInteger big(int v) {
        return BigInteger.valueOf(v);
    }
}
