package io.salus.bench.anchor;

import io.salus.chain.LocalChain;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The baseline anchoring: {@code PerRecordRegistry} deployed on the node's local chain, one {@code store(bytes32)}
 * transaction per record, signed by a fresh funded key, sent pipelined (consecutive nonces) and awaited by receipt.
 * Not thread-safe.
 */
final class PerRecordChain implements AutoCloseable {
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(200_000);
    private final Web3j web3;
    private final Credentials key;
    private final long chainId;
    private final String contract;
    private long nonce;

    private PerRecordChain(Web3j web3, Credentials key, long chainId, String contract, long nonce) {
        this.web3 = web3;
        this.key = key;
        this.chainId = chainId;
        this.contract = contract;
        this.nonce = nonce;
    }

    static PerRecordChain deploy(LocalChain chain) throws IOException {
        Web3j web3 = Web3j.build(new HttpService(chain.rpcUrl()));
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            secret[0] &= 0x7f;
            ECKeyPair pair = ECKeyPair.create(new BigInteger(1, secret));
            Credentials key = Credentials.create(pair);
            chain.fund(new EvmAddress(key.getAddress()));
            PerRecordChain c = new PerRecordChain(web3, key, chain.chainId(), null, 0);
            TransactionReceipt deployed = c.await(List.of(c.send(null, "0x" + binary()))).get(0);
            return new PerRecordChain(web3, key, chain.chainId(), deployed.getContractAddress(), 1);
        } catch (IOException | RuntimeException e) {
            web3.shutdown();
            throw e;
        }
    }

    String address() {
        return contract;
    }

    /** Stores every hash with its own transaction; returns the receipts in order. */
    List<TransactionReceipt> storeEach(List<Hash32> hashes) throws IOException {
        List<String> sent = new ArrayList<>(hashes.size());
        for (Hash32 h : hashes) {
            sent.add(send(contract, FunctionEncoder.encode(new Function("store", List.of(new Bytes32(h.bytes())),
                    List.of()))));
        }
        return await(sent);
    }

    /** The block a hash was stored in, zero when it was not. */
    BigInteger storedAt(Hash32 h) throws IOException {
        String data = FunctionEncoder.encode(new Function("storedAt", List.of(new Bytes32(h.bytes())), List.of()));
        String out = web3.ethCall(Transaction.createEthCallTransaction(key.getAddress(), contract, data),
                DefaultBlockParameterName.LATEST).send().getValue();
        return Numeric.toBigInt(out);
    }

    private String send(String to, String data) throws IOException {
        BigInteger gasPrice = web3.ethGasPrice().send().getGasPrice().multiply(BigInteger.TWO);
        RawTransaction tx = to == null
                ? RawTransaction.createContractTransaction(BigInteger.valueOf(nonce), gasPrice,
                        BigInteger.valueOf(1_000_000), BigInteger.ZERO, data)
                : RawTransaction.createTransaction(BigInteger.valueOf(nonce), gasPrice, GAS_LIMIT, to, data);
        byte[] signed = TransactionEncoder.signMessage(tx, chainId, key);
        var r = web3.ethSendRawTransaction(Numeric.toHexString(signed)).send();
        if (r.hasError()) {
            throw new IOException("eth_sendRawTransaction: " + r.getError().getMessage());
        }
        nonce++;
        return r.getTransactionHash();
    }

    private List<TransactionReceipt> await(List<String> hashes) throws IOException {
        List<TransactionReceipt> out = new ArrayList<>(hashes.size());
        long deadline = System.nanoTime() + 300_000_000_000L;
        for (String h : hashes) {
            Optional<TransactionReceipt> r = web3.ethGetTransactionReceipt(h).send().getTransactionReceipt();
            while (r.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("transaction " + h + " was not mined within 5 minutes");
                }
                sleep();
                r = web3.ethGetTransactionReceipt(h).send().getTransactionReceipt();
            }
            out.add(r.get());
        }
        return out;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String binary() throws IOException {
        try (InputStream in = PerRecordChain.class.getResourceAsStream("/io/salus/contracts/PerRecordRegistry.bin")) {
            if (in == null) {
                throw new IOException("PerRecordRegistry.bin is not on the classpath: rebuild salus-contracts");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    @Override
    public void close() {
        web3.shutdown();
    }
}
