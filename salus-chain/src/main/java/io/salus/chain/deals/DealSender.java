package io.salus.chain.deals;

import io.salus.chain.consent.internal.ConsentChain;
import io.salus.chain.deals.internal.DealReverts;
import io.salus.chain.internal.Rpc;
import io.salus.chain.internal.TxSender;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import io.salus.core.merkle.Hash32;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends deal transactions through a {@link TxSender} and maps a contract's refusal to its failure code; finds the
 * transaction of an earlier event for idempotent repeats. Thread-safe.
 */
final class DealSender {
    private final Rpc rpc;

    DealSender(Rpc rpc) {
        this.rpc = rpc;
    }

    /** Sends a call; a refusal by the contract becomes the failure its custom error means. */
    Result<TransactionReceipt> send(TxSender from, EvmAddress to, String data) {
        try {
            return Result.ok(from.send(to.hex(), data));
        } catch (UnavailableException e) {
            throw e;
        } catch (SalusException e) {
            Optional<ErrorCode> code = new ConsentChain(rpc, from.from()).revertData(to, data)
                    .flatMap(DealReverts::code);
            if (code.isEmpty()) {
                throw e;
            }
            return Result.fail(code.get(), "the contract refused the call: " + e.getMessage());
        }
    }

    /** The logs of DataDeals' event {@code topic0} about a deal, optionally with a given fourth topic. */
    java.util.List<Log> logs(EvmAddress contract, String topic0, Hash32 dealId, Optional<String> topic3) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO),
                DefaultBlockParameterName.LATEST, contract.hex());
        filter.addSingleTopic(topic0);
        filter.addSingleTopic(dealId.hex());
        if (topic3.isPresent()) {
            filter.addNullTopic();
            filter.addSingleTopic(topic3.get());
        }
        EthLog logs = rpc.call("eth_getLogs", () -> rpc.web3j().ethGetLogs(filter).send());
        if (logs.hasError()) {
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "eth_getLogs failed: "
                    + logs.getError().getMessage(), null);
        }
        return logs.getLogs().stream().map(r -> (Log) r.get()).toList();
    }

    /** The transaction of the first event {@code topic0} about a deal. */
    TxRef eventTx(EvmAddress contract, String topic0, Hash32 dealId) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO),
                DefaultBlockParameterName.LATEST, contract.hex());
        filter.addSingleTopic(topic0);
        filter.addSingleTopic(dealId.hex());
        EthLog logs = rpc.call("eth_getLogs", () -> rpc.web3j().ethGetLogs(filter).send());
        if (logs.hasError() || logs.getLogs().isEmpty()) {
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "no event " + topic0 + " for deal " + dealId,
                    null);
        }
        Log log = (Log) logs.getLogs().get(0).get();
        TransactionReceipt r = rpc.call("eth_getTransactionReceipt", () -> rpc.web3j()
                .ethGetTransactionReceipt(log.getTransactionHash()).send().getTransactionReceipt()
                .orElseThrow(() -> new java.io.IOException("no receipt for " + log.getTransactionHash())));
        return ref(r);
    }

    static TxRef ref(TransactionReceipt r) {
        return new TxRef(r.getTransactionHash(), r.getBlockNumber().longValueExact(), r.getGasUsed().longValueExact());
    }
}
