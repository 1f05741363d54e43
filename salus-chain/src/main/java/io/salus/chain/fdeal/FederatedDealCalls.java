package io.salus.chain.fdeal;

import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.FederatedDeals;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.Split;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.PackageHashes;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/** ABI-encoded calls of FederatedDeals and the outputs of its views. Stateless and thread-safe. */
final class FederatedDealCalls {
    private static final String ZERO = "0x" + "0".repeat(40);

    private FederatedDealCalls() {
    }

    static String postDeal(Hash32 dealId, DealTerms t) {
        Split s = t.split();
        return Abi.encode(FederatedDeals.FUNC_POSTDEAL, b32(dealId), b32(t.criteriaCommitment()),
                new Uint64(t.categories()), new Uint8(t.purpose().bit()), new Uint128(t.pricePerPatient()),
                new Uint32(t.maxPatients()), new Uint64(t.deadline().getEpochSecond()),
                new FederatedDeals.Split(big(s.patient()), big(s.providers()), big(s.caregiver()),
                        big(s.daoTreasury()), big(s.operator())));
    }

    static String commitPart(Hash32 dealId, Hash32 root, int cap) {
        return Abi.encode(FederatedDeals.FUNC_COMMITPART, b32(dealId), b32(root), new Uint32(cap));
    }

    static String settlePart(Hash32 dealId, PackageHashes hashes, List<ProvenPayout> payouts, boolean last,
            byte[] wrappedKey) {
        List<FederatedDeals.Payout> p = payouts.stream().map(FederatedDealCalls::payout).toList();
        return Abi.encode(FederatedDeals.FUNC_SETTLEPART, b32(dealId), b32(hashes.plaintext()),
                b32(hashes.ciphertext()), new DynamicArray<>(FederatedDeals.Payout.class, p), new Bool(last),
                new DynamicBytes(wrappedKey));
    }

    static String refund(Hash32 dealId) {
        return Abi.encode(FederatedDeals.FUNC_REFUND, b32(dealId));
    }

    static String dealOf(Hash32 dealId) {
        return Abi.encode(FederatedDeals.FUNC_DEALOF, b32(dealId));
    }

    static String partOf(Hash32 dealId, EvmAddress member) {
        return Abi.encode(FederatedDeals.FUNC_PARTOF, b32(dealId), new Address(member.hex()));
    }

    static String isPaid(Hash32 dealId, EvmAddress payee) {
        return Abi.encode(FederatedDeals.FUNC_ISPAID, b32(dealId), new Address(payee.hex()));
    }

    static String totalEscrow() {
        return Abi.encode(FederatedDeals.FUNC_TOTALESCROW);
    }

    /** dealOf: consumer, categories, purpose, deadline, price, maxPatients, allotted, paid, settlingParts, escrow, refunded, criteria, split × 5. */
    static TypeReference<?>[] dealOutputs() {
        return new TypeReference<?>[]{new TypeReference<Address>() {
        }, new TypeReference<Uint64>() {
        }, new TypeReference<Uint8>() {
        }, new TypeReference<Uint64>() {
        }, new TypeReference<Uint128>() {
        }, new TypeReference<Uint32>() {
        }, new TypeReference<Uint32>() {
        }, new TypeReference<Uint32>() {
        }, new TypeReference<Uint32>() {
        }, new TypeReference<Uint128>() {
        }, new TypeReference<Uint128>() {
        }, new TypeReference<Bytes32>() {
        }, new TypeReference<Uint16>() {
        }, new TypeReference<Uint16>() {
        }, new TypeReference<Uint16>() {
        }, new TypeReference<Uint16>() {
        }, new TypeReference<Uint16>() {
        }};
    }

    /** partOf: status, cap, paid, root, packageHash, ciphertextHash. */
    static TypeReference<?>[] partOutputs() {
        return new TypeReference<?>[]{new TypeReference<Uint8>() {
        }, new TypeReference<Uint32>() {
        }, new TypeReference<Uint32>() {
        }, new TypeReference<Bytes32>() {
        }, new TypeReference<Bytes32>() {
        }, new TypeReference<Bytes32>() {
        }};
    }

    /** A federated part's payout: FederatedDeals has no per-DAO routing, so a payout naming a DAO is not sent. */
    private static FederatedDeals.Payout payout(ProvenPayout proven) {
        Payout p = proven.payout();
        if (p.daoTreasury().isPresent()) {
            throw new IllegalArgumentException("a federated part's payout names no DAO treasury");
        }
        return new FederatedDeals.Payout(p.pseudonym().bytes(), p.patient().hex(),
                p.caregiver().map(EvmAddress::hex).orElse(ZERO),
                p.providers().stream().map(s -> s.provider().hex()).toList(),
                p.providers().stream().map(ProviderShare::weight).map(BigInteger::valueOf).toList(),
                proven.proof().stream().map(Hash32::bytes).toList());
    }

    private static Bytes32 b32(Hash32 h) {
        return new Bytes32(h.bytes());
    }

    private static BigInteger big(int v) {
        return BigInteger.valueOf(v);
    }
}
