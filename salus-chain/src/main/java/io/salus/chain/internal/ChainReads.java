package io.salus.chain.internal;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.web3j.abi.TypeReference;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Reads of the chain as one account sees it: views (retried while a block is being mined), the latest block, simulated
 * calls that report a revert, logs by block range in chunks and the transaction of an event. Thread-safe.
 */
public final class ChainReads {
    private static final long LOG_CHUNK = 2_000;
    private static final int TOPIC_GROUP = 100;
    private final Rpc rpc;
    private final String from;

    public ChainReads(Rpc rpc, String from) {
        this.rpc = rpc;
        this.from = from;
    }

    public long headBlock() {
        return rpc.call("eth_blockNumber", () -> rpc.web3j().ethBlockNumber().send().getBlockNumber()).longValueExact();
    }

    /** The timestamp of the latest block: what a deadline or a delegation expiry is compared with. */
    public Instant latestTimestamp() {
        EthBlock b = rpc.call("eth_getBlockByNumber",
                () -> rpc.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send());
        if (b.hasError() || b.getBlock() == null) {
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "no latest block", null);
        }
        return Instant.ofEpochSecond(b.getBlock().getTimestamp().longValueExact());
    }

    public List<Object> call(EvmAddress contract, String data, TypeReference<?>... outputs) {
        EthCall r = null;
        for (int attempt = 0; attempt < 5 && (r == null || r.hasError()); attempt++) {
            if (attempt > 0) {
                pause();
            }
            r = simulate(contract, data);
        }
        if (r.hasError() || r.getValue() == null || r.getValue().equals("0x")) {
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "eth_call to " + contract + " failed: "
                    + (r.hasError() ? r.getError().getMessage() : "no contract code"), null);
        }
        return Abi.decode(r.getValue(), outputs);
    }

    public BigInteger uint(EvmAddress contract, String data) {
        return (BigInteger) call(contract, data, new TypeReference<org.web3j.abi.datatypes.generated.Uint256>() {
        }).get(0);
    }

    /**
     * Many uint256 views of one contract in one JSON-RPC batch request (one round trip), in the order of {@code calls};
     * asked again a few times while any answer is an error, like {@link #call}.
     */
    public List<BigInteger> uints(EvmAddress contract, List<String> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            if (attempt > 0) {
                pause();
            }
            BatchRequest batch = rpc.web3j().newBatch();
            for (String data : calls) {
                batch.add(rpc.web3j().ethCall(Transaction.createEthCallTransaction(from, contract.hex(), data),
                        DefaultBlockParameterName.LATEST));
            }
            BatchResponse r = rpc.call("eth_call (batch)", batch::send);
            Map<Long, EthCall> byId = new HashMap<>();
            r.getResponses().forEach(x -> byId.put(x.getId(), (EthCall) x));
            List<BigInteger> out = new ArrayList<>(calls.size());
            for (var request : batch.getRequests()) {
                EthCall c = byId.get(request.getId());
                if (c == null || c.hasError() || c.getValue() == null || c.getValue().length() < 66) {
                    break;
                }
                out.add(Numeric.toBigInt(c.getValue().substring(0, 66)));
            }
            if (out.size() == calls.size()) {
                return out;
            }
        }
        throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "a batch of eth_call to " + contract
                + " kept failing", null);
    }

    /**
     * The revert data (0x-hex, selector first) of a call from this account, empty if it would succeed. An error that
     * carries no revert data is asked again a few times, like {@link #call}: a node mining the next block can answer
     * a call at "latest" with such an error.
     */
    public Optional<String> revertData(EvmAddress contract, String data) {
        String revert = "0x";
        for (int attempt = 0; attempt < 5 && revert.equals("0x"); attempt++) {
            if (attempt > 0) {
                pause();
            }
            EthCall r = simulate(contract, data);
            if (!r.hasError()) {
                return Optional.empty();
            }
            String d = r.getError().getData();
            d = d == null ? "" : d.replace("\"", "").trim();
            revert = d.startsWith("0x") ? d : "0x";
        }
        return Optional.of(revert);
    }

    private EthCall simulate(EvmAddress contract, String data) {
        return rpc.call("eth_call", () -> rpc.web3j()
                .ethCall(Transaction.createEthCallTransaction(from, contract.hex(), data),
                        DefaultBlockParameterName.LATEST)
                .send());
    }

    /** The logs of these contracts with one of these first topics in {@code [fromBlock, toBlock]}, in chain order. */
    public List<Log> logs(List<EvmAddress> contracts, List<String> topics0, long fromBlock, long toBlock) {
        List<String> addresses = contracts.stream().map(EvmAddress::hex).toList();
        return logs(fromBlock, toBlock, (from, to) -> {
            EthFilter filter = new EthFilter(from, to, addresses);
            filter.addOptionalTopics(topics0.toArray(String[]::new));
            return filter;
        });
    }

    /**
     * The logs of one contract whose topics match {@code topics} position by position ({@code null}: any) in
     * {@code [fromBlock, toBlock]}, in chain order.
     */
    public List<Log> logs(EvmAddress contract, long fromBlock, long toBlock, String... topics) {
        return logs(fromBlock, toBlock, (from, to) -> {
            EthFilter filter = new EthFilter(from, to, contract.hex());
            for (String topic : topics) {
                if (topic == null) {
                    filter.addNullTopic();
                } else {
                    filter.addSingleTopic(topic);
                }
            }
            return filter;
        });
    }

    /** The logs of a filter over {@code [fromBlock, toBlock]}, asked in chunks of {@link #LOG_CHUNK} blocks. */
    private List<Log> logs(long fromBlock, long toBlock,
            BiFunction<DefaultBlockParameter, DefaultBlockParameter, EthFilter> filterOf) {
        List<Log> all = new ArrayList<>();
        for (long start = fromBlock; start <= toBlock; start += LOG_CHUNK) {
            long end = Math.min(toBlock, start + LOG_CHUNK - 1);
            EthFilter filter = filterOf.apply(DefaultBlockParameter.valueOf(BigInteger.valueOf(start)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(end)));
            EthLog r = rpc.call("eth_getLogs", () -> rpc.web3j().ethGetLogs(filter).send());
            if (r.hasError()) {
                throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "eth_getLogs " + start + ".." + end
                        + " failed: " + r.getError().getMessage(), null);
            }
            for (EthLog.LogResult<?> l : r.getLogs()) {
                all.add((Log) l.get());
            }
        }
        return all;
    }

    /** The transaction that emitted the first event with these two topics in the block range. */
    public TxRef eventTx(EvmAddress contract, String topic0, String topic1, long fromBlock, long toBlock) {
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
        return TxSender.ref(rpc.call("eth_getTransactionReceipt", () -> rpc.web3j()
                .ethGetTransactionReceipt(log.getTransactionHash()).send().getTransactionReceipt()
                .orElseThrow(() -> new IOException("no receipt for " + log.getTransactionHash()))));
    }

    /**
     * For each second topic (lower-case hex), the transaction of the first event with that topic and {@code topic0}
     * in the block range; topics without such an event are absent. A few {@code eth_getLogs} calls in all (the topics
     * in groups), one receipt per transaction.
     */
    public Map<String, TxRef> eventTxs(EvmAddress contract, String topic0, List<String> topics1, long fromBlock,
            long toBlock) {
        Map<String, TxRef> found = new HashMap<>();
        Map<String, TxRef> receipts = new HashMap<>();
        for (int i = 0; i < topics1.size(); i += TOPIC_GROUP) {
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), contract.hex());
            filter.addSingleTopic(topic0);
            filter.addOptionalTopics(topics1.subList(i, Math.min(topics1.size(), i + TOPIC_GROUP))
                    .toArray(String[]::new));
            EthLog logs = rpc.call("eth_getLogs", () -> rpc.web3j().ethGetLogs(filter).send());
            if (logs.hasError()) {
                throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "eth_getLogs failed: "
                        + logs.getError().getMessage(), null);
            }
            for (EthLog.LogResult<?> r : logs.getLogs()) {
                Log log = (Log) r.get();
                String key = log.getTopics().get(1).toLowerCase(Locale.ROOT);
                if (!found.containsKey(key)) {
                    found.put(key, receipts.computeIfAbsent(log.getTransactionHash(), this::receiptRef));
                }
            }
        }
        return found;
    }

    private TxRef receiptRef(String txHash) {
        return TxSender.ref(rpc.call("eth_getTransactionReceipt", () -> rpc.web3j().ethGetTransactionReceipt(txHash)
                .send().getTransactionReceipt().orElseThrow(() -> new IOException("no receipt for " + txHash))));
    }

    /** An address as a 32-byte event topic. */
    public static String addressTopic(EvmAddress address) {
        return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(address.hex()), 64);
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
}
