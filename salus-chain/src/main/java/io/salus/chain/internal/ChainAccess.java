package io.salus.chain.internal;

import io.salus.chain.ContractAddresses;

/**
 * The connection of an {@code EvmLedger}, shared with the other adapters on the same chain so that every transaction
 * of the relayer goes through one {@link TxSender} (one nonce counter, one journal). Owned by the ledger, which closes
 * the RPC client.
 */
public record ChainAccess(Rpc rpc, TxSender sender, long chainId, ContractAddresses contracts) {
}
