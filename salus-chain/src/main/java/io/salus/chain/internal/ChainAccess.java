package io.salus.chain.internal;

import io.salus.chain.ContractAddresses;
import io.salus.core.account.EvmAddress;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The connection of an {@code EvmLedger}, shared with the other adapters on the same chain so that every transaction
 * of the relayer goes through one {@link TxSender} (one nonce counter, one journal). Owned by the ledger, which closes
 * the RPC client.
 */
public record ChainAccess(Rpc rpc, TxSender sender, long chainId, ContractAddresses contracts) {
    /** Whether the chain holds code at {@code a} now (a contract deployed there and not lost). */
    public boolean hasCode(EvmAddress a) {
        String code = rpc.call("eth_getCode", () -> rpc.web3j().ethGetCode(a.hex(), DefaultBlockParameterName.LATEST)
                .send().getCode());
        return code != null && !code.equals("0x") && !code.isEmpty();
    }
}
