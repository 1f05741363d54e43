package io.salus.chain.deals;

import io.salus.chain.DealAddresses;
import io.salus.chain.EvmLedger;
import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.deals.internal.DealDecoder;
import io.salus.chain.deals.internal.SettleGas;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.Role;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The {@link DealLedger} on an EVM chain: PaymentToken, DealPolicy and DataDeals. Commit, settle, refund and mint go
 * through the {@link EvmLedger}'s relayer (same sender, nonce counter and journal), which must hold DataDeals'
 * MATCHER_ROLE and no admin role. A consumer's approve and post, and a claim address's transfer, are signed with
 * that account's own key (which the node custodies) and sent by a sender for that account on the same connection and
 * journal (so a restored local chain replays them too); the account gets gas from the {@code gasFunder} first
 * ({@code LocalChain::fund} on the local chain; on a permissioned chain with free gas, nothing). Every write is checked
 * against the chain's state first ({@link DealChecks}); a refusal by the contract that still happens (a race) is
 * mapped from its custom error to the same codes. Settlements are sent in chunks of at most {@link #chunkSize()}
 * patients whose computed gas limit ({@link SettleGas}, not an estimate) fits {@link SettleGas#CHUNK_BUDGET}, and
 * resume after the patients already paid (read from the deal's {@code Paid} events); the chunks before the closing one
 * are pipelined (sent with consecutive nonces without waiting for each to be mined, {@link #IN_FLIGHT} at a time), the
 * closing one, which releases the content key, only once they are all mined; settlements of one deal are serialised.
 * Thread-safe.
 */
public final class EvmDealLedger implements DealLedger {
    private static final Logger LOG = LoggerFactory.getLogger(EvmDealLedger.class);
    /** Most patients per settlement transaction (fewer when their computed gas limit would pass the budget). */
    public static final int DEFAULT_CHUNK = 120;
    /** Settlement chunks in flight at once (sent, not yet mined). */
    static final int IN_FLIGHT = 8;

    private final TxSender relayer;
    private final ChainReads chain;
    private final DealAddresses contracts;
    private final Consumer<EvmAddress> gasFunder;
    private final int chunkSize;
    private final ConcurrentMap<EvmAddress, TxSender> accounts = new ConcurrentHashMap<>();
    private final ConcurrentMap<Hash32, Object> settling = new ConcurrentHashMap<>();

    private EvmDealLedger(ChainAccess access, DealAddresses contracts, Consumer<EvmAddress> gasFunder, int chunk) {
        this.relayer = access.sender();
        this.chain = relayer.reads();
        this.contracts = contracts;
        this.gasFunder = gasFunder;
        this.chunkSize = chunk;
    }

    /** The deal ledger on the ledger's connection; consumers' accounts get no gas (a chain with free gas). */
    public static EvmDealLedger on(EvmLedger ledger) {
        return on(ledger, a -> {
        }, DEFAULT_CHUNK);
    }

    /** As {@link #on(EvmLedger)}, giving an account gas with {@code gasFunder} before it sends. */
    public static EvmDealLedger on(EvmLedger ledger, Consumer<EvmAddress> gasFunder, int chunkSize) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("a settlement chunk holds at least one patient");
        }
        ChainAccess access = ledger.access();
        DealAddresses deals = access.contracts().deals().orElseThrow(
                () -> new SalusException("the deal contracts (PaymentToken, DataDeals) are not configured"));
        return new EvmDealLedger(access, deals, gasFunder, chunkSize);
    }

    public DealAddresses contracts() {
        return contracts;
    }

    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public EvmAddress token() {
        return contracts.paymentToken();
    }

    @Override
    public long balanceOf(EvmAddress account) {
        return chain.uint(contracts.paymentToken(), DealCalls.balanceOf(account)).longValueExact();
    }

    /** The escrow the contract accounts for: the sum of every deal's escrow, equal to its token balance. */
    public long totalEscrow() {
        return chain.uint(contracts.dataDeals(), DealCalls.totalEscrow()).longValueExact();
    }

    @Override
    public TxRef mint(EvmAddress to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("mint a positive amount");
        }
        return TxSender.ref(relayer.send(contracts.paymentToken().hex(), DealCalls.mint(to, amount)));
    }

    @Override
    public SplitPolicy policy() {
        return DealDecoder.policy(chain.call(contracts.dealPolicy(), DealCalls.policyTerms(),
                DealDecoder.policyOutputs()));
    }

    @Override
    public Instant chainTime() {
        return chain.latestTimestamp();
    }

    @Override
    public Result<TxRef> post(Hash32 dealId, DealTerms terms, byte[] consumerKey) {
        Credentials account = credentials(consumerKey);
        EvmAddress consumer = new EvmAddress(account.getAddress());
        Optional<DealState> existing = deal(dealId);
        if (existing.isPresent()) {
            if (existing.get().consumer().equals(consumer) && existing.get().terms().equals(terms)) {
                return Result.ok(eventTx(DealDecoder.POSTED, dealId));
            }
            return Result.fail(ErrorCode.DEAL_EXISTS, "deal " + dealId + " exists with other terms or consumer");
        }
        Result<DealTerms> checked = DealChecks.post(dealId, terms, policy(), chainTime());
        if (!checked.isOk()) {
            return checked.propagate();
        }
        long escrow = terms.escrow();
        if (balanceOf(consumer) < escrow) {
            return Result.fail(ErrorCode.DEAL_INSUFFICIENT_FUNDS, consumer + " holds less than " + escrow + " units");
        }
        TxSender own = senderFor(account);
        synchronized (own) {
            long allowance = chain.uint(contracts.paymentToken(), DealCalls.allowance(consumer, contracts.dataDeals()))
                    .longValueExact();
            if (allowance < escrow) {
                Result<?> approved = Reverts.DEALS.send(own, contracts.paymentToken(),
                        DealCalls.approve(contracts.dataDeals(), escrow));
                if (!approved.isOk()) {
                    return approved.propagate();
                }
            }
            return Reverts.DEALS.send(own, contracts.dataDeals(), DealCalls.postDeal(dealId, terms)).map(TxSender::ref);
        }
    }

    @Override
    public Result<TxRef> commitCohort(Hash32 dealId, Hash32 root) {
        Optional<DealState> d = deal(dealId);
        if (d.isPresent() && d.get().status() != DealStatus.OPEN && d.get().cohortRoot().equals(Optional.of(root))) {
            return Result.ok(eventTx(DealDecoder.COMMITTED, dealId));
        }
        return DealChecks.commit(dealId, d, root, chainTime())
                .flatMap(s -> Reverts.DEALS.send(relayer, contracts.dataDeals(), DealCalls.commitCohort(dealId, root)))
                .map(TxSender::ref);
    }

    @Override
    public Result<Settlement> settle(Hash32 dealId, PackageHashes hashes, List<ProvenPayout> payouts,
            byte[] wrappedKey) {
        synchronized (settling.computeIfAbsent(dealId, k -> new Object())) {
            Result<DealState> checked = DealChecks.settle(dealId, deal(dealId), hashes, wrappedKey, chainTime());
            if (!checked.isOk()) {
                return checked.propagate();
            }
            DealState d = checked.orElseThrow();
            Set<EvmAddress> paid = d.status() == DealStatus.COMMITTED ? Set.of() : paidPatients(dealId);
            Result<List<ProvenPayout>> unpaid = DealChecks.unpaid(d, payouts, paid);
            if (!unpaid.isOk()) {
                return unpaid.propagate();
            }
            List<ProvenPayout> rest = unpaid.orElseThrow();
            List<List<ProvenPayout>> chunks = SettleGas.chunks(rest, chunkSize, wrappedKey.length);
            int closing = chunks.size() - 1;
            long started = System.nanoTime();
            List<TxRef> txs = new ArrayList<>();
            for (Result<TxRef> sent : pipelined(chunks.subList(0, closing),
                    chunk -> settleChunk(dealId, hashes, chunk, false, new byte[0]))) {
                if (!sent.isOk()) {
                    return sent.propagate();
                }
                txs.add(sent.orElseThrow());
            }
            Result<TxRef> last = settleChunk(dealId, hashes, chunks.get(closing), true, wrappedKey);
            if (!last.isOk()) {
                return last.propagate();
            }
            txs.add(last.orElseThrow());
            Settlement done = new Settlement(txs, rest.size());
            LOG.info("deal {}: {} patients settled in {} transactions, {} gas ({} per patient), {} ms", dealId,
                    rest.size(), txs.size(), done.gasUsed(), done.gasUsed() / Math.max(1, rest.size()),
                    (System.nanoTime() - started) / 1_000_000);
            return Result.ok(done);
        }
    }

    private Result<TxRef> settleChunk(Hash32 dealId, PackageHashes hashes, List<ProvenPayout> chunk, boolean last,
            byte[] wrappedKey) {
        String data = DealCalls.settle(dealId, hashes, chunk, last, wrappedKey);
        BigInteger gas = BigInteger.valueOf(SettleGas.limit(data, chunk, wrappedKey.length));
        return Reverts.DEALS.send(relayer, contracts.dataDeals(), data, gas).map(TxSender::ref);
    }

    /**
     * Sends the non-closing chunks without waiting for one to be mined before the next is sent (the relayer's
     * consecutive nonces keep them in order; the contract accepts them in any order), then waits for all: their
     * outcomes in chunk order. The closing chunk, which releases the key, is sent only after all of them succeeded.
     */
    private static List<Result<TxRef>> pipelined(List<List<ProvenPayout>> chunks,
            Function<List<ProvenPayout>, Result<TxRef>> send) {
        if (chunks.size() <= 1) {
            return chunks.stream().map(send).toList();
        }
        List<Future<Result<TxRef>>> sent = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(IN_FLIGHT, chunks.size()))) {
            for (List<ProvenPayout> chunk : chunks) {
                sent.add(pool.submit(() -> send.apply(chunk)));
            }
        }
        List<Result<TxRef>> out = new ArrayList<>();
        for (Future<Result<TxRef>> f : sent) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SalusException("interrupted while settling", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new SalusException("settling failed", e);
            }
        }
        return out;
    }

    /** The patient payees a deal has paid, from its {@code Paid} events. */
    public Set<EvmAddress> paidPatients(Hash32 dealId) {
        Set<EvmAddress> out = new HashSet<>();
        String role = Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(Role.PATIENT.chainCode()),
                64);
        for (Log l : dealLogs(DealDecoder.PAID, dealId.hex(), null, role)) {
            DealDecoder.event(l).filter(e -> e instanceof DealEvent.Paid)
                    .ifPresent(e -> out.add(((DealEvent.Paid) e).payee()));
        }
        return out;
    }

    @Override
    public Result<TxRef> refund(Hash32 dealId) {
        return DealChecks.refund(dealId, deal(dealId), chainTime())
                .flatMap(s -> Reverts.DEALS.send(relayer, contracts.dataDeals(), DealCalls.refund(dealId)))
                .map(TxSender::ref);
    }

    @Override
    public Optional<DealState> deal(Hash32 dealId) {
        return DealDecoder.deal(dealId,
                chain.call(contracts.dataDeals(), DealCalls.dealOf(dealId), DealDecoder.dealOutputs()));
    }

    @Override
    public Optional<DealEvent.KeyReleased> keyRelease(Hash32 dealId) {
        for (Log l : dealLogs(DealDecoder.KEY_RELEASED, dealId.hex())) {
            Optional<DealEvent> e = DealDecoder.event(l);
            if (e.isPresent() && e.get() instanceof DealEvent.KeyReleased k) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public Result<TxRef> transfer(byte[] fromKey, EvmAddress to, long amount) {
        Credentials account = credentials(fromKey);
        EvmAddress from = new EvmAddress(account.getAddress());
        if (amount <= 0 || balanceOf(from) < amount) {
            return Result.fail(ErrorCode.DEAL_INSUFFICIENT_FUNDS, from + " holds less than " + amount + " units");
        }
        TxSender own = senderFor(account);
        synchronized (own) {
            return Reverts.DEALS.send(own, contracts.paymentToken(), DealCalls.transfer(to, amount)).map(TxSender::ref);
        }
    }

    @Override
    public List<DealEvent> events(long fromBlock, long toBlock) {
        List<DealEvent> out = new ArrayList<>();
        chain.logs(List.of(contracts.dataDeals()), DealDecoder.TOPICS, fromBlock, toBlock)
                .forEach(l -> DealDecoder.event(l).ifPresent(out::add));
        out.sort(Comparator.comparingLong(DealEvent::block).thenComparingInt(DealEvent::logIndex));
        return List.copyOf(out);
    }

    @Override
    public long headBlock() {
        return chain.headBlock();
    }

    /** The relayer's address: the matcher and the local token's minter. */
    public EvmAddress relayer() {
        return new EvmAddress(relayer.from());
    }

    /** DataDeals' events with these topics ({@code null}: any), the first two being the event and the deal. */
    private List<Log> dealLogs(String... topics) {
        return chain.logs(contracts.dataDeals(), 0, chain.headBlock(), topics);
    }

    /** The transaction of the first DataDeals event {@code topic0} about a deal (for idempotent repeats). */
    private TxRef eventTx(String topic0, Hash32 dealId) {
        return chain.eventTx(contracts.dataDeals(), topic0, dealId.hex(), 0, chain.headBlock());
    }

    private TxSender senderFor(Credentials account) {
        EvmAddress a = new EvmAddress(account.getAddress());
        gasFunder.accept(a);
        return accounts.computeIfAbsent(a, x -> relayer.forAccount(account));
    }

    private static Credentials credentials(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an account key is 32 bytes");
        }
        return Credentials.create(ECKeyPair.create(key));
    }
}
