package io.salus.chain;

import io.salus.chain.internal.Rpc;
import io.salus.core.account.EvmAddress;
import java.time.Duration;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** Reads an account's mined transaction count, for the tests. */
final class Nonces {
    private Nonces() {
    }

    static long of(String rpcUrl, EvmAddress address) {
        try (Rpc rpc = Rpc.connect(rpcUrl, Duration.ofSeconds(10))) {
            return rpc.call("nonce", () -> rpc.web3j().ethGetTransactionCount(address.hex(),
                    DefaultBlockParameterName.LATEST).send().getTransactionCount()).longValueExact();
        }
    }
}
