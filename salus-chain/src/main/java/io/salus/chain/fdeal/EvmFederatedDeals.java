package io.salus.chain.fdeal;

import io.salus.chain.DealAddresses;
import io.salus.chain.EvmLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.DataDeals;
import io.salus.contracts.generated.FederatedDeals;
import io.salus.contracts.generated.PaymentToken;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Split;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.fdeal.FederatedDealState;
import io.salus.core.fdeal.FederatedPart;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.PackageHashes;
import io.salus.core.port.DealLedger.Settlement;
import io.salus.core.port.FederatedDealLedger;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The {@link FederatedDealLedger} on an EVM chain (decision 0035): commits and settlements are sent by the ledger's
 * relayer, which is this node's member address in the NodeRegistry; a consumer's approve and post are signed with its
 * own key (given gas by {@code gasFunder} first). Refusals come from the contract itself, mapped by
 * {@link Reverts#FEDERATED_DEALS}. A settlement resumes after the payees the deal has paid ({@code isPaid}) and sends
 * its chunks one after the other, the closing one carrying the key. Thread-safe.
 */
public final class EvmFederatedDeals implements FederatedDealLedger {
    private static final String COMMITTED = EventEncoder.encode(FederatedDeals.PARTCOMMITTED_EVENT);
    private static final String KEY_RELEASED = EventEncoder.encode(FederatedDeals.PARTKEYRELEASED_EVENT);
    private final TxSender relayer;
    private final ChainReads chain;
    private final EvmAddress contract;
    private final EvmAddress token;
    private final Consumer<EvmAddress> gasFunder;
    private final int chunkSize;
    private final ConcurrentMap<EvmAddress, TxSender> accounts = new ConcurrentHashMap<>();

    private EvmFederatedDeals(TxSender relayer, EvmAddress contract, EvmAddress token,
            Consumer<EvmAddress> gasFunder, int chunkSize) {
        this.relayer = relayer;
        this.chain = relayer.reads();
        this.contract = contract;
        this.token = token;
        this.gasFunder = gasFunder;
        this.chunkSize = chunkSize;
    }

    /** The escrow at {@code contract} on the ledger's connection, its relayer as this node's member address. */
    public static EvmFederatedDeals on(EvmLedger ledger, EvmAddress contract, Consumer<EvmAddress> gasFunder,
            int chunkSize) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("a settlement chunk holds at least one patient");
        }
        return new EvmFederatedDeals(ledger.access().sender(), contract, deals(ledger).paymentToken(), gasFunder,
                chunkSize);
    }

    /**
     * Deploys a FederatedDeals escrow through the ledger's relayer on the ledger's payment token, DealPolicy and
     * DataDeals treasury, whose members are those of {@code registry}.
     */
    public static EvmAddress deploy(EvmLedger ledger, EvmAddress registry) {
        TxSender sender = ledger.access().sender();
        String creation = creationCode(ledger, registry);
        synchronized (sender) {
            return new EvmAddress(sender.send(null, creation).getContractAddress());
        }
    }

    /** FederatedDeals' creation code with this alliance's constructor arguments (0x-hex). */
    static String creationCode(EvmLedger ledger, EvmAddress registry) {
        DealAddresses d = deals(ledger);
        String treasury = (String) ledger.access().sender().reads().call(d.dataDeals(),
                Abi.encode(DataDeals.FUNC_DAOTREASURY), new TypeReference<Address>() {
                }).get(0);
        return "0x" + FederatedDeals.BINARY + Abi.encodeConstructor(new Address(d.paymentToken().hex()),
                new Address(d.dealPolicy().hex()), new Address(registry.hex()), new Address(treasury));
    }

    private static DealAddresses deals(EvmLedger ledger) {
        return ledger.access().contracts().deals().orElseThrow(
                () -> new SalusException(
                        "the deal contracts (PaymentToken, DealPolicy, DataDeals) are not configured"));
    }

    /**
     * The same escrow seen by another member whose relayer key this process holds (several members on one connection:
     * the contract's tests and the benchmark); the account gets gas first.
     */
    public EvmFederatedDeals asMember(byte[] memberKey) {
        Credentials account = Credentials.create(ECKeyPair.create(memberKey));
        gasFunder.accept(new EvmAddress(account.getAddress()));
        return new EvmFederatedDeals(relayer.forAccount(account), contract, token, gasFunder, chunkSize);
    }

    /** The sender of this member's transactions (tests send raw calls through it). */
    TxSender sender() {
        return relayer;
    }

    @Override
    public EvmAddress contract() {
        return contract;
    }

    @Override
    public EvmAddress member() {
        return new EvmAddress(relayer.from());
    }

    /** The escrow the contract accounts for over all its deals. */
    public long totalEscrow() {
        return chain.uint(contract, FederatedDealCalls.totalEscrow()).longValueExact();
    }

    @Override
    public Result<TxRef> post(Hash32 dealId, DealTerms terms, byte[] consumerKey) {
        if (consumerKey.length != 32) {
            throw new IllegalArgumentException("an account key is 32 bytes");
        }
        Credentials account = Credentials.create(ECKeyPair.create(consumerKey));
        EvmAddress consumer = new EvmAddress(account.getAddress());
        gasFunder.accept(consumer);
        TxSender own = accounts.computeIfAbsent(consumer, x -> relayer.forAccount(account));
        synchronized (own) {
            Result<?> approved = Reverts.FEDERATED_DEALS.send(own, token, Abi.encode(PaymentToken.FUNC_APPROVE,
                    new Address(contract.hex()), new Uint256(terms.escrow())));
            if (!approved.isOk()) {
                return approved.propagate();
            }
            return Reverts.FEDERATED_DEALS.send(own, contract, FederatedDealCalls.postDeal(dealId, terms))
                    .map(TxSender::ref);
        }
    }

    @Override
    public Result<TxRef> commitPart(Hash32 dealId, Hash32 root, int cap) {
        FederatedPart mine = part(dealId, member());
        if (mine.status() != FederatedPart.Status.NONE && mine.root().equals(root) && mine.cap() == cap) {
            return Result.ok(chain.eventTx(contract, COMMITTED, dealId.hex(), 0, chain.headBlock()));
        }
        return Reverts.FEDERATED_DEALS.send(relayer, contract, FederatedDealCalls.commitPart(dealId, root, cap))
                .map(TxSender::ref);
    }

    @Override
    public Result<Settlement> settlePart(Hash32 dealId, PackageHashes hashes, List<ProvenPayout> payouts,
            byte[] wrappedKey) {
        synchronized (this) {
            List<BigInteger> paid = chain.uints(contract, payouts.stream()
                    .map(p -> FederatedDealCalls.isPaid(dealId, p.payout().patient())).toList());
            List<ProvenPayout> rest = new ArrayList<>();
            for (int i = 0; i < payouts.size(); i++) {
                if (paid.get(i).signum() == 0) {
                    rest.add(payouts.get(i));
                }
            }
            List<TxRef> txs = new ArrayList<>();
            int start = 0;
            do {
                int end = Math.min(rest.size(), start + chunkSize);
                boolean last = end == rest.size();
                Result<TxRef> sent = Reverts.FEDERATED_DEALS.send(relayer, contract, FederatedDealCalls.settlePart(
                        dealId, hashes, rest.subList(start, end), last, last ? wrappedKey : new byte[0]))
                        .map(TxSender::ref);
                if (!sent.isOk()) {
                    return sent.propagate();
                }
                txs.add(sent.orElseThrow());
                start = end;
            } while (start < rest.size());
            return Result.ok(new Settlement(txs, rest.size()));
        }
    }

    @Override
    public Result<TxRef> refund(Hash32 dealId) {
        return Reverts.FEDERATED_DEALS.send(relayer, contract, FederatedDealCalls.refund(dealId)).map(TxSender::ref);
    }

    @Override
    public Optional<FederatedDealState> deal(Hash32 dealId) {
        List<Object> v = chain.call(contract, FederatedDealCalls.dealOf(dealId), FederatedDealCalls.dealOutputs());
        EvmAddress consumer = new EvmAddress((String) v.get(0));
        if (consumer.equals(new EvmAddress("0x" + "0".repeat(40)))) {
            return Optional.empty();
        }
        Optional<Purpose> purpose = Arrays.stream(Purpose.values()).filter(p -> p.bit() == num(v.get(2)).intValue())
                .findFirst();
        if (purpose.isEmpty()) {
            return Optional.empty();
        }
        DealTerms terms = new DealTerms(hash(v.get(11)), num(v.get(1)).longValueExact(), purpose.get(),
                num(v.get(4)).longValueExact(), num(v.get(5)).intValueExact(), Instant.ofEpochSecond(num(v.get(3))
                        .longValueExact()),
                new Split(num(v.get(12)).intValue(), num(v.get(13)).intValue(), num(v.get(14)).intValue(),
                        num(v.get(15)).intValue(), num(v.get(16)).intValue()));
        return Optional.of(new FederatedDealState(consumer, terms, num(v.get(6)).intValueExact(),
                num(v.get(7)).intValueExact(), num(v.get(8)).intValueExact(), num(v.get(9)).longValueExact(),
                num(v.get(10)).longValueExact()));
    }

    @Override
    public FederatedPart part(Hash32 dealId, EvmAddress member) {
        List<Object> v = chain.call(contract, FederatedDealCalls.partOf(dealId, member),
                FederatedDealCalls.partOutputs());
        return new FederatedPart(member, FederatedPart.Status.values()[num(v.get(0)).intValueExact()],
                num(v.get(1)).intValueExact(), num(v.get(2)).intValueExact(), hash(v.get(3)), hash(v.get(4)),
                hash(v.get(5)));
    }

    @Override
    public Optional<byte[]> keyRelease(Hash32 dealId, EvmAddress member) {
        for (Log l : chain.logs(contract, 0, chain.headBlock(), KEY_RELEASED, dealId.hex(),
                ChainReads.addressTopic(member))) {
            List<Object> d = Abi.decode(l.getData(), new TypeReference<Bytes32>() {
            }, new TypeReference<DynamicBytes>() {
            });
            return Optional.of((byte[]) d.get(1));
        }
        return Optional.empty();
    }

    private static BigInteger num(Object o) {
        return (BigInteger) o;
    }

    private static Hash32 hash(Object o) {
        return Hash32.of((byte[]) o);
    }
}
