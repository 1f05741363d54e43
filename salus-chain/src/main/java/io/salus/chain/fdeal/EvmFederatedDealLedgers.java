package io.salus.chain.fdeal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.chain.EvmLedger;
import io.salus.chain.internal.Rpc;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.port.FederatedDealLedger;
import io.salus.core.port.FederatedDealLedgers;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;

/**
 * Federated deals' escrows on an EVM chain. This node's own is deployed by its relayer on first use and its address
 * kept in {@code addressFile} (checked against the chain at the next start). An escrow another node names is accepted
 * only if its code is exactly what FederatedDeals' creation code returns for this alliance's payment token, policy,
 * registry and treasury (an {@code eth_call} of the creation code yields the runtime code with those immutables), so a
 * member never commits or settles on a look-alike. Thread-safe.
 */
public final class EvmFederatedDealLedgers implements FederatedDealLedgers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EvmLedger ledger;
    private final EvmAddress registry;
    private final Path addressFile;
    private final Consumer<EvmAddress> gasFunder;
    private final int chunkSize;
    private final ConcurrentMap<EvmAddress, EvmFederatedDeals> verified = new ConcurrentHashMap<>();
    private volatile EvmFederatedDeals own;

    public EvmFederatedDealLedgers(EvmLedger ledger, EvmAddress registry, Path addressFile,
            Consumer<EvmAddress> gasFunder, int chunkSize) {
        this.ledger = ledger;
        this.registry = registry;
        this.addressFile = addressFile;
        this.gasFunder = gasFunder;
        this.chunkSize = chunkSize;
    }

    @Override
    public synchronized FederatedDealLedger own() {
        if (own == null) {
            EvmAddress address;
            if (Files.exists(addressFile)) {
                address = read();
                if (!at(address).isOk()) {
                    throw new SalusException(addressFile + " names " + address + ", which holds no FederatedDeals "
                            + "escrow of this alliance on this chain");
                }
            } else {
                address = EvmFederatedDeals.deploy(ledger, registry);
                write(address);
            }
            own = EvmFederatedDeals.on(ledger, address, gasFunder, chunkSize);
            verified.put(address, own);
        }
        return own;
    }

    @Override
    public Result<FederatedDealLedger> at(EvmAddress contract) {
        EvmFederatedDeals known = verified.get(contract);
        if (known != null) {
            return Result.ok(known);
        }
        Rpc rpc = ledger.access().rpc();
        String code = rpc.call("eth_getCode", () -> rpc.web3j().ethGetCode(contract.hex(),
                DefaultBlockParameterName.LATEST).send().getCode());
        String expected = rpc.call("eth_call", () -> rpc.web3j().ethCall(Transaction.createEthCallTransaction(
                ledger.access().sender().from(), null, EvmFederatedDeals.creationCode(ledger, registry)),
                DefaultBlockParameterName.LATEST).send()).getValue();
        if (code == null || expected == null || code.length() <= 2
                || !code.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT))) {
            return Result.fail(ErrorCode.FDEAL_UNKNOWN_ESCROW, contract + " is not a FederatedDeals escrow of this "
                    + "alliance");
        }
        EvmFederatedDeals deals = EvmFederatedDeals.on(ledger, contract, gasFunder, chunkSize);
        verified.put(contract, deals);
        return Result.ok(deals);
    }

    private EvmAddress read() {
        try {
            return new EvmAddress(JSON.readTree(addressFile.toFile()).path("federatedDeals").asText());
        } catch (IOException | IllegalArgumentException e) {
            throw new SalusException("cannot read " + addressFile, e);
        }
    }

    private void write(EvmAddress address) {
        try {
            AtomicFiles.write(addressFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON
                    .createObjectNode().put("chainId", ledger.access().chainId()).put("registry", registry.hex())
                    .put("federatedDeals", address.hex())));
        } catch (IOException e) {
            throw new SalusException("cannot write " + addressFile, e);
        }
    }
}
