package io.salus.core.account;

/** Decentralised identifiers of accounts: {@code did:pkh:eip155:<chainId>:<address>}. */
public final class Did {
    private Did() {
    }

    public static String pkh(long chainId, EvmAddress address) {
        return "did:pkh:eip155:" + chainId + ":" + address.hex();
    }
}
