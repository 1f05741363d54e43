package io.salus.chain.study;

import io.salus.chain.EvmLedger;
import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.DataDeals;
import io.salus.contracts.generated.StudyPayouts;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.StudyPayoutLedger;
import io.salus.core.study.StudyPart;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

/**
 * The {@link StudyPayoutLedger} on StudyPayouts. Declare and settle are sent by the relayer (the escrow's settler);
 * the consumer's approve and fund are signed with its own key (which the node custodies) after {@code gasFunder} gave
 * it gas. Every write is checked against the chain first: a declared study, a funded one and paid payees are not sent
 * again. Parts are paid in chunks of {@link #CHUNK}. Thread-safe (writes of one study are serialised by the caller).
 */
public final class EvmStudyPayouts implements StudyPayoutLedger {
    /** Payees per settlement transaction (proofs, an external leaf call and up to four transfers each). */
    static final int CHUNK = 60;
    static final BigInteger APPROVE_GAS = BigInteger.valueOf(80_000);
    static final BigInteger FUND_GAS = BigInteger.valueOf(150_000);
    private static final String DECLARED = Hash.sha3String("StudyDeclared(bytes32,bytes32,uint32,uint32)");
    private static final String FUNDED = Hash.sha3String("StudyFunded(bytes32,address,uint256)");

    private final TxSender relayer;
    private final ChainReads chain;
    private final EvmAddress contract;
    private final EvmAddress token;
    private final Consumer<EvmAddress> gasFunder;
    private final ConcurrentMap<EvmAddress, TxSender> accounts = new ConcurrentHashMap<>();

    private EvmStudyPayouts(EvmLedger ledger, EvmAddress contract, EvmAddress token, Consumer<EvmAddress> gasFunder) {
        this.relayer = ledger.access().sender();
        this.chain = relayer.reads();
        this.contract = contract;
        this.token = token;
        this.gasFunder = gasFunder;
    }

    public static EvmStudyPayouts on(EvmLedger ledger, EvmAddress contract, EvmAddress token,
            Consumer<EvmAddress> gasFunder) {
        return new EvmStudyPayouts(ledger, contract, token, gasFunder);
    }

    public EvmAddress contract() {
        return contract;
    }

    @Override
    public Hash32 partKey(Hash32 study, EvmAddress member) {
        return StudyPart.partKey(study, member);
    }

    @Override
    public Result<TxRef> declare(Hash32 study, Hash32 deal, List<Part> parts) {
        Optional<OnChain> known = study(study);
        if (known.isPresent()) {
            boolean same = known.get().deal().equals(deal) && known.get().parts() == parts.size()
                    && parts.stream().allMatch(p -> part(study, p.member()).filter(p::equals).isPresent());
            return same
                    ? Result.ok(chain.eventTx(contract, DECLARED, study.hex(), 0, chain.headBlock()))
                    : Result.fail(ErrorCode.STUDY_PAYOUT_REFUSED, "study " + study + " is declared with other parts");
        }
        return Reverts.STUDY_PAYOUTS.send(relayer, contract, Abi.encode(StudyPayouts.FUNC_DECLARE, bytes32(study),
                bytes32(deal), new DynamicArray<>(Address.class, parts.stream().map(p -> new Address(p.member()
                        .hex())).toList()),
                new DynamicArray<>(Bytes32.class, parts.stream().map(p -> bytes32(p
                        .root())).toList()),
                new DynamicArray<>(Uint32.class, parts.stream().map(
                        p -> new Uint32(p.cap())).toList())))
                .map(TxSender::ref);
    }

    @Override
    public Result<TxRef> fund(Hash32 study, byte[] consumerKey) {
        Optional<OnChain> s = study(study);
        if (s.isEmpty()) {
            return Result.fail(ErrorCode.STUDY_PAYOUT_REFUSED, "study " + study + " is not declared on chain");
        }
        if (s.get().funded()) {
            return Result.ok(chain.eventTx(contract, FUNDED, study.hex(), 0, chain.headBlock()));
        }
        Credentials account = Credentials.create(ECKeyPair.create(consumerKey));
        EvmAddress consumer = new EvmAddress(account.getAddress());
        if (!consumer.equals(s.get().consumer())) {
            return Result.fail(ErrorCode.FORBIDDEN, consumer + " is not the study's consumer");
        }
        long escrow = s.get().price() * s.get().patients();
        if (chain.uint(token, DealCalls.balanceOf(consumer)).longValueExact() < escrow) {
            return Result.fail(ErrorCode.STUDY_PAYOUT_INSUFFICIENT_FUNDS, consumer + " holds less than " + escrow
                    + " token units (the price × the other members' " + s.get().patients() + " patients)");
        }
        TxSender own = senderFor(account);
        synchronized (own) {
            if (chain.uint(token, DealCalls.allowance(consumer, contract)).longValueExact() < escrow) {
                Result<?> approved = Reverts.STUDY_PAYOUTS.send(own, token, DealCalls.approve(contract, escrow),
                        APPROVE_GAS);
                if (!approved.isOk()) {
                    return approved.propagate();
                }
            }
            return Reverts.STUDY_PAYOUTS.send(own, contract, Abi.encode(StudyPayouts.FUNC_FUND, bytes32(study)),
                    FUND_GAS).map(TxSender::ref);
        }
    }

