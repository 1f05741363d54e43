package io.salus.chain.internal;

import io.salus.chain.TxJournal;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import io.salus.core.port.InstanceLocks;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Signs transactions with the relayer key, journals them, sends them and waits until they are mined. Nonces come from
 * a local counter (initialised from the pending count, resynchronised on a nonce error); assignment, journaling and
 * the first send happen under one lock so transactions reach the node in nonce order. When several instances of a node
 * sign for the same account ({@link #sharedBy}), the nonce is read from the chain's pending count under an
 * {@link InstanceLocks} lock of that account that spans assignment and first send, so no two instances give two
 * transactions one nonce (decision 0031). Thread-safe.
 */
public final class TxSender {
    private static final Logger LOG = LoggerFactory.getLogger(TxSender.class);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration REBROADCAST = Duration.ofSeconds(5);

    private final Rpc rpc;
    private final Credentials credentials;
    private final long chainId;
    private final TxJournal journal;
    private final Duration timeout;
    private final Optional<InstanceLocks> shared;
    private final Object nonceLock = new Object();
    private BigInteger nextNonce;

    private record Attempt(String raw, Optional<String> hash) {
    }

    public TxSender(Rpc rpc, Credentials credentials, long chainId, TxJournal journal, Duration timeout) {
        this(rpc, credentials, chainId, journal, timeout, Optional.empty());
    }

    private TxSender(Rpc rpc, Credentials credentials, long chainId, TxJournal journal, Duration timeout,
            Optional<InstanceLocks> shared) {
        this.rpc = rpc;
        this.credentials = credentials;
        this.chainId = chainId;
        this.journal = journal;
        this.timeout = timeout;
        this.shared = shared;
    }

    /** A sender whose accounts' nonces are agreed with the other instances of the node through {@code locks}. */
    public TxSender sharedBy(InstanceLocks locks) {
        return new TxSender(rpc, credentials, chainId, journal, timeout, Optional.of(locks));
    }

    /**
     * A sender for another account on the same connection, chain and journal (its own nonce counter): for the
     * transactions a custodied account signs itself, such as a consumer funding a deal.
     */
    public TxSender forAccount(Credentials account) {
        return new TxSender(rpc, account, chainId, journal, timeout, shared);
    }

    public String from() {
        return credentials.getAddress();
    }

    /** The chain as this sender's account sees it: views and simulated calls from its address. */
    public ChainReads reads() {
        return new ChainReads(rpc, from());
    }

    /** The reference of a mined transaction. */
    public static TxRef ref(TransactionReceipt r) {
        return new TxRef(r.getTransactionHash(), r.getBlockNumber().longValueExact(), r.getGasUsed().longValueExact());
    }

    /** Sends a call ({@code to} set) or a deployment ({@code to} null) and returns its successful receipt. */
    public TransactionReceipt send(String to, String data) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return send(to, data, estimateGas(to, data, deadline), deadline);
    }

    /**
     * Sends a call with an explicit gas limit instead of an estimate: for calls whose estimate is unreliable, such as
     * a Groth16 verification whose precompile calls fail closed (returning false) when given too little gas.
     */
    public TransactionReceipt send(String to, String data, BigInteger gasLimit) {
        return send(to, data, gasLimit, System.nanoTime() + timeout.toNanos());
    }

    private TransactionReceipt send(String to, String data, BigInteger gasLimit, long deadline) {
        BigInteger gasPrice = retry("eth_gasPrice", deadline, () -> rpc.web3j().ethGasPrice().send().getGasPrice());
        for (int attempt = 0; attempt < 5; attempt++) {
            Attempt sent;
            synchronized (nonceLock) {
                if (shared.isPresent()) {
                    sent = shared.get().exclusively("nonce:" + from().toLowerCase(Locale.ROOT),
                            () -> attempt(pendingNonce(deadline), gasPrice, gasLimit, to, data));
                } else {
                    if (nextNonce == null) {
                        nextNonce = pendingNonce(deadline);
                    }
                    BigInteger nonce = nextNonce;
                    nextNonce = nonce.add(BigInteger.ONE);
                    sent = attempt(nonce, gasPrice, gasLimit, to, data);
                }
            }
            if (sent.hash().isPresent()) {
                return awaitReceipt(sent.raw(), sent.hash().get(), deadline);
            }
            LOG.warn("nonce conflict for {}, resynchronising the nonce counter", from());
        }
        throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "cannot agree on a nonce with the chain", null);
    }

    /** Signs with {@code nonce}, journals, and sends once (under the nonce lock). */
    private Attempt attempt(BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit, String to, String data) {
        String raw = sign(nonce, gasPrice, gasLimit, to, data);
        journal.append(raw);
        return new Attempt(raw, firstSend(raw));
    }

    private String sign(BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit, String to, String data) {
        RawTransaction tx = to == null
                ? RawTransaction.createContractTransaction(nonce, gasPrice, gasLimit, BigInteger.ZERO, data)
                : RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, data);
        return Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
    }

    /** Under the nonce lock: the tx hash if the node took it (or knows it), empty after a nonce conflict. */
    private Optional<String> firstSend(String raw) {
        String hash = Hash.sha3(raw);
        try {
            EthSendTransaction r = rpc.web3j().ethSendRawTransaction(raw).send();
            if (!r.hasError() || isAlreadyKnown(r.getError().getMessage())) {
                return Optional.of(hash);
            }
            String msg = r.getError().getMessage().toLowerCase(Locale.ROOT);
            if (msg.contains("nonce") && receipt(hash).isEmpty()) {
                nextNonce = null;
                return Optional.empty();
            }
            if (msg.contains("nonce")) {
                return Optional.of(hash);
            }
            throw new SalusException("the chain refused a transaction: " + r.getError().getMessage());
        } catch (IOException e) {
            LOG.debug("send failed, will resend: {}", e.toString());
            return Optional.of(hash);
        }
    }

    static boolean isAlreadyKnown(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("already known") || m.contains("known transaction") || m.contains("already imported");
    }

    private TransactionReceipt awaitReceipt(String raw, String hash, long deadline) {
        long lastBroadcast = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Optional<TransactionReceipt> r;
            try {
                r = receipt(hash);
            } catch (IOException e) {
                r = Optional.empty();
            }
            if (r.isPresent()) {
                if (!r.get().isStatusOK()) {
                    throw new SalusException("transaction " + hash + " reverted");
                }
                return r.get();
            }
            if (System.nanoTime() - lastBroadcast > REBROADCAST.toNanos()) {
                lastBroadcast = System.nanoTime();
                try {
                    rpc.web3j().ethSendRawTransaction(raw).send();
                } catch (IOException e) {
                    LOG.debug("rebroadcast failed: {}", e.toString());
                }
            }
            sleep(POLL);
        }
        throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "transaction " + hash + " not mined in " + timeout,
                null);
    }

    private Optional<TransactionReceipt> receipt(String hash) throws IOException {
        return rpc.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt();
    }

    private BigInteger pendingNonce(long deadline) {
        return retry("eth_getTransactionCount", deadline, () -> rpc.web3j()
                .ethGetTransactionCount(from(), DefaultBlockParameterName.PENDING).send().getTransactionCount());
    }

    private BigInteger estimateGas(String to, String data, long deadline) {
        Transaction call = to == null
                ? Transaction.createContractTransaction(from(), null, null, data)
                : Transaction.createEthCallTransaction(from(), to, data);
        EthEstimateGas est = retry("eth_estimateGas", deadline, () -> rpc.web3j().ethEstimateGas(call).send());
        if (est.hasError()) {
            throw new SalusException("the contract refused the call: " + est.getError().getMessage());
        }
        BigInteger g = est.getAmountUsed();
        return g.add(g.shiftRight(2)).add(BigInteger.valueOf(10_000));
    }

    /**
     * The gas a call needs to carry {@code data} and run {@code execution} gas: 21,000, plus the calldata's tokens (a
     * zero byte one, another byte four) at 4 gas each, or at least the calldata floor of 10 gas a token (EIP-2028,
     * EIP-7623). For an explicit limit computed instead of estimated.
     */
    public static long intrinsicGas(String data, long execution) {
        byte[] bytes = Numeric.hexStringToByteArray(data);
        long tokens = 0;
        for (byte b : bytes) {
            tokens += b == 0 ? 1 : 4;
        }
        return 21_000 + Math.max(4 * tokens + execution, 10 * tokens);
    }

    private <T> T retry(String what, long deadline, Rpc.IoCall<T> call) {
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return call.run();
            } catch (IOException e) {
                last = e;
                sleep(Duration.ofMillis(200));
            }
        }
        throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, what + " failed at " + rpc.url(), last);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "interrupted while waiting for the chain", e);
        }
    }
}
