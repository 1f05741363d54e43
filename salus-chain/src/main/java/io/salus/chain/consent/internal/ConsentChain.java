package io.salus.chain.consent.internal;

import io.salus.chain.internal.Abi;
import io.salus.chain.internal.Rpc;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads of the consent contracts: views (retried while a block is being mined), the latest block, simulated calls
 * that report a revert, and logs by block range in chunks. Thread-safe.
 */
public final class ConsentChain {
    private static final long LOG_CHUNK = 2_000;
    private final Rpc rpc;
    private final String from;

    public ConsentChain(Rpc rpc, String from) {
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

    /** The revert data (0x-hex, selector first) of a call from the relayer, empty if it would succeed. */
    public Optional<String> revertData(EvmAddress contract, String data) {
        EthCall r = simulate(contract, data);
        if (!r.hasError()) {
            return Optional.empty();
        }
        String d = r.getError().getData();
        d = d == null ? "" : d.replace("\"", "").trim();
        return Optional.of(d.startsWith("0x") ? d : "0x");
    }

    private EthCall simulate(EvmAddress contract, String data) {
        return rpc.call("eth_call", () -> rpc.web3j()
                .ethCall(Transaction.createEthCallTransaction(from, contract.hex(), data),
                        DefaultBlockParameterName.LATEST)
                .send());
    }

    /** The logs of these contracts with one of these first topics in {@code [fromBlock, toBlock]}, in chain order. */
    public List<Log> logs(List<EvmAddress> contracts, List<String> topics0, long fromBlock, long toBlock) {
        List<Log> all = new ArrayList<>();
        List<String> addresses = contracts.stream().map(EvmAddress::hex).toList();
        for (long start = fromBlock; start <= toBlock; start += LOG_CHUNK) {
            long end = Math.min(toBlock, start + LOG_CHUNK - 1);
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(start)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(end)), addresses);
            filter.addOptionalTopics(topics0.toArray(String[]::new));
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

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "interrupted while reading the chain", e);
        }
    }
}