    @Override
    public Result<List<TxRef>> settlePart(Hash32 study, EvmAddress member, List<ProvenPayout> payouts) {
        List<ProvenPayout> unpaid = payouts.stream().filter(p -> !isPaid(study, p.payout().patient())).toList();
        List<TxRef> txs = new ArrayList<>();
        for (int i = 0; i < unpaid.size(); i += CHUNK) {
            List<DataDeals.Payout> chunk = unpaid.subList(i, Math.min(unpaid.size(), i + CHUNK)).stream()
                    .map(DealCalls::payout).toList();
            Result<TxRef> sent = Reverts.STUDY_PAYOUTS.send(relayer, contract, Abi.encode(
                    StudyPayouts.FUNC_SETTLEPART, bytes32(study), new Address(member.hex()),
                    new DynamicArray<>(DataDeals.Payout.class, chunk))).map(TxSender::ref);
            if (!sent.isOk()) {
                return sent.propagate();
            }
            txs.add(sent.orElseThrow());
        }
        return Result.ok(txs);
    }

    @Override
    public Optional<OnChain> study(Hash32 study) {
        List<Object> v = chain.call(contract, Abi.encode(StudyPayouts.FUNC_STUDYOF, bytes32(study)),
                new TypeReference<Bytes32>() {
                }, new TypeReference<Address>() {
                }, new TypeReference<Uint128>() {
                }, new TypeReference<Uint64>() {
                }, new TypeReference<Uint32>() {
                }, new TypeReference<Uint32>() {
                }, new TypeReference<Uint32>() {
                }, new TypeReference<Uint128>() {
                }, new TypeReference<Bool>() {
                }, new TypeReference<Bool>() {
                });
        EvmAddress consumer = new EvmAddress(((String) v.get(1)).toLowerCase(Locale.ROOT));
        if (consumer.hex().equals("0x" + "0".repeat(40))) {
            return Optional.empty();
        }
        return Optional.of(new OnChain(Hash32.of((byte[]) v.get(0)), consumer,
                ((BigInteger) v.get(2)).longValueExact(), ((BigInteger) v.get(4)).intValueExact(),
                ((BigInteger) v.get(5)).intValueExact(), ((BigInteger) v.get(6)).intValueExact(), (Boolean) v.get(8)));
    }

    /** A member's part as declared, if any. */
    public Optional<Part> part(Hash32 study, EvmAddress member) {
        List<Object> v = chain.call(contract, Abi.encode(StudyPayouts.FUNC_PARTOF, bytes32(study),
                new Address(member.hex())), new TypeReference<Bytes32>() {
                }, new TypeReference<Uint32>() {
                }, new TypeReference<Uint32>() {
                });
        int cap = ((BigInteger) v.get(1)).intValueExact();
        return cap == 0 ? Optional.empty() : Optional.of(new Part(member, Hash32.of((byte[]) v.get(0)), cap));
    }

    /** How many of a member's part are paid. */
    public int paid(Hash32 study, EvmAddress member) {
        return ((BigInteger) chain.call(contract, Abi.encode(StudyPayouts.FUNC_PARTOF, bytes32(study),
                new Address(member.hex())), new TypeReference<Bytes32>() {
                }, new TypeReference<Uint32>() {
                }, new TypeReference<Uint32>() {
                }).get(2)).intValueExact();
    }

    @Override
    public boolean settled(Hash32 study) {
        return (Boolean) chain.call(contract, Abi.encode(StudyPayouts.FUNC_SETTLED, bytes32(study)),
                new TypeReference<Bool>() {
                }).get(0);
    }

    @Override
    public boolean isPaid(Hash32 study, EvmAddress payee) {
        return (Boolean) chain.call(contract, Abi.encode(StudyPayouts.FUNC_ISPAID, bytes32(study),
                new Address(payee.hex())), new TypeReference<Bool>() {
                }).get(0);
    }

    /** The escrow the contract accounts for. */
    public long totalEscrow() {
        return chain.uint(contract, Abi.encode(StudyPayouts.FUNC_TOTALESCROW)).longValueExact();
    }

    private static Bytes32 bytes32(Hash32 h) {
        return new Bytes32(h.bytes());
    }

    private TxSender senderFor(Credentials account) {
        EvmAddress a = new EvmAddress(account.getAddress());
        gasFunder.accept(a);
        return accounts.computeIfAbsent(a, x -> relayer.forAccount(account));
    }
}
