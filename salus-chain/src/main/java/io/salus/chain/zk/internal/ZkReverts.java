package io.salus.chain.zk.internal;

import io.salus.core.error.ErrorCode;
import java.util.Map;
import java.util.Optional;

/**
 * The custom errors of AttributeGate and ProviderKeyRegistry, by selector, and the failure code each means. Immutable
 * and thread-safe.
 */
public final class ZkReverts {
    /** The table: AttributeGate's and ProviderKeyRegistry's errors. */
    public static final ErrorTable TABLE = ErrorTable.of(Map.ofEntries(
            Map.entry("InvalidPolicy()", ErrorCode.INVALID_REQUEST),
            Map.entry("ScopeExists(uint256)", ErrorCode.INVALID_REQUEST),
            Map.entry("UnknownScope(uint256)", ErrorCode.ZK_SCOPE_UNKNOWN),
            Map.entry("ZeroRecipient()", ErrorCode.INVALID_REQUEST),
            Map.entry("WrongKind(uint256,uint256)", ErrorCode.ZK_CLAIM_OUTSIDE_POLICY),
            Map.entry("ClaimOutsidePolicy(uint256,uint256,uint256,uint256)", ErrorCode.ZK_CLAIM_OUTSIDE_POLICY),
            Map.entry("StaleCommitment(uint256,uint256)", ErrorCode.ZK_COMMITMENT_STALE),
            Map.entry("NotBeforeInFuture(uint256)", ErrorCode.ZK_CLAIM_OUTSIDE_POLICY),
            Map.entry("ProviderKeyInactive(uint256,uint256)", ErrorCode.ZK_PROVIDER_KEY_INACTIVE),
            Map.entry("NullifierUsed(uint256,uint256)", ErrorCode.ZK_NULLIFIER_USED),
            Map.entry("InsufficientGas(uint256,uint256)", ErrorCode.CHAIN_UNAVAILABLE),
            Map.entry("InvalidProof()", ErrorCode.ZK_PROOF_INVALID),
            Map.entry("NotEnrolled(address)", ErrorCode.ZK_PROVIDER_NOT_ENROLLED),
            Map.entry("NotProviderOrOwner(address,address)", ErrorCode.FORBIDDEN),
            Map.entry("InvalidKey(uint256,uint256)", ErrorCode.ZK_PROVIDER_KEY_INVALID),
            Map.entry("KeyAlreadyRegistered(bytes32)", ErrorCode.ZK_PROVIDER_KEY_INVALID),
            Map.entry("NoActiveKey(address)", ErrorCode.ZK_PROVIDER_KEY_INACTIVE),
            Map.entry("OwnableUnauthorizedAccount(address)", ErrorCode.FORBIDDEN)));

    private ZkReverts() {
    }

    /** The custom error's name, if the revert data ({@code 0x} + selector + arguments) is one of ours. */
    public static Optional<String> name(String revertData) {
        return TABLE.name(revertData);
    }

    /** The failure code of the revert data, if it is one of ours. */
    public static Optional<ErrorCode> code(String revertData) {
        return TABLE.code(revertData);
    }
}
