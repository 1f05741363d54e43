package io.salus.core.usecase.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.UnavailableException;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.ConsentLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consent ledger as the node's use cases write to it: grants, revocations and delegations from many callers are
 * relayed together, many per transaction ({@link ConsentLedger#relayBatch}), and the consent projections are synced
 * once per batch. A caller still gets its own outcome only once its instruction is mined and projected, so nothing is
 * acknowledged that is not on chain; an instruction the contract refuses fails alone. Batching is natural: one thread
 * takes whatever queued while the previous batch was being mined (up to {@code batchSize}), so a lone instruction goes
 * out at once and a crowd shares transactions. Batches go one after the other, which keeps each signer's nonces in
 * order; {@link #nextNonce} counts a signer's instructions still queued, so consecutive instructions of one signer can
 * ride the same batch. Everything else passes through. Thread-safe; {@link #close} fails what is still queued.
 */
public final class ConsentRelay implements ConsentLedger, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentRelay.class);
    private final ConsentLedger chain;
    private final ConsentSync sync;
    private final int batchSize;
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Map<EvmAddress, Long> queuedNonces = new ConcurrentHashMap<>();
    private final Thread sender;
    private volatile boolean closed;

    private record Queued(Signed<?> instruction, CompletableFuture<Result<Relayed>> outcome) {
    }

    public ConsentRelay(ConsentLedger chain, ConsentSync sync, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one instruction");
        }
        this.chain = chain;
        this.sync = sync;
        this.batchSize = batchSize;
        this.sender = Thread.ofPlatform().name("salus-consent-relay").daemon().start(this::run);
    }

    @Override
    public Result<GrantReceipt> grant(Signed<GrantTerms> grant) {
        return relay(grant).map(r -> new GrantReceipt(r.grantId(), r.tx()));
    }

    @Override
    public Result<TxRef> revoke(Signed<Payloads.Revoke> revoke) {
        return relay(revoke).map(Relayed::tx);
    }

    @Override
    public Result<TxRef> delegate(Signed<Payloads.Delegate> delegation) {
        return relay(delegation).map(Relayed::tx);
    }

    /** Queues the instruction and waits for its batch: mined and projected, or refused alone. */
    private Result<Relayed> relay(Signed<?> instruction) {
        if (closed) {
            throw new UnavailableException(ErrorCode.RELAY_UNAVAILABLE, "the consent relay has stopped", null);
        }
        Queued q = new Queued(instruction, new CompletableFuture<>());
        queuedNonces.merge(instruction.signer(), instruction.nonce(), Math::max);
        queue.add(q);
        if (closed) {
            failQueued();
        }
        try {
            return q.outcome().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void run() {
        List<Queued> batch = new ArrayList<>(batchSize);
        while (!closed) {
            try {
                Queued first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("consent relay batch failed", e);
                batch.forEach(q -> q.outcome().completeExceptionally(e));
            } finally {
                batch.forEach(q -> queuedNonces.remove(q.instruction().signer(), q.instruction().nonce()));
                batch.clear();
            }
        }
        failQueued();
    }

    private void send(List<Queued> batch) {
        List<Result<Relayed>> outcomes = chain.relayBatch(batch.stream().<Signed<?>>map(Queued::instruction).toList());
        long block = outcomes.stream().filter(Result::isOk).mapToLong(r -> r.orElseThrow().tx().blockNumber()).max()
                .orElse(-1);
        if (block >= 0) {
            try {
                sync.atLeast(block);
            } catch (RuntimeException e) {
                LOG.warn("consent projection sync after block {} failed; callers sync again: {}", block, e.toString());
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome().complete(outcomes.get(i));
        }
    }

    private void failQueued() {
        UnavailableException stopped = new UnavailableException(ErrorCode.RELAY_UNAVAILABLE,
                "the consent relay stopped before sending the instruction", null);
        for (Queued q; (q = queue.poll()) != null;) {
            q.outcome().completeExceptionally(stopped);
        }
    }

    /** The signer's next nonce: on chain, or after its instructions still queued in this relay. */
    @Override
    public long nextNonce(EvmAddress signer, Class<?> payloadType) {
        long onChain = chain.nextNonce(signer, payloadType);
        if (payloadType == Payloads.Attest.class || payloadType == Payloads.RevokeAttestation.class) {
            return onChain;
        }
        Long queued = queuedNonces.get(signer);
        return queued == null ? onChain : Math.max(onChain, queued + 1);
    }

    /** Stops taking instructions, lets the batch being sent finish and fails what is still queued. */
    @Override
    public void close() {
        closed = true;
        try {
            sender.join(TimeUnit.MINUTES.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }

    @Override
    public Hash32 digest(Signed<?> unsigned) {
        return chain.digest(unsigned);
    }

    @Override
    public Map<String, Object> typedData(Signed<?> unsigned) {
        return chain.typedData(unsigned);
    }

    @Override
    public Result<Signed<?>> checkSignature(Signed<?> signed) {
        return chain.checkSignature(signed);
    }

    @Override
    public List<Result<Relayed>> relayBatch(List<Signed<?>> instructions) {
        return chain.relayBatch(instructions);
    }

    @Override
    public Result<TxRef> trustIssuer(EvmAddress issuer, int attestationTypes) {
        return chain.trustIssuer(issuer, attestationTypes);
    }

    @Override
    public Result<AttestationReceipt> attest(Signed<Payloads.Attest> attestation) {
        return chain.attest(attestation);
    }

    @Override
    public Result<TxRef> revokeAttestation(Signed<Payloads.RevokeAttestation> revocation) {
        return chain.revokeAttestation(revocation);
    }

    @Override
    public TxRef logAccess(Hash32 auditHash, Hash32 patientPseudonym, EvmAddress requester, long categories,
            Purpose purpose) {
        return chain.logAccess(auditHash, patientPseudonym, requester, categories, purpose);
    }

    @Override
    public List<ConsentEvent> events(long fromBlock, long toBlock) {
        return chain.events(fromBlock, toBlock);
    }

    @Override
    public long headBlock() {
        return chain.headBlock();
    }
}
