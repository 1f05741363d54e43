package io.salus.chain.zk.internal;

import io.salus.chain.internal.Rpc;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import java.math.BigInteger;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * Simulated calls ({@code eth_call}) with an explicit gas limit, so that what is checked is what a transaction with
 * that limit would do (a node's default call gas or an estimate can differ). Thread-safe.
 */
public final class GasCalls {
    private final Rpc rpc;

    public GasCalls(Rpc rpc) {
        this.rpc = rpc;
    }

    /** The outcome of a simulated call: its return data, or its revert data (0x-hex, selector first). */
    public record Outcome(String returnData, String revertData) {
        public boolean reverted() {
            return revertData != null;
        }
    }

    /**
     * Simulates the call on the latest block. An error without revert data (anvil answers "block out of range" while
     * it mines) is retried a few times before it counts as the chain being unavailable.
     */
    public Outcome call(String from, EvmAddress to, String data, BigInteger gasLimit) {
        Transaction tx = new Transaction(from, null, null, gasLimit, to.hex(), BigInteger.ZERO, data);
        String problem = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            EthCall r = rpc.call("eth_call", () -> rpc.web3j().ethCall(tx, DefaultBlockParameterName.LATEST).send());
            if (!r.hasError()) {
                return new Outcome(r.getValue(), null);
            }
            String d = r.getError().getData();
            d = d == null ? "" : d.replace("\"", "").trim();
            if (d.startsWith("0x")) {
                return new Outcome(null, d);
            }
            problem = r.getError().getMessage();
            pause();
        }
        throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "eth_call to " + to + " failed: " + problem, null);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "interrupted while reading the chain", e);
        }
    }
}
