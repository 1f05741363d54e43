package io.salus.chain;

import io.salus.chain.internal.Abi;
import io.salus.chain.internal.Rpc;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** Reads of the chain: views, head block, and events by block range (no long-lived filters). Thread-safe. */
final class ChainReader {
    private final Rpc rpc;
    private final String from;

    ChainReader(Rpc rpc, String from) {
        this.rpc = rpc;
        this.from = from;
    }

    long headBlock() {
        return rpc.call("eth_blockNumber", () -> rpc.web3j().ethBlockNumber().send().getBlockNumber()).longValueExact();
    }

    List<Object> call(EvmAddress contract, String data, TypeReference<?>... outputs) {
        EthCall r = null;
        for (int attempt = 0; attempt < 5 && (r == null || r.hasError()); attempt++) {
            if (attempt > 0) {
                pause();
            }
            r = rpc.call("eth_call", () -> rpc.web3j()
                    .ethCall(Transaction.createEthCallTransaction(from, contract.hex(), data),
                            DefaultBlockParameterName.LATEST)
                    .send());
        }
        if (r.hasError() || r.getValue() == null || r.getValue().equals("0x")) {
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "eth_call to " + contract + " failed: "
                    + (r.hasError() ? r.getError().getMessage() : "no contract code"), null);
        }
        return Abi.decode(r.getValue(), outputs);
    }

    /** The transaction that emitted the first event with these two topics in the block range. */
    TxRef eventTx(EvmAddress contract, String topic0, String topic1, long fromBlock, long toBlock) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), contract.hex());
        filter.addSingleTopic(topic0);
        filter.addSingleTopic(topic1);
        EthLog logs = rpc.call("eth_getLogs", () -> rpc.web3j().ethGetLogs(filter).send());
        if (logs.hasError() || logs.getLogs().isEmpty()) {
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "event " + topic0 + " for " + topic1
                    + " not found in blocks " + fromBlock + ".." + toBlock, null);
        }
        Log log = (Log) logs.getLogs().get(0).get();
        TransactionReceipt receipt = rpc.call("eth_getTransactionReceipt", () -> receipt(log.getTransactionHash()));
        return new TxRef(log.getTransactionHash(), log.getBlockNumber().longValueExact(),
                receipt.getGasUsed().longValueExact());
    }

    private TransactionReceipt receipt(String hash) throws IOException {
        return rpc.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt()
                .orElseThrow(() -> new IOException("no receipt for " + hash));
    }

    /** A node may answer a call at "latest" while it mines the next block: such errors pass on a retry. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "interrupted while reading the chain", e);
        }
    }

    static String addressTopic(EvmAddress address) {
        return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(address.hex()), 64);
    }
}
